package dev.pulseboard.console.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.stereotype.Component;

/**
 * The signed-in person's access token, refreshed when it is about to expire. Browser components
 * use it to talk to push-gateway and query directly, scoped to the person's tenant.
 */
@Component
public class UserTokens {
    static final String REGISTRATION = "pulseboard";
    private final OAuth2AuthorizedClientManager clients;

    UserTokens(OAuth2AuthorizedClientManager clients) {
        this.clients = clients;
    }

    public String currentAccessToken() {
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        OAuth2AuthorizedClient client = clients.authorize(
                OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal(person).build());
        if (client == null) {
            throw new IllegalStateException("no authorized client for the signed-in person");
        }
        return client.getAccessToken().getTokenValue();
    }
}
