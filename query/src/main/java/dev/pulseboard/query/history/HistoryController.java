package dev.pulseboard.query.history;

import dev.pulseboard.service.security.TenantTokens;
import java.util.UUID;
import org.springframework.security.core.Authentication;
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
}
