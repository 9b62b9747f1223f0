package dev.pulseboard.e2e;

import static dev.pulseboard.tenantapi.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /v1/events as the contract describes it, against the running ingestion service. */
class IngestionContractTest {
    private final Stack stack = Stack.fromDemoEnv();
    private URI events;
    private String writer;

    @BeforeEach
    void token() throws Exception {
        events = stack.ingestion.resolve("/v1/events");
        writer = stack.token("events:write");
    }

    @Test
    void aMixedBatchStoresTheValidEventsAndReportsTheOthersByIndex() throws Exception {
        String metric = "e2e.mixed." + UUID.randomUUID().toString().substring(0, 8);
        long now = System.currentTimeMillis();
        String batch = """
                [{"metric":"%1$s","value":1,"timestamp":%2$d},
                 {"metric":"9starts-with-digit","value":1},
                 {"metric":"%1$s","value":"NaN"},
                 {"metric":"%1$s","value":3,"timestamp":%2$d,"tags":{"region":"eu"}},
                 {"metric":"%1$s","timestamp":%3$d},
                 {"metric":"%1$s"}]""".formatted(metric, now, now + Duration.ofMinutes(6).toMillis());
        HttpResponse<String> response = stack.postJson(events, writer, batch);

        assertThat(response.statusCode()).isEqualTo(202);
        assertRateLimitHeaders(response);
        JsonNode result = Stack.parse(response.body());
        assertThat(result.get("accepted").asInt()).isEqualTo(3);
        assertThat(result.get("rejected").asInt()).isEqualTo(3);
        assertThat(result.get("errors").toString()).contains("\"index\":1").contains("\"index\":2").contains("\"index\":4")
                .contains("metric must be").contains("value must be a number").contains("future");

        // The three accepted events (two measurements and one occurrence) reach storage.
        String reader = stack.token("metrics:read");
        String query = """
                {"metric":"%s","aggregation":"count","from":%d,"to":%d,"step":"1m"}"""
                .formatted(metric, now - 120_000, System.currentTimeMillis() + 60_000);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode series = Stack.parse(stack.postJson(stack.query.resolve("/v1/query"), reader, query).body()).get("series");
            long stored = 0;
            for (JsonNode s : series) {
                for (JsonNode point : s.get("points")) {
                    stored += point.get(1).asLong();
                }
            }
            assertThat(stored).isEqualTo(3);
        });
    }

    @Test
    void ndjsonAndGzipAreAccepted() throws Exception {
        String ndjson = "{\"metric\":\"e2e.ndjson\",\"value\":1}\n\n{\"metric\":\"e2e.ndjson\",\"value\":2}\n";
        HttpResponse<String> response = stack.post(events, writer, "application/x-ndjson", "gzip",
                HttpRequest.BodyPublishers.ofByteArray(gzip(ndjson.getBytes(StandardCharsets.UTF_8))));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(Stack.parse(response.body()).get("accepted").asInt()).isEqualTo(2);
    }

    @Test
    void unreadableOrOversizedBodiesAreRejectedWhole() throws Exception {
        assertRateLimitHeaders(assertProblemResponse(stack.postJson(events, writer, "[{\"metric\":"), 400, "malformed-body"));
        assertProblemResponse(stack.postJson(events, writer, "{\"metric\":\"m\"}"), 400, "malformed-body");

        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 10_001; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"metric\":\"m\"}");
        }
        assertProblemResponse(stack.postJson(events, writer, tooMany.append(']').toString()), 413, "too-many-events");

        byte[] elevenMebibytesOfSpaces = " ".repeat(11 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
        assertProblemResponse(stack.post(events, writer, "application/json", "gzip",
                HttpRequest.BodyPublishers.ofByteArray(gzip(elevenMebibytesOfSpaces))), 413, "body-too-large");
    }

    @Test
    void tokensWithoutTheWriteScopeOrWithoutATokenAreRefused() throws Exception {
        assertProblem(stack.postJson(events, null, "[]"), 401, "unauthorized");
        assertProblem(stack.postJson(events, "forged.token.value", "[]"), 401, "unauthorized");
        assertProblem(stack.postJson(events, stack.token("metrics:read"), "[]"), 403, "forbidden");
    }

    private static HttpResponse<String> assertProblemResponse(HttpResponse<String> response, int status, String type) {
        assertProblem(response, status, type);
        return response;
    }

    private static void assertRateLimitHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("RateLimit-Limit")).isPresent();
        assertThat(response.headers().firstValue("RateLimit-Remaining")).isPresent();
        assertThat(response.headers().firstValue("RateLimit-Reset")).isPresent();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }
}
