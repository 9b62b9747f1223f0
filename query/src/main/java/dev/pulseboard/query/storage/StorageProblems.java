package dev.pulseboard.query.storage;

import dev.pulseboard.service.problems.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Storage that cannot be reached is a 503 with Retry-After, for every endpoint that reads it. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StorageProblems {
    @ExceptionHandler(ClickHouseStorage.StorageUnavailableException.class)
    ResponseEntity<ProblemDetail> storageUnavailable() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable", "Stored data is unavailable right now; retry shortly."));
    }
}
