package dev.pulseboard.tenantapi.apiclients;

import dev.pulseboard.service.security.TenantTokens;
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

    ApiClientController(ApiClientService clients) {
        this.clients = clients;
    }

    record CreateRequest(String name, List<String> scopes) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IssuedApiClient create(@RequestBody CreateRequest request, Authentication auth) {
        return clients.create(tenant(auth), request.name(), request.scopes());
    }

    @GetMapping
    List<ApiClient> list(Authentication auth) {
        return clients.list(tenant(auth));
    }

    @DeleteMapping("/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String clientId, Authentication auth) {
        clients.revoke(tenant(auth), clientId);
    }

    private static UUID tenant(Authentication auth) {
        return UUID.fromString(TenantTokens.tenantId(auth));
    }
}
