package dev.pulseboard.tenantapi.apiclients;

import dev.pulseboard.service.security.TenantTokens;
import dev.pulseboard.tenantapi.audit.AuditLog;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The contract's /v1/api-clients; OWNER and ADMIN only (enforced in the security chain). */
@RestController
@RequestMapping("/v1/api-clients")
class ApiClientController {
    private final ApiClientService clients;
    private final AuditLog audit;

    ApiClientController(ApiClientService clients, AuditLog audit) {
        this.clients = clients;
        this.audit = audit;
    }

    record CreateRequest(String name, List<String> scopes) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IssuedApiClient create(@RequestBody CreateRequest request, Authentication auth) {
        IssuedApiClient issued = clients.create(tenant(auth), request.name(), request.scopes());
        audit.record(tenant(auth), auth.getName(), AuditLog.CLIENT_CREATED, issued.clientId() + " " + request.scopes());
        return issued;
    }

    @GetMapping
    List<ApiClient> list(Authentication auth) {
        return clients.list(tenant(auth));
    }

    @DeleteMapping("/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String clientId, Authentication auth) {
        clients.revoke(tenant(auth), clientId);
        audit.record(tenant(auth), auth.getName(), AuditLog.CLIENT_REVOKED, clientId);
    }

    private static UUID tenant(Authentication auth) {
        return UUID.fromString(TenantTokens.tenantId(auth));
    }
}
