package dev.pulseboard.service.security;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * How the APIs check tokens: signatures against tenant-api's JWKS (keys cached, no call per
 * request; an unknown key id makes the decoder fetch the set again, which is how a rotated key is
 * learnt), the issuer, the audience, and expiry with only 10 s of clock skew. Spring's default skew is 60 s,
 * which would keep a revoked client's last token alive up to a minute past its expiry; with
 * machine tokens living 30 s, a revoked client is locked out within 40 s (the contract says 60).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")
public class TokenValidation {
    static final Duration CLOCK_SKEW = Duration.ofSeconds(10);
    /** The audience of every access token tenant-api issues for Pulseboard's APIs. */
    public static final String AUDIENCE = "pulseboard-api";

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
                          @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        decoder.setJwtValidator(validator(issuer));
        return decoder;
    }

    /** The checks every Pulseboard API applies to a correctly signed token. */
    public static OAuth2TokenValidator<Jwt> validator(String issuer) {
        return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(CLOCK_SKEW), new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(AUDIENCE));
    }
}
