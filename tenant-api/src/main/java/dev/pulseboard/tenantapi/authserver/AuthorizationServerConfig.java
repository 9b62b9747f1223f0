package dev.pulseboard.tenantapi.authserver;

import dev.pulseboard.service.security.ResourceServerSecurity;
import dev.pulseboard.service.security.TokenValidation;
import dev.pulseboard.tenantapi.accounts.AccountService;
import dev.pulseboard.tenantapi.authserver.internal.SigningKeys;
import dev.pulseboard.tenantapi.signin.SignInThrottle;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Three filter chains: the OAuth2 protocol endpoints, the bearer-token API under /v1, and the
 * sign-in form that the authorization-code flow sends people to.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, as -> as.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
        ResourceServerSecurity.apply(http.securityMatcher("/v1/**", ResourceServerSecurity.ENDPOINT_CATALOG))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(ResourceServerSecurity.ENDPOINT_CATALOG).hasRole(ResourceServerSecurity.PLATFORM_ADMIN)
                        .requestMatchers(HttpMethod.POST, "/v1/signup", "/v1/invites/accept").permitAll()
                        .requestMatchers("/v1/api-clients/**", "/v1/api-clients", "/v1/users/**", "/v1/users",
                                "/v1/invites/**", "/v1/invites", "/v1/audit").hasAnyRole("OWNER", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/v1/admin/tenants")
                        .hasAnyAuthority("ROLE_" + ResourceServerSecurity.PLATFORM_ADMIN, "SCOPE_" + FirstPartyClients.TENANTS_READ)
                        .requestMatchers("/v1/admin/**").hasRole("PLATFORM_ADMIN")
                        .requestMatchers(HttpMethod.GET, "/v1/dashboards", "/v1/dashboards/*")
                        .hasAnyAuthority("ROLE_OWNER", "ROLE_ADMIN", "ROLE_MEMBER", "ROLE_VIEWER", "SCOPE_metrics:read")
                        .requestMatchers("/v1/dashboards", "/v1/dashboards/*").hasAnyRole("OWNER", "ADMIN", "MEMBER")
                        .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain signInChain(HttpSecurity http, SignInThrottle throttle) throws Exception {
        http.addFilterBefore(throttle.signInFormFilter(), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/error", "/signup", "/invite", "/pages/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    SignInThrottle signInThrottle() {
        return new SignInThrottle(Clock.systemUTC());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService people(AccountService accounts) {
        return email -> accounts.findByEmail(email)
                .map(account -> User.withUsername(account.email()).password(account.passwordHash())
                        .roles(account.role().name()).build())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    @Bean
    RegisteredClientRepository registeredClients(JdbcTemplate jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService authorizations(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    OAuth2AuthorizationConsentService consents(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    SigningKeys signingKeys(JdbcClient jdbc, AuthServerProperties properties) {
        Duration longestTokenLife = properties.accessTokenTtl().compareTo(properties.machineTokenTtl()) > 0
                ? properties.accessTokenTtl() : properties.machineTokenTtl();
        return new SigningKeys(jdbc, properties.keyEncryptionSecret(), longestTokenLife, Clock.systemUTC());
    }

    /** tenant-api's own API checks tokens exactly as the other services do, against its own keys. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys signingKeys, AuthServerProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(signingKeys).build();
        decoder.setJwtValidator(TokenValidation.validator(properties.issuer()));
        return decoder;
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthServerProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }
}
