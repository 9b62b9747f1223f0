package dev.pulseboard.e2e;

import dev.pulseboard.tenantapi.BrowserlessSignIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The running stack as a contract-following client sees it: its URLs and the demo credentials. */
final class Stack {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final URI tenantApi = URI.create(System.getProperty("pulseboard.tenant-api", "http://127.0.0.1:8081"));
    final URI ingestion = URI.create(System.getProperty("pulseboard.ingestion", "http://127.0.0.1:8082"));
    final URI query = URI.create(System.getProperty("pulseboard.query", "http://127.0.0.1:8083"));
    final String gatewayWs = System.getProperty("pulseboard.push-gateway", "ws://127.0.0.1:8084/ws");
    final URI clickHouse = URI.create(System.getProperty("pulseboard.clickhouse", "http://127.0.0.1:18123"));
    final String pulsar = System.getProperty("pulseboard.pulsar", "pulsar://127.0.0.1:16650");
    final Map<String, String> demo;

    private Stack(Map<String, String> demo) {
        this.demo = demo;
    }

    static Stack fromDemoEnv() {
        Path file = Path.of(System.getProperty("pulseboard.env", "../.pulseboard/demo.env"));
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    values.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the stack's demo.env is missing; start it with ./pulseboard up", e);
        }
        return new Stack(values);
    }

    /** A client-credentials token of the demo API client, as RFC 6749 4.4 describes. */
    String token(String scope) throws IOException, InterruptedException {
        return token(demo.get("PB_CLIENT_ID"), demo.get("PB_CLIENT_SECRET"), scope);
    }

    String token(String clientId, String clientSecret, String scope) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(tenantApi.resolve("/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").stringValue();
    }

    HttpResponse<String> postJson(URI uri, String token, String body) throws IOException, InterruptedException {
        return post(uri, token, "application/json", null, HttpRequest.BodyPublishers.ofString(body));
    }

    HttpResponse<String> post(URI uri, String token, String contentType, String contentEncoding,
                              HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", contentType).POST(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, URI uri, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String platformAdminToken() throws IOException, InterruptedException {
        return new BrowserlessSignIn(tenantApi).accessToken(demo.get("PB_ADMIN_USER"), demo.get("PB_ADMIN_PASSWORD"));
    }

    /**
     * As a platform administrator: makes (or updates) the plan and moves the tenant onto it with the
     * late-data limit. Tokens issued from now on carry the new limits.
     */
    void putOnPlan(String tenantId, String plan, int activeSeriesLimit, int minuteRetentionDays, int lateDataLimitSeconds)
            throws IOException, InterruptedException {
        String admin = platformAdminToken();
        HttpResponse<String> saved = send("PUT", tenantApi.resolve("/v1/admin/plans/" + plan), admin,
                "{\"activeSeriesLimit\":" + activeSeriesLimit + ",\"minuteRetentionDays\":" + minuteRetentionDays + "}");
        HttpResponse<String> moved = send("PATCH", tenantApi.resolve("/v1/admin/tenants/" + tenantId), admin,
                "{\"plan\":\"" + plan + "\",\"lateDataLimitSeconds\":" + lateDataLimitSeconds + "}");
        if (saved.statusCode() != 200 || moved.statusCode() != 200) {
            throw new IllegalStateException("plan change refused: " + saved.body() + " " + moved.body());
        }
    }

    /** Rows of a ClickHouse SELECT, for tests that check what is stored below the query API. */
    List<JsonNode> clickHouseRows(String select) throws IOException, InterruptedException {
        List<JsonNode> rows = new ArrayList<>();
        clickHouse(select + " FORMAT JSONEachRow").lines().filter(line -> !line.isBlank()).forEach(line -> rows.add(parse(line)));
        return rows;
    }

    String clickHouse(String sql) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(clickHouse)
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ClickHouse answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Runs ./pulseboard restart with the given arguments against this stack. */
    static void restart(String... serviceAndOptions) throws IOException, InterruptedException {
        script("restart", serviceAndOptions);
    }

    /** Runs a ./pulseboard command against this stack, and waits for it to succeed. */
    static void script(String command, String... arguments) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(System.getProperty("pulseboard.script", "../pulseboard"), command));
        line.addAll(List.of(arguments));
        Process run = new ProcessBuilder(line).inheritIO().start();
        if (!run.waitFor(3, TimeUnit.MINUTES) || run.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed");
        }
    }

    /** The sum of every point of every series in a POST /v1/query answer. */
    static double sumOfPoints(String queryAnswer) {
        double total = 0;
        for (JsonNode series : parse(queryAnswer).get("series")) {
            for (JsonNode point : series.get("points")) {
                total += point.get(1).asDouble();
            }
        }
        return total;
    }

    static JsonNode parse(String json) {
        return JSON.readTree(json);
    }
}
