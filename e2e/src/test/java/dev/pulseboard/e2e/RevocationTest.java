package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The contract: DELETE /v1/api-clients/{id} revokes a client, and its tokens stop working within 60 s. */
class RevocationTest {
    private final Stack stack = Stack.fromDemoEnv();

    @Test
    void aRevokedClientsTokensStopWorkingEverywhereWithinSixtySeconds() throws Exception {
        SecondTenant tenant = SecondTenant.signUp(stack);
        String token = stack.token(tenant.clientId(), tenant.clientSecret(), "events:write metrics:read");
        String query = "{\"metric\":\"e2e.revoked\",\"aggregation\":\"count\",\"from\":1,\"to\":2}";
        assertThat(stack.postJson(stack.ingestion.resolve("/v1/events"), token, "[{\"metric\":\"e2e.revoked\"}]").statusCode()).isEqualTo(202);
        assertThat(stack.postJson(stack.query.resolve("/v1/query"), token, query).statusCode()).isEqualTo(200);

        long revokedAt = System.currentTimeMillis();
        var revoke = Stack.HTTP.send(HttpRequest.newBuilder(stack.tenantApi.resolve("/v1/api-clients/" + tenant.clientId()))
                .header("Authorization", "Bearer " + tenant.ownerToken()).DELETE().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(revoke.statusCode()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(stack.postJson(stack.ingestion.resolve("/v1/events"), token, "[{\"metric\":\"e2e.revoked\"}]").statusCode())
                    .isEqualTo(401);
            assertThat(stack.postJson(stack.query.resolve("/v1/query"), token, query).statusCode()).isEqualTo(401);
            assertThat(new LiveClientProbe(stack).refuses(token)).isTrue();
        });
        assertThat(System.currentTimeMillis() - revokedAt).isLessThanOrEqualTo(60_000);
    }

    /** Whether push-gateway refuses a STOMP CONNECT with the token. */
    private record LiveClientProbe(Stack stack) {
        boolean refuses(String token) {
            try (LiveClient ignored = new LiveClient(stack.gatewayWs, token)) {
                return false;
            } catch (Exception refused) {
                return true;
            }
        }
    }
}
