package dev.pulseboard.e2e;

import dev.pulseboard.tenantapi.BrowserlessSignIn;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A tenant made the way a customer makes one: signup, sign-in as its owner, then an API client.
 */
record SecondTenant(String tenantId, String clientId, String clientSecret, String ownerToken) {
    static SecondTenant signUp(Stack stack) throws Exception {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        String password = "a long and unusual password";
        String signup = Stack.JSON.writeValueAsString(Map.of("tenantName", "Other Co", "email", email, "password", password));
        JsonNode ids = Stack.parse(stack.postJson(stack.tenantApi.resolve("/v1/signup"), null, signup).body());
        String ownerToken = new BrowserlessSignIn(stack.tenantApi).accessToken(email, password);
        JsonNode client = Stack.parse(stack.postJson(stack.tenantApi.resolve("/v1/api-clients"), ownerToken,
                "{\"name\":\"isolation-test\",\"scopes\":[\"events:write\",\"metrics:read\"]}").body());
        return new SecondTenant(ids.get("tenantId").stringValue(), client.get("clientId").stringValue(),
                client.get("clientSecret").stringValue(), ownerToken);
    }
}
