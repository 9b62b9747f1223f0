package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulseboard.tenantapi.BrowserlessSignIn;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Tenant B (an attacker with its own owner and API client) against tenant A (the demo tenant,
 * with live traffic): on every endpoint every service registers, and on every STOMP destination,
 * B reads, writes, deletes and subscribes using A's ids and names, and gets 404, 403 or a STOMP
 * ERROR, never a byte of A's data.
 *
 * <p>The endpoints come from each service's own catalog (/actuator/mappings, platform admins
 * only), so a new /v1 endpoint without a probe here fails {@link #everyRegisteredEndpointHasAProbe}.
 */
class EndpointIsolationTest {
    private static final String DEMO_METRIC = "checkout.latency_ms";

    private final Stack stack = Stack.fromDemoEnv();
    private final Map<String, Probe> probes = new LinkedHashMap<>();
    private Tenants tenants;

    @FunctionalInterface
    private interface Probe {
        void run() throws Exception;
    }

    /** A's resources that B aims at, and both tenants' credentials. */
    private record Tenants(String aOwner, String aOwnerEmail, String aOwnerId, String aClientId, String aClientSecret,
                           String aInviteId, String aDashboardId, SecondTenant b) {
    }

    @BeforeEach
    void tenantsAndProbes() throws Exception {
        String aOwner = signIn(stack.demo.get("PB_CONSOLE_USER"), stack.demo.get("PB_CONSOLE_PASSWORD"));
        JsonNode aClient = Stack.parse(stack.postJson(stack.tenantApi.resolve("/v1/api-clients"), aOwner,
                "{\"name\":\"isolation-target\",\"scopes\":[\"metrics:read\"]}").body());
        JsonNode aInvite = Stack.parse(stack.postJson(stack.tenantApi.resolve("/v1/invites"), aOwner,
                "{\"email\":\"a-invitee-" + UUID.randomUUID() + "@example.com\",\"role\":\"MEMBER\"}").body());
        JsonNode aDashboard = Stack.parse(stack.postJson(stack.tenantApi.resolve("/v1/dashboards"), aOwner,
                "{\"name\":\"A's secret board\",\"widgets\":[{\"title\":\"Latency\",\"metric\":\"" + DEMO_METRIC + "\",\"window\":\"1s\"}]}").body());
        String aOwnerId = null;
        for (JsonNode member : Stack.parse(stack.get(stack.tenantApi.resolve("/v1/users"), aOwner).body())) {
            if (member.get("email").stringValue().equals(stack.demo.get("PB_CONSOLE_USER"))) {
                aOwnerId = member.get("userId").stringValue();
            }
        }
        tenants = new Tenants(aOwner, stack.demo.get("PB_CONSOLE_USER"), aOwnerId, aClient.get("clientId").stringValue(),
                aClient.get("clientSecret").stringValue(), aInvite.get("inviteId").stringValue(),
                aDashboard.get("dashboardId").stringValue(), SecondTenant.signUp(stack));
        registerProbes();
    }

    @Test
    void everyRegisteredEndpointHasAProbe() throws Exception {
        String admin = stack.platformAdminToken();
        TreeSet<String> registered = new TreeSet<>();
        Map<String, URI> services = Map.of("tenant-api", stack.tenantApi, "ingestion", stack.ingestion, "query", stack.query,
                "push-gateway", URI.create(stack.gatewayWs.replaceFirst("^ws", "http")));
        for (Map.Entry<String, URI> service : services.entrySet()) {
            HttpResponse<String> catalog = stack.get(service.getValue().resolve("/actuator/mappings"), admin);
            assertThat(catalog.statusCode()).as("%s's endpoint catalog", service.getKey()).isEqualTo(200);
            assertThat(stack.get(service.getValue().resolve("/actuator/mappings"), tenants.b().ownerToken()).statusCode())
                    .as("a tenant owner may not read %s's catalog", service.getKey()).isEqualTo(403);
            registered.addAll(apiEndpoints(service.getKey(), Stack.parse(catalog.body())));
        }
        assertThat(registered).as("endpoints found").hasSizeGreaterThan(10);
        TreeSet<String> probed = new TreeSet<>(probes.keySet());
        probed.removeIf(key -> key.startsWith("stomp "));
        assertThat(probed).as("probes for exactly the registered endpoints").isEqualTo(registered);
    }

    @Test
    void noEndpointOrDestinationLetsOneTenantReachAnothersData() throws Exception {
        for (Map.Entry<String, Probe> probe : probes.entrySet()) {
            try {
                probe.getValue().run();
            } catch (AssertionError e) {
                throw new AssertionError(probe.getKey() + ": " + e.getMessage(), e);
            }
        }
    }

    private void registerProbes() {
        SecondTenant b = tenants.b();
        URI tenantApi = stack.tenantApi;
        probes.put("tenant-api POST /v1/signup", () -> {
            String body = "{\"tenantName\":\"Sneaky\",\"email\":\"sneaky-" + UUID.randomUUID()
                    + "@example.com\",\"password\":\"a long and unusual password\",\"tenantId\":\"" + stack.demo.get("PB_TENANT_ID") + "\"}";
            HttpResponse<String> created = stack.postJson(tenantApi.resolve("/v1/signup"), null, body);
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(Stack.parse(created.body()).get("tenantId").stringValue()).isNotEqualTo(stack.demo.get("PB_TENANT_ID"));
        });
        probes.put("tenant-api GET /v1/api-clients", () -> assertThat(stack.get(tenantApi.resolve("/v1/api-clients"), b.ownerToken()).body())
                .doesNotContain(tenants.aClientId()).doesNotContain(stack.demo.get("PB_CLIENT_ID")));
        probes.put("tenant-api POST /v1/api-clients", () -> {
            JsonNode created = Stack.parse(stack.postJson(tenantApi.resolve("/v1/api-clients"), b.ownerToken(),
                    "{\"name\":\"b-client\",\"scopes\":[\"metrics:read\"],\"tenantId\":\"" + stack.demo.get("PB_TENANT_ID") + "\"}").body());
            String token = stack.token(created.get("clientId").stringValue(), created.get("clientSecret").stringValue(), "metrics:read");
            assertThat(claim(token, "tenant_id")).isEqualTo(b.tenantId());
        });
        probes.put("tenant-api DELETE /v1/api-clients/{clientId}", () -> {
            assertThat(delete(tenantApi.resolve("/v1/api-clients/" + tenants.aClientId()), b.ownerToken()).statusCode()).isEqualTo(404);
            assertThat(stack.token(tenants.aClientId(), tenants.aClientSecret(), "metrics:read")).as("A's client still works").isNotBlank();
        });
        probes.put("tenant-api GET /v1/users", () -> assertThat(stack.get(tenantApi.resolve("/v1/users"), b.ownerToken()).body())
                .doesNotContain(tenants.aOwnerEmail()).doesNotContain(tenants.aOwnerId()));
        probes.put("tenant-api PATCH /v1/users/{userId}", () -> assertThat(stack.send("PATCH", tenantApi.resolve("/v1/users/" + tenants.aOwnerId()),
                b.ownerToken(), "{\"role\":\"VIEWER\"}").statusCode()).isEqualTo(404));
        probes.put("tenant-api GET /v1/invites", () -> assertThat(stack.get(tenantApi.resolve("/v1/invites"), b.ownerToken()).body())
                .doesNotContain(tenants.aInviteId()).doesNotContain("a-invitee-"));
        probes.put("tenant-api POST /v1/invites", () -> {
            stack.postJson(tenantApi.resolve("/v1/invites"), b.ownerToken(), "{\"email\":\"b-invitee@example.com\",\"role\":\"VIEWER\"}");
            assertThat(stack.get(tenantApi.resolve("/v1/invites"), tenants.aOwner()).body()).doesNotContain("b-invitee@example.com");
        });
        probes.put("tenant-api DELETE /v1/invites/{inviteId}", () -> {
            assertThat(delete(tenantApi.resolve("/v1/invites/" + tenants.aInviteId()), b.ownerToken()).statusCode()).isEqualTo(404);
            assertThat(stack.get(tenantApi.resolve("/v1/invites"), tenants.aOwner()).body()).as("still pending").contains(tenants.aInviteId());
        });
        probes.put("tenant-api POST /v1/invites/accept", () -> assertThat(stack.postJson(tenantApi.resolve("/v1/invites/accept"), null,
                "{\"token\":\"" + tenants.aInviteId() + "\",\"password\":\"a long and unusual password\"}").statusCode())
                .as("an invitation's id is not its token").isEqualTo(404));
        probes.put("tenant-api GET /v1/audit", () -> assertThat(stack.get(tenantApi.resolve("/v1/audit"), b.ownerToken()).body())
                .doesNotContain(tenants.aOwnerEmail()).doesNotContain(tenants.aClientId()).doesNotContain("a-invitee-"));
        probes.put("tenant-api POST /v1/admin/signing-keys/rotation", () -> assertThat(stack.postJson(
                tenantApi.resolve("/v1/admin/signing-keys/rotation"), b.ownerToken(), "").statusCode()).isEqualTo(403));
        probes.put("tenant-api GET /v1/admin/plans", () -> assertThat(stack.get(tenantApi.resolve("/v1/admin/plans"), b.ownerToken())
                .statusCode()).isEqualTo(403));
        probes.put("tenant-api PUT /v1/admin/plans/{name}", () -> assertThat(stack.send("PUT", tenantApi.resolve("/v1/admin/plans/free"),
                b.ownerToken(), "{\"activeSeriesLimit\":1,\"minuteRetentionDays\":1}").statusCode()).isEqualTo(403));
        probes.put("tenant-api GET /v1/admin/tenants", () -> {
            assertThat(stack.get(tenantApi.resolve("/v1/admin/tenants"), b.ownerToken()).statusCode()).isEqualTo(403);
            assertThat(stack.get(tenantApi.resolve("/v1/admin/tenants"), bReader()).statusCode()).isEqualTo(403);
        });
        probes.put("tenant-api PATCH /v1/admin/tenants/{tenantId}", () -> {
            assertThat(stack.send("PATCH", tenantApi.resolve("/v1/admin/tenants/" + stack.demo.get("PB_TENANT_ID")), b.ownerToken(),
                    "{\"lateDataLimitSeconds\":60}").statusCode()).isEqualTo(403);
            assertThat(claim(stack.token("metrics:read"), "plan")).as("A's plan").isEqualTo("free");
        });

        String aDashboard = "/v1/dashboards/" + tenants.aDashboardId();
        probes.put("tenant-api GET /v1/dashboards", () -> assertThat(stack.get(tenantApi.resolve("/v1/dashboards"), b.ownerToken()).body())
                .doesNotContain(tenants.aDashboardId()).doesNotContain("A's secret board"));
        probes.put("tenant-api POST /v1/dashboards", () -> {
            stack.postJson(tenantApi.resolve("/v1/dashboards"), b.ownerToken(), "{\"name\":\"B board\",\"widgets\":[]}");
            assertThat(stack.get(tenantApi.resolve("/v1/dashboards"), tenants.aOwner()).body()).doesNotContain("B board");
        });
        probes.put("tenant-api GET /v1/dashboards/{dashboardId}", () -> {
            assertThat(stack.get(tenantApi.resolve(aDashboard), b.ownerToken()).statusCode()).isEqualTo(404);
            assertThat(stack.get(tenantApi.resolve(aDashboard), bReader()).statusCode()).isEqualTo(404);
        });
        probes.put("tenant-api PUT /v1/dashboards/{dashboardId}", () -> {
            assertThat(stack.send("PUT", tenantApi.resolve(aDashboard), b.ownerToken(), "{\"name\":\"Defaced\",\"widgets\":[]}").statusCode()).isEqualTo(404);
            assertThat(stack.get(tenantApi.resolve(aDashboard), tenants.aOwner()).body()).contains("A's secret board");
        });
        probes.put("tenant-api DELETE /v1/dashboards/{dashboardId}", () -> {
            assertThat(delete(tenantApi.resolve(aDashboard), b.ownerToken()).statusCode()).isEqualTo(404);
            assertThat(stack.get(tenantApi.resolve(aDashboard), tenants.aOwner()).statusCode()).isEqualTo(200);
        });

        probes.put("ingestion POST /v1/events", () -> {
            String metric = "e2e.endpoint-isolation." + UUID.randomUUID().toString().substring(0, 8);
            String bWriter = stack.token(b.clientId(), b.clientSecret(), "events:write");
            assertThat(stack.postJson(stack.ingestion.resolve("/v1/events"), bWriter,
                    "[{\"metric\":\"" + metric + "\",\"value\":1,\"tenantId\":\"" + stack.demo.get("PB_TENANT_ID") + "\"}]").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(catalog(bReader())).contains(metric));
            assertThat(catalog(stack.token("metrics:read"))).as("A's catalog").doesNotContain(metric);
        });
        probes.put("ingestion GET /v1/usage", () -> {
            JsonNode bUsage = Stack.parse(stack.get(stack.ingestion.resolve("/v1/usage"), bReader()).body());
            JsonNode aUsage = Stack.parse(stack.get(stack.ingestion.resolve("/v1/usage"), stack.token("metrics:read")).body());
            assertThat(aUsage.get("activeSeries").asLong()).as("A's demo traffic").isGreaterThan(5);
            assertThat(bUsage.get("activeSeries").asLong()).as("B counts only its own series").isLessThanOrEqualTo(1);
        });
        probes.put("query POST /v1/query", () -> {
            long now = System.currentTimeMillis();
            String query = "{\"metric\":\"" + DEMO_METRIC + "\",\"aggregation\":\"count\",\"from\":" + (now - 600_000) + ",\"to\":" + now + "}";
            assertThat(Stack.parse(stack.postJson(stack.query.resolve("/v1/query"), stack.token("metrics:read"), query).body())
                    .get("series").size()).as("A has data").isPositive();
            assertThat(Stack.parse(stack.postJson(stack.query.resolve("/v1/query"), bReader(), query).body()).get("series").size()).isZero();
        });
        probes.put("query GET /v1/metrics", () -> assertThat(catalog(bReader())).doesNotContain("checkout."));
        probes.put("query GET /v1/late-events", () -> assertThat(Stack.parse(stack.get(stack.query.resolve("/v1/late-events"), bReader()).body())
                .get("dropped").asLong()).isZero());

        probes.put("stomp SUBSCRIBE /metrics/{metric}/{window}", () -> {
            try (LiveClient a = new LiveClient(stack.gatewayWs, stack.token("metrics:read"));
                 LiveClient attacker = new LiveClient(stack.gatewayWs, bReader())) {
                List<LiveClient.Received> aWindows = a.subscribe("/metrics/" + DEMO_METRIC + "/1s", Map.of());
                List<LiveClient.Received> bWindows = attacker.subscribe("/metrics/" + DEMO_METRIC + "/1s",
                        Map.of("filters", "tenant_id=" + stack.demo.get("PB_TENANT_ID")));
                await().atMost(Duration.ofSeconds(15)).until(() -> aWindows.size() >= 3);
                assertThat(bWindows).as("A's live windows reach B under no name").isEmpty();
            }
        });
        probes.put("stomp SUBSCRIBE /dashboards/{dashboardId}", () -> {
            try (LiveClient attacker = new LiveClient(stack.gatewayWs, bReader())) {
                List<LiveClient.Received> windows = attacker.subscribe("/dashboards/" + tenants.aDashboardId(), Map.of());
                await().atMost(Duration.ofSeconds(5)).until(() -> !attacker.errors().isEmpty());
                assertThat(attacker.errors()).anySatisfy(message -> assertThat(message).contains("dashboard not found"));
                assertThat(windows).isEmpty();
            }
        });
        probes.put("stomp SEND /metrics/{metric}/{window}", () -> {
            try (LiveClient attacker = new LiveClient(stack.gatewayWs, bReader())) {
                attacker.send("/metrics/" + DEMO_METRIC + "/1s", "{\"count\":1}");
                await().atMost(Duration.ofSeconds(5)).until(() -> !attacker.errors().isEmpty());
            }
        });
    }

    /** The tenant's /v1 endpoints in a service's catalog, as "service METHOD pattern". */
    private static List<String> apiEndpoints(String service, JsonNode catalog) {
        List<String> endpoints = new java.util.ArrayList<>();
        for (JsonNode context : catalog.get("contexts")) {
            for (JsonNode mapping : context.path("mappings").path("dispatcherServlets").path("dispatcherServlet")) {
                JsonNode conditions = mapping.path("details").path("requestMappingConditions");
                for (JsonNode pattern : conditions.path("patterns")) {
                    if (!pattern.stringValue().startsWith("/v1/")) {
                        continue;
                    }
                    if (conditions.path("methods").isEmpty()) {
                        endpoints.add(service + " ANY " + pattern.stringValue());
                    }
                    for (JsonNode method : conditions.path("methods")) {
                        endpoints.add(service + " " + method.stringValue() + " " + pattern.stringValue());
                    }
                }
            }
        }
        return endpoints;
    }

    private String bReader() throws Exception {
        return stack.token(tenants.b().clientId(), tenants.b().clientSecret(), "metrics:read");
    }

    private String catalog(String token) throws Exception {
        return stack.get(stack.query.resolve("/v1/metrics"), token).body();
    }

    private String signIn(String email, String password) throws Exception {
        return new BrowserlessSignIn(stack.tenantApi).accessToken(email, password);
    }

    private HttpResponse<String> delete(URI uri, String token) throws Exception {
        return stack.send("DELETE", uri, token, null);
    }


    private static String claim(String jwt, String name) {
        return Stack.parse(new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]))).get(name).stringValue();
    }
}
