package dev.pulseboard.console.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.SecurityFilterChain;

/** Sign-in is tenant-api's authorization-code flow with PKCE; the console keeps no passwords. */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {
    @Bean
    SecurityFilterChain console(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver withPkce =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll())
                .oauth2Login(login -> login.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(withPkce)))
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.oauth2LoginPage("/oauth2/authorization/" + UserTokens.REGISTRATION));
        return http.build();
    }

    /** Vaadin needs exactly one executor it can pick; name it so Spring's others do not confuse it. */
    @Bean(name = "VaadinTaskExecutor")
    TaskExecutor vaadinTaskExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("vaadin-");
        executor.initialize();
        return executor;
    }
}
