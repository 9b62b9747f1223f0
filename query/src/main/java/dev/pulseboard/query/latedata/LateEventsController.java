package dev.pulseboard.query.latedata;

import dev.pulseboard.query.storage.ClickHouseStorage;
import dev.pulseboard.service.problems.Problems;
import dev.pulseboard.service.security.TenantTokens;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /v1/late-events: how many of the caller's events reached processing later than the
 * late-data limit and so are in no rollup. Events that were already too old at intake are refused
 * there, one by one, in the 202 response; these are the ones that aged while queued.
 */
@RestController
class LateEventsController {
    private static final Duration DEFAULT_SPAN = Duration.ofDays(1);

    private final ClickHouseStorage storage;

    LateEventsController(ClickHouseStorage storage) {
        this.storage = storage;
    }

    record LateEvents(long from, long to, long dropped) {
    }

    @GetMapping("/v1/late-events")
    LateEvents lateEvents(@RequestParam(required = false) Long from, @RequestParam(required = false) Long to, Authentication auth) {
        UUID tenantId = UUID.fromString(TenantTokens.tenantId(auth));
        long end = to != null ? to : System.currentTimeMillis();
        long start = from != null ? from : end - DEFAULT_SPAN.toMillis();
        if (start >= end) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-range", "from must be before to (epoch milliseconds).");
        }
        AtomicLong dropped = new AtomicLong();
        storage.select("SELECT sum(dropped) AS dropped FROM " + storage.table("late_events_dropped")
                + " WHERE tenant_id = '" + tenantId + "' AND at_ms >= " + start + " AND at_ms < " + end,
                row -> dropped.set(row.get("dropped").asLong()));
        return new LateEvents(start, end, dropped.get());
    }
}
