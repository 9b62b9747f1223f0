package dev.pulseboard.query.history;

import dev.pulseboard.query.history.internal.RollupReader;
import dev.pulseboard.service.problems.Problems;
import dev.pulseboard.service.security.TenantTokens;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HistoryController {
    private final HistoryService history;

    HistoryController(HistoryService history) {
        this.history = history;
    }

    @PostMapping("/v1/query")
    HistoryResult query(@RequestBody HistoryQuery query, Authentication auth) {
        return history.query(UUID.fromString(TenantTokens.tenantId(auth)), query);
    }

    @ExceptionHandler(RollupReader.StorageUnavailableException.class)
    ResponseEntity<ProblemDetail> storageUnavailable() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable", "History is unavailable right now; retry shortly."));
    }
}
