package dev.pulseboard.service.security;

import dev.pulseboard.service.problems.ProblemSecurityHandlers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The bearer-token setup every API shares: stateless, JWTs checked against tenant-api's JWKS,
 * scopes as {@code SCOPE_x} and tenant roles as {@code ROLE_x} authorities, problem+json errors,
 * explicit CORS ({@link ApiCors}) and security headers. CSRF protection is off because these APIs
 * take no cookies: a browser cannot send a bearer token on its own.
 */
public final class ResourceServerSecurity {
    /**
     * The actuator's list of registered endpoints, for platform administrators only: the isolation
     * suite reads it to find endpoints that it does not cover yet.
     */
    public static final String ENDPOINT_CATALOG = "/actuator/mappings";
    public static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";

    private ResourceServerSecurity() {
    }

    public static HttpSecurity apply(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(ProblemSecurityHandlers.unauthorized())
                        .accessDeniedHandler(ProblemSecurityHandlers.forbidden()))
                .oauth2ResourceServer(rs -> rs
                        .authenticationEntryPoint(ProblemSecurityHandlers.unauthorized())
                        .accessDeniedHandler(ProblemSecurityHandlers.forbidden())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authoritiesFromScopesAndRoles())));
    }

    public static JwtAuthenticationConverter authoritiesFromScopesAndRoles() {
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter((Jwt jwt) -> {
            Collection<GrantedAuthority> authorities = new ArrayList<>(scopes.convert(jwt));
            List<String> roles = jwt.getClaimAsStringList(TenantTokens.ROLES_CLAIM);
            if (roles != null) {
                roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            }
            return authorities;
        });
        return converter;
    }
}
