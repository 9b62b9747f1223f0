package dev.pulseboard.service.security;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Explicit CORS for the /v1 APIs: only the console's origin (and any listed in
 * {@code pulseboard.cors.allowed-origins}) may call them from a browser, with a bearer token and
 * no cookies. Preflights from any other origin are refused.
 */
@AutoConfiguration
public class ApiCors {
    // By name: Spring MVC's HandlerMappingIntrospector is a CorsConfigurationSource too, and Spring
    // Security's cors() looks for this name first.
    @Bean
    @ConditionalOnMissingBean(name = "corsConfigurationSource")
    CorsConfigurationSource corsConfigurationSource(
            @Value("${pulseboard.cors.allowed-origins:${PB_CONSOLE_URL:http://127.0.0.1:8080}}") List<String> allowedOrigins) {
        CorsConfiguration api = new CorsConfiguration();
        api.setAllowedOrigins(allowedOrigins);
        api.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE"));
        api.setAllowedHeaders(List.of("Authorization", "Content-Type", "Content-Encoding"));
        api.setExposedHeaders(List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After"));
        api.setAllowCredentials(false);
        api.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/v1/**", api);
        return source;
    }
}
