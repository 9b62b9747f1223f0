package dev.pulseboard.query;

import dev.pulseboard.service.security.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
class QuerySecurity {
    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        ResourceServerSecurity.apply(http).authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers(ResourceServerSecurity.ENDPOINT_CATALOG).hasRole(ResourceServerSecurity.PLATFORM_ADMIN)
                .requestMatchers("/v1/query", "/v1/metrics", "/v1/late-events").hasAuthority("SCOPE_metrics:read")
                .anyRequest().denyAll());
        return http.build();
    }
}
