package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulseboard.events.Event;
import dev.pulseboard.events.EventTopics;
import dev.pulseboard.events.TenantEvent;
import dev.pulseboard.events.TenantEventCodec;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.junit.jupiter.api.Test;

/**
 * Late data on the real stack: events too late for the live 1 s tier still land in the stored
 * minute (and hour); events later than their tenant's late-data limit are refused at intake or,
 * when they reach processing anyway, counted where their tenant sees it.
 */
class LateDataTest {
    private final Stack stack = Stack.fromDemoEnv();

    @Test
    void eventsMinutesLateAreStoredInTheirMinuteButNotInTheLiveSecondTier() throws Exception {
        String metric = "e2e.late." + UUID.randomUUID().toString().substring(0, 8);
        long now = System.currentTimeMillis();
        long late = now - Duration.ofMinutes(5).toMillis();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 300; i++) {
            body.append(i == 0 ? "" : ",").append("{\"metric\":\"%s\",\"value\":%d,\"timestamp\":%d}".formatted(metric, i, late + i));
        }
        var accepted = stack.postJson(stack.ingestion.resolve("/v1/events"), stack.token("events:write"), body.append(']').toString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(Stack.parse(accepted.body()).get("accepted").asInt()).isEqualTo(300);

        String reader = stack.token("metrics:read");
        long minute = late - late % 60_000;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(storedCount("rollups_1m", metric)).as("the stored minute").isEqualTo(300);
            assertThat(queriedCount(reader, metric, minute - 60_000, now, "1m")).as("query, 1 min step").isEqualTo(300);
            assertThat(queriedCount(reader, metric, minute - 3_600_000, now + 3_600_000, "1h")).as("query, 1 h step").isEqualTo(300);
        });
        assertThat(storedCount("rollups_1s", metric)).as("five minutes is past the 1 s tier's lateness").isZero();
    }

    @Test
    void aTenantsOwnLateDataLimitAppliesAtIntakeAndInTheRollupJob() throws Exception {
        SecondTenant tenant = SecondTenant.signUp(stack);
        stack.putOnPlan(tenant.tenantId(), "e2e-late-limit", 10_000, 30, 600);
        String writer = stack.token(tenant.clientId(), tenant.clientSecret(), "events:write");
        long now = System.currentTimeMillis();
        long twentyMinutesAgo = now - Duration.ofMinutes(20).toMillis();

        var tooOld = Stack.parse(stack.postJson(stack.ingestion.resolve("/v1/events"), writer,
                "[{\"metric\":\"e2e.own.limit\",\"value\":1,\"timestamp\":%d}]".formatted(twentyMinutesAgo)).body());
        assertThat(tooOld.get("rejected").asInt()).as("20 minutes is past the tenant's 10").isEqualTo(1);
        assertThat(tooOld.get("errors").get(0).get("reason").stringValue()).contains("late-data limit of 10 minutes");
        var recent = Stack.parse(stack.postJson(stack.ingestion.resolve("/v1/events"), writer,
                "[{\"metric\":\"e2e.own.limit\",\"value\":1,\"timestamp\":%d}]".formatted(now - Duration.ofMinutes(5).toMillis())).body());
        assertThat(recent.get("accepted").asInt()).isEqualTo(1);

        // Events can still reach processing older than that: they sat in the broker, e.g. while
        // processing was down. The job applies the limit ingestion stamped on each event.
        try (PulsarClient pulsar = PulsarClient.builder().serviceUrl(stack.pulsar).build();
             Producer<byte[]> producer = pulsar.newProducer().topic(EventTopics.eventsTopic(tenant.tenantId())).create()) {
            for (int i = 0; i < 3; i++) {
                Event event = Event.measurement("e2e.too.late", i, twentyMinutesAgo + i, Map.of());
                producer.send(TenantEventCodec.encode(new TenantEvent(tenant.tenantId(), event, Duration.ofMinutes(10))));
            }
            Event beforeThePlanChange = Event.measurement("e2e.late.accepted", 1, twentyMinutesAgo, Map.of());
            producer.send(TenantEventCodec.encode(new TenantEvent(tenant.tenantId(), beforeThePlanChange, Duration.ofHours(1))));
        }

        // Machine tokens live 30 s, longer than this may wait: a fresh one for each look.
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
            assertThat(dropped(stack.token(tenant.clientId(), tenant.clientSecret(), "metrics:read")))
                    .as("the tenant sees its three dropped events").isEqualTo(3);
            assertThat(storedCount(tenant.tenantId(), "rollups_1m", "e2e.late.accepted"))
                    .as("an event within the limit it was sent with is stored").isEqualTo(1);
        });
        assertThat(storedCount(tenant.tenantId(), "rollups_1h", "e2e.too.late")).as("no rollup holds the dropped ones").isZero();
        long demoTenantDrops = dropped(stack.token("metrics:read"));
        assertThat(demoTenantDrops).as("another tenant's count is its own").isZero();
    }

    private long dropped(String token) throws Exception {
        var response = stack.get(stack.query.resolve("/v1/late-events"), token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Stack.parse(response.body()).get("dropped").asLong();
    }

    private long storedCount(String table, String metric) throws Exception {
        return storedCount(stack.demo.get("PB_TENANT_ID"), table, metric);
    }

    private long storedCount(String tenantId, String table, String metric) throws Exception {
        return stack.clickHouseRows("SELECT sum(event_count) AS n FROM pulseboard." + table + " FINAL WHERE tenant_id = '"
                + tenantId + "' AND metric = '" + metric + "'").get(0).get("n").asLong();
    }

    private long queriedCount(String token, String metric, long from, long to, String step) throws Exception {
        String query = "{\"metric\":\"%s\",\"aggregation\":\"count\",\"from\":%d,\"to\":%d,\"step\":\"%s\"}".formatted(metric, from, to, step);
        return (long) Stack.sumOfPoints(stack.postJson(stack.query.resolve("/v1/query"), token, query).body());
    }
}
