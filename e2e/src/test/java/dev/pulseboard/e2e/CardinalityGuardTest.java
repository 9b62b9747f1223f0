package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A tenant past its plan's active-series limit gets new series dropped at intake, reported per
 * event and counted where it can see it. The test puts its tenant on a plan of 200 series (the
 * default plan has 10,000), so it need not invent ten thousand.
 */
class CardinalityGuardTest {
    private final Stack stack = Stack.fromDemoEnv();

    @Test
    void newSeriesBeyondTheLimitAreDroppedReportedAndCounted() throws Exception {
        SecondTenant tenant = SecondTenant.signUp(stack);
        assertThat(usage(stack.token(tenant.clientId(), tenant.clientSecret(), "events:write")).get("activeSeriesLimit").asLong())
                .as("the free plan's limit").isEqualTo(10_000);
        stack.putOnPlan(tenant.tenantId(), "e2e-200-series", 200, 30, 3_600);
        String writer = stack.token(tenant.clientId(), tenant.clientSecret(), "events:write");
        JsonNode usage = usage(writer);
        long limit = usage.get("activeSeriesLimit").asLong();
        assertThat(limit).as("the new plan's limit, from the next token on").isEqualTo(200);
        assertThat(usage.get("activeSeries").asLong()).isZero();

        StringBuilder events = new StringBuilder("[");
        for (long i = 0; i <= limit; i++) {
            events.append(i == 0 ? "" : ",").append("{\"metric\":\"e2e.cardinality\",\"tags\":{\"request_id\":\"r").append(i).append("\"}}");
        }
        HttpResponse<String> response = stack.postJson(stack.ingestion.resolve("/v1/events"), writer, events.append(']').toString());
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode result = Stack.parse(response.body());
        assertThat(result.get("accepted").asLong()).isEqualTo(limit);
        assertThat(result.get("rejected").asLong()).isEqualTo(1);
        assertThat(result.get("errors").get(0).get("index").asLong()).isEqualTo(limit);
        assertThat(result.get("errors").get(0).get("reason").stringValue()).contains("active series");

        String known = "[{\"metric\":\"e2e.cardinality\",\"tags\":{\"request_id\":\"r0\"}}]";
        assertThat(Stack.parse(stack.postJson(stack.ingestion.resolve("/v1/events"), writer, known).body()).get("accepted").asLong())
                .as("a series already active still gets through").isEqualTo(1);

        usage = usage(writer);
        assertThat(usage.get("activeSeries").asLong()).isEqualTo(limit);
        assertThat(usage.get("droppedNewSeries").asLong()).isEqualTo(1);
        assertThat(usage(stack.token("events:write")).get("droppedNewSeries").asLong()).as("another tenant's count").isZero();
    }

    private JsonNode usage(String token) throws Exception {
        HttpResponse<String> response = stack.get(stack.ingestion.resolve("/v1/usage"), token);
        assertThat(response.statusCode()).isEqualTo(200);
        return Stack.parse(response.body());
    }
}
