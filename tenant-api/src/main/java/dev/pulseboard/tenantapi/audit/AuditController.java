package dev.pulseboard.tenantapi.audit;

import dev.pulseboard.service.problems.Problems;
import dev.pulseboard.service.security.TenantTokens;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /v1/audit (OWNER, ADMIN): the caller's tenant's audit log, newest first. */
@RestController
class AuditController {
    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/v1/audit")
    List<AuditEvent> recent(@RequestParam(defaultValue = "100") int limit, Authentication auth) {
        if (limit < 1 || limit > 1000) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-limit", "limit must be 1-1000.");
        }
        return audit.recent(UUID.fromString(TenantTokens.tenantId(auth)), limit);
    }
}
