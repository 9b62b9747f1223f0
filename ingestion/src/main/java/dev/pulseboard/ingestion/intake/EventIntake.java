package dev.pulseboard.ingestion.intake;

import dev.pulseboard.events.Event;
import dev.pulseboard.events.EventRules;
import dev.pulseboard.events.SeriesIds;
import dev.pulseboard.ingestion.intake.internal.EventParser;
import dev.pulseboard.ingestion.intake.internal.EventPublisher;
import dev.pulseboard.ingestion.quota.Admission;
import dev.pulseboard.ingestion.quota.TenantQuotas;
import dev.pulseboard.ingestion.series.ActiveSeries;
import dev.pulseboard.service.problems.Problems;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Validates a batch event by event, takes the valid ones from the tenant's quota, and stores them
 * in the broker. Invalid events are reported by index and never block the valid ones.
 */
@Service
public class EventIntake {
    public static final int MAX_EVENTS = 10_000;
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);

    private final EventPublisher publisher;
    private final TenantQuotas quotas;
    private final ActiveSeries series;
    private final Clock clock;

    EventIntake(EventPublisher publisher, TenantQuotas quotas, ActiveSeries series) {
        this.publisher = publisher;
        this.quotas = quotas;
        this.series = series;
        this.clock = Clock.systemUTC();
    }

    /** The outcome, and the quota state for the response headers. */
    public record Outcome(IntakeResult result, Admission admission) {
    }

    public Outcome accept(IntakeTenant tenant, List<JsonNode> nodes) {
        String tenantId = tenant.tenantId();
        if (nodes.size() > MAX_EVENTS) {
            throw Problems.exception(HttpStatus.CONTENT_TOO_LARGE, "too-many-events", "A request may carry at most 10,000 events.");
        }
        long now = clock.millis();
        List<Event> valid = new ArrayList<>(nodes.size());
        List<IntakeResult.Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            EventParser.Parsed parsed = EventParser.parse(nodes.get(i), now);
            Optional<String> problem = parsed.problem() != null
                    ? Optional.of(parsed.problem())
                    : EventRules.violation(parsed.event(), now, tenant.lateDataLimit());
            if (problem.isEmpty() && !series.admit(tenantId, tenant.activeSeriesLimit(), SeriesIds.of(parsed.event().metric(), parsed.event().tags()))) {
                problem = Optional.of("the tenant's limit of " + tenant.activeSeriesLimit() + " active series is reached; this new series was dropped");
            }
            if (problem.isPresent()) {
                rejections.add(new IntakeResult.Rejection(i, problem.get()));
            } else {
                valid.add(parsed.event());
            }
        }
        Admission admission = quotas.admit(tenantId, valid.size());
        if (!admission.admitted()) {
            throw new QuotaExceededException(admission);
        }
        awaitStored(publisher.publish(tenantId, tenant.lateDataLimit(), valid));
        return new Outcome(new IntakeResult(valid.size(), rejections.size(), rejections), admission);
    }

    private static void awaitStored(java.util.concurrent.CompletableFuture<Void> stored) {
        try {
            stored.get(BROKER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw brokerUnavailable();
        } catch (ExecutionException | TimeoutException e) {
            throw brokerUnavailable();
        }
    }

    private static RuntimeException brokerUnavailable() {
        var problem = Problems.exception(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable",
                "Events could not be stored right now; retry the whole request.");
        problem.getHeaders().set("Retry-After", "1");
        return problem;
    }

    /** Nothing of the request was stored: the tenant's quota had no room for it. */
    public static final class QuotaExceededException extends RuntimeException {
        private final transient Admission admission;

        QuotaExceededException(Admission admission) {
            super("quota exceeded", null, false, false);
            this.admission = admission;
        }

        public Admission admission() {
            return admission;
        }
    }
}
