package dev.pulseboard.ingestion;

import dev.pulseboard.service.security.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
class IngestionSecurity {
    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        ResourceServerSecurity.apply(http).authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers(ResourceServerSecurity.ENDPOINT_CATALOG).hasRole(ResourceServerSecurity.PLATFORM_ADMIN)
                .requestMatchers("/v1/events").hasAuthority("SCOPE_events:write")
                .requestMatchers("/v1/usage").hasAnyAuthority("SCOPE_events:write", "SCOPE_metrics:read")
                .anyRequest().denyAll());
        return http.build();
    }
}
