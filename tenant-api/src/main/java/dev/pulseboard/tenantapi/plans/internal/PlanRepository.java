package dev.pulseboard.tenantapi.plans.internal;

import dev.pulseboard.tenantapi.plans.Plan;
import dev.pulseboard.tenantapi.plans.TenantPlan;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PlanRepository {
    private static final String TENANT_PLANS = """
            SELECT t.id, t.name, t.plan, p.active_series_limit, p.minute_retention_days, t.late_data_limit_seconds
            FROM tenant t JOIN plan p ON p.name = t.plan
            """;

    private final JdbcClient jdbc;

    PlanRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Plan> plans() {
        return jdbc.sql("SELECT name, active_series_limit, minute_retention_days FROM plan ORDER BY name")
                .query((rs, row) -> new Plan(rs.getString("name"), rs.getInt("active_series_limit"), rs.getInt("minute_retention_days")))
                .list();
    }

    public void upsert(Plan plan) {
        jdbc.sql("""
                INSERT INTO plan (name, active_series_limit, minute_retention_days) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET active_series_limit = excluded.active_series_limit,
                    minute_retention_days = excluded.minute_retention_days, updated_at = now()
                """).params(plan.name(), plan.activeSeriesLimit(), plan.minuteRetentionDays()).update();
    }

    public List<TenantPlan> tenants() {
        return jdbc.sql(TENANT_PLANS + " ORDER BY t.created_at, t.id").query((rs, row) -> tenantPlan(rs)).list();
    }

    public Optional<TenantPlan> tenant(UUID tenantId) {
        return jdbc.sql(TENANT_PLANS + " WHERE t.id = ?").param(tenantId).query((rs, row) -> tenantPlan(rs)).optional();
    }

    public void updateTenant(UUID tenantId, String plan, int lateDataLimitSeconds) {
        jdbc.sql("UPDATE tenant SET plan = ?, late_data_limit_seconds = ? WHERE id = ?")
                .params(plan, lateDataLimitSeconds, tenantId).update();
    }

    private static TenantPlan tenantPlan(ResultSet rs) throws SQLException {
        return new TenantPlan(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("plan"),
                rs.getInt("active_series_limit"), rs.getInt("minute_retention_days"), rs.getInt("late_data_limit_seconds"));
    }
}
