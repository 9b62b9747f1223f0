package dev.pulseboard.query.retention.internal;

import dev.pulseboard.service.http.ServiceClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Every tenant's 1 min retention, as its plan sets it, read from tenant-api's tenant list with
 * query's own client_credentials token (Spring Security's authorized-client manager fetches and
 * renews it).
 */
@Component
public class TenantPlans {
    private static final Logger log = LoggerFactory.getLogger(TenantPlans.class);
    private static final String REGISTRATION = "tenant-api";
    private static final String CLIENT_ID = "pulseboard-query";

    record TenantPlan(String tenantId, int minuteRetentionDays) {
    }

    private final RestClient tenantApi;
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager tokens;

    TenantPlans(@Value("${pulseboard.tenant-api.url}") String tenantApiUrl,
                @Value("${pulseboard.tenant-api.client-secret:}") String clientSecret) {
        this.tenantApi = ServiceClients.to(tenantApiUrl, Duration.ofSeconds(5), Duration.ofSeconds(20));
        if (clientSecret == null || clientSecret.isBlank()) {
            this.tokens = null;
            return;
        }
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(CLIENT_ID)
                .clientSecret(clientSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope("tenants:read")
                .tokenUri(tenantApiUrl + "/oauth2/token")
                .build();
        var registrations = new InMemoryClientRegistrationRepository(registration);
        this.tokens = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
                new InMemoryOAuth2AuthorizedClientService(registrations));
    }

    /**
     * Tenant id to its 1 min retention; empty when tenant-api could not be asked. Without a client
     * secret no tenant has a plan of its own, and all get the default.
     */
    public Optional<Map<String, Duration>> minuteRetention() {
        if (tokens == null) {
            return Optional.of(Map.of());
        }
        try {
            OAuth2AuthorizedClient client = tokens.authorize(
                    OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal(CLIENT_ID).build());
            List<TenantPlan> tenants = tenantApi.get().uri("/v1/admin/tenants")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + client.getAccessToken().getTokenValue())
                    .retrieve()
                    .body(new ParameterizedTypeReference<List<TenantPlan>>() { });
            return Optional.of(tenants.stream().collect(Collectors.toMap(TenantPlan::tenantId,
                    tenant -> Duration.ofDays(tenant.minuteRetentionDays()))));
        } catch (RestClientException | OAuth2AuthorizationException e) {
            log.warn("Tenants' plans could not be read from tenant-api: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
