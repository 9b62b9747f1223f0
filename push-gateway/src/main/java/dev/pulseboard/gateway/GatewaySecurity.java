package dev.pulseboard.gateway;

import dev.pulseboard.service.problems.ProblemSecurityHandlers;
import dev.pulseboard.service.security.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The WebSocket and SockJS handshakes are open: browsers cannot put a bearer token on them.
 * Authentication happens on the STOMP CONNECT frame (see StompGuard).
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {
    /** The endpoint catalog takes a bearer token, like every other service's. */
    @Bean
    @Order(1)
    SecurityFilterChain endpointCatalog(HttpSecurity http) throws Exception {
        ResourceServerSecurity.apply(http.securityMatcher(ResourceServerSecurity.ENDPOINT_CATALOG))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(ResourceServerSecurity.PLATFORM_ADMIN));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain handshakes(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(ProblemSecurityHandlers.unauthorized()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/ws", "/ws/**", "/sockjs", "/sockjs/**", "/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }
}
