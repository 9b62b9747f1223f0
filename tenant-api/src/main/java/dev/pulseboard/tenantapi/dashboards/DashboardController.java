package dev.pulseboard.tenantapi.dashboards;

import dev.pulseboard.service.security.TenantTokens;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * /v1/dashboards of the caller's tenant. Reading takes any tenant role or the metrics:read scope
 * (push-gateway reads a dashboard with its subscriber's token); writing takes OWNER, ADMIN or MEMBER.
 */
@RestController
@RequestMapping("/v1/dashboards")
class DashboardController {
    private final DashboardService dashboards;

    DashboardController(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    record DashboardRequest(String name, List<Widget> widgets) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Dashboard create(@RequestBody DashboardRequest request, Authentication auth) {
        return dashboards.create(tenant(auth), request.name(), request.widgets());
    }

    @GetMapping
    List<Dashboard> list(Authentication auth) {
        return dashboards.list(tenant(auth));
    }

    @GetMapping("/{dashboardId}")
    Dashboard get(@PathVariable UUID dashboardId, Authentication auth) {
        return dashboards.get(tenant(auth), dashboardId);
    }

    @PutMapping("/{dashboardId}")
    Dashboard replace(@PathVariable UUID dashboardId, @RequestBody DashboardRequest request, Authentication auth) {
        return dashboards.replace(tenant(auth), dashboardId, request.name(), request.widgets());
    }

    @DeleteMapping("/{dashboardId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID dashboardId, Authentication auth) {
        dashboards.delete(tenant(auth), dashboardId);
    }

    private static UUID tenant(Authentication auth) {
        return UUID.fromString(TenantTokens.tenantId(auth));
    }
}
