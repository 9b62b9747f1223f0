package dev.pulseboard.tenantapi.plans;

import dev.pulseboard.service.problems.Problems;
import dev.pulseboard.tenantapi.audit.AuditLog;
import dev.pulseboard.tenantapi.plans.internal.PlanRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The plan catalogue, and which plan and late-data limit each tenant has; platform administrators change them. */
@Service
public class PlanService {
    private static final Pattern PLAN_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final int MIN_LATE_DATA_LIMIT_SECONDS = 60;
    private static final int MAX_ACTIVE_SERIES = 10_000_000;
    private static final int MAX_RETENTION_DAYS = 3_650;

    private final PlanRepository repository;
    private final PlanProperties properties;
    private final AuditLog audit;

    PlanService(PlanRepository repository, PlanProperties properties, AuditLog audit) {
        this.repository = repository;
        this.properties = properties;
        this.audit = audit;
    }

    public List<Plan> plans() {
        return repository.plans();
    }

    public Plan save(Plan plan) {
        if (plan.name() == null || !PLAN_NAME.matcher(plan.name()).matches()) {
            throw invalid("invalid-plan", "A plan name is 1-40 characters of a-z, 0-9 and '-', starting with a letter.");
        }
        if (plan.activeSeriesLimit() < 1 || plan.activeSeriesLimit() > MAX_ACTIVE_SERIES) {
            throw invalid("invalid-plan", "activeSeriesLimit must be between 1 and " + MAX_ACTIVE_SERIES + ".");
        }
        if (plan.minuteRetentionDays() < 1 || plan.minuteRetentionDays() > MAX_RETENTION_DAYS) {
            throw invalid("invalid-plan", "minuteRetentionDays must be between 1 and " + MAX_RETENTION_DAYS + ".");
        }
        repository.upsert(plan);
        return plan;
    }

    public List<TenantPlan> tenants() {
        return repository.tenants();
    }

    public Optional<TenantPlan> tenant(UUID tenantId) {
        return repository.tenant(tenantId);
    }

    /** Moves a tenant to another plan and/or late-data limit; a null leaves that setting as it is. */
    @Transactional
    public TenantPlan change(UUID tenantId, String plan, Integer lateDataLimitSeconds, String actor) {
        TenantPlan current = tenant(tenantId)
                .orElseThrow(() -> Problems.exception(HttpStatus.NOT_FOUND, "not-found", "No such tenant."));
        String newPlan = plan != null ? plan : current.plan();
        if (repository.plans().stream().noneMatch(p -> p.name().equals(newPlan))) {
            throw invalid("unknown-plan", "There is no plan named '" + newPlan + "'.");
        }
        int newLimit = lateDataLimitSeconds != null ? lateDataLimitSeconds : current.lateDataLimitSeconds();
        long max = properties.maxLateDataLimit().toSeconds();
        if (newLimit < MIN_LATE_DATA_LIMIT_SECONDS || newLimit > max) {
            throw invalid("invalid-late-data-limit",
                    "lateDataLimitSeconds must be between " + MIN_LATE_DATA_LIMIT_SECONDS + " and " + max + " on this platform.");
        }
        repository.updateTenant(tenantId, newPlan, newLimit);
        audit.record(tenantId, actor, AuditLog.PLAN_CHANGED, "plan " + newPlan + ", late-data limit " + newLimit + " s");
        return tenant(tenantId).orElseThrow();
    }

    private static RuntimeException invalid(String type, String detail) {
        return Problems.exception(HttpStatus.BAD_REQUEST, type, detail);
    }
}
