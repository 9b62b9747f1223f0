package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Explicit CORS and security headers on every API, as a browser meets them. */
class HardeningTest {
    private static final String CONSOLE_ORIGIN = "http://127.0.0.1:8080";

    private final Stack stack = Stack.fromDemoEnv();

    private List<URI> apis() {
        return List.of(stack.tenantApi.resolve("/v1/api-clients"), stack.ingestion.resolve("/v1/events"), stack.query.resolve("/v1/query"));
    }

    @Test
    void onlyTheConsolesOriginMayCallTheApisFromABrowser() throws Exception {
        for (URI api : apis()) {
            HttpResponse<String> foreign = preflight(api, "https://evil.example");
            assertThat(foreign.statusCode()).as("preflight from another origin to %s", api).isEqualTo(403);
            assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

            HttpResponse<String> console = preflight(api, CONSOLE_ORIGIN);
            assertThat(console.statusCode()).as("preflight from the console to %s", api).isEqualTo(200);
            assertThat(console.headers().firstValue("Access-Control-Allow-Origin")).contains(CONSOLE_ORIGIN);
            assertThat(console.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        }
    }

    @Test
    void apiAnswersCarrySecurityHeaders() throws Exception {
        for (URI api : apis()) {
            HttpResponse<String> answer = Stack.HTTP.send(HttpRequest.newBuilder(api).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as("%s", api).contains("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).as("%s", api).contains("DENY");
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as("%s", api)
                    .hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'").contains("frame-ancestors 'none'"));
            assertThat(answer.headers().firstValue("Referrer-Policy")).as("%s", api).contains("no-referrer");
            assertThat(answer.headers().firstValue("Cache-Control")).as("%s", api).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        }
    }

    private static HttpResponse<String> preflight(URI api, String origin) throws Exception {
        return Stack.HTTP.send(HttpRequest.newBuilder(api)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
