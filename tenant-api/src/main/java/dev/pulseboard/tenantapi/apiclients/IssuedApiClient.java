package dev.pulseboard.tenantapi.apiclients;

import java.util.List;

/** The answer to creating a client: the only time its secret is shown. */
public record IssuedApiClient(String clientId, String clientSecret, String name, List<String> scopes) {
}
