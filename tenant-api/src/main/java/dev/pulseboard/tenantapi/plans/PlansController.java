package dev.pulseboard.tenantapi.plans;

import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Platform administration of plans and tenants' settings under /v1/admin. The tenant list is also
 * readable with the tenants:read scope, which query's service client has for retention.
 */
@RestController
class PlansController {
    private final PlanService plans;

    PlansController(PlanService plans) {
        this.plans = plans;
    }

    record PlanLimits(int activeSeriesLimit, int minuteRetentionDays) {
    }

    record TenantChange(String plan, Integer lateDataLimitSeconds) {
    }

    @GetMapping("/v1/admin/plans")
    List<Plan> plans() {
        return plans.plans();
    }

    @PutMapping("/v1/admin/plans/{name}")
    Plan save(@PathVariable String name, @RequestBody PlanLimits limits) {
        return plans.save(new Plan(name, limits.activeSeriesLimit(), limits.minuteRetentionDays()));
    }

    @GetMapping("/v1/admin/tenants")
    List<TenantPlan> tenants() {
        return plans.tenants();
    }

    @PatchMapping("/v1/admin/tenants/{tenantId}")
    TenantPlan change(@PathVariable UUID tenantId, @RequestBody TenantChange change, Authentication auth) {
        return plans.change(tenantId, change.plan(), change.lateDataLimitSeconds(), auth.getName());
    }
}
