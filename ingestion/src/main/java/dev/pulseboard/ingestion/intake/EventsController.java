package dev.pulseboard.ingestion.intake;

import dev.pulseboard.ingestion.intake.internal.RequestBodies;
import dev.pulseboard.ingestion.quota.TenantQuotas;
import dev.pulseboard.service.problems.Problems;
import dev.pulseboard.ingestion.series.ActiveSeries;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** POST /v1/events: a JSON array or NDJSON body, optionally gzipped. */
@RestController
class EventsController {
    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final EventIntake intake;
    private final TenantQuotas quotas;
    private final ActiveSeries series;
    private final ObjectMapper json;

    EventsController(EventIntake intake, TenantQuotas quotas, ActiveSeries series, ObjectMapper json) {
        this.intake = intake;
        this.quotas = quotas;
        this.series = series;
        this.json = json;
    }

    @PostMapping("/v1/events")
    ResponseEntity<IntakeResult> post(HttpServletRequest request, @AuthenticationPrincipal Jwt token) throws IOException {
        IntakeTenant tenant = IntakeTenant.of(token, series.defaultLimit());
        String tenantId = tenant.tenantId();
        try {
            byte[] body = RequestBodies.read(request.getInputStream(), request.getHeader(HttpHeaders.CONTENT_ENCODING));
            EventIntake.Outcome outcome = intake.accept(tenant, parse(body, request.getContentType()));
            HttpHeaders headers = new HttpHeaders();
            outcome.admission().writeHeaders(headers);
            return ResponseEntity.status(HttpStatus.ACCEPTED).headers(headers).body(outcome.result());
        } catch (ErrorResponseException e) {
            quotas.peek(tenantId).writeHeaders(e.getHeaders());
            throw e;
        }
    }

    @ExceptionHandler(EventIntake.QuotaExceededException.class)
    ResponseEntity<ProblemDetail> quotaExceeded(EventIntake.QuotaExceededException e) {
        HttpHeaders headers = new HttpHeaders();
        e.admission().writeHeaders(headers);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "quota-exceeded",
                        "The tenant's event quota is used up; nothing of this request was stored."));
    }

    private List<JsonNode> parse(byte[] body, String contentType) {
        boolean ndjson = contentType != null && MediaType.parseMediaType(contentType).isCompatibleWith(NDJSON);
        try {
            if (ndjson) {
                return parseLines(new String(body, StandardCharsets.UTF_8));
            }
            JsonNode root = json.readTree(body);
            if (root == null || !root.isArray()) {
                throw Problems.exception(HttpStatus.BAD_REQUEST, "malformed-body", "The body must be a JSON array of events.");
            }
            List<JsonNode> events = new ArrayList<>(root.size());
            root.forEach(events::add);
            return events;
        } catch (JacksonException e) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "malformed-body", "The body is not valid JSON.");
        }
    }

    /** In NDJSON each line stands alone: one unreadable line rejects that event, not the request. */
    private List<JsonNode> parseLines(String body) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : body.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(json.readTree(line));
            } catch (JacksonException e) {
                events.add(json.getNodeFactory().stringNode("unparseable line"));
            }
        }
        return events;
    }
}
