package dev.pulseboard.tenantapi.dashboards.internal;

import dev.pulseboard.tenantapi.dashboards.Dashboard;
import dev.pulseboard.tenantapi.dashboards.Widget;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Dashboards by tenant: every statement names the tenant, so another tenant's id finds nothing. */
@Repository
public class DashboardRepository {
    private static final TypeReference<List<Widget>> WIDGETS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    DashboardRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(UUID tenantId, Dashboard dashboard) {
        jdbc.sql("INSERT INTO dashboard (id, tenant_id, name, widgets) VALUES (?, ?, ?, ?::jsonb)")
                .params(dashboard.dashboardId(), tenantId, dashboard.name(), json.writeValueAsString(dashboard.widgets())).update();
    }

    public boolean update(UUID tenantId, Dashboard dashboard) {
        return jdbc.sql("UPDATE dashboard SET name = ?, widgets = ?::jsonb, updated_at = now() WHERE tenant_id = ? AND id = ?")
                .params(dashboard.name(), json.writeValueAsString(dashboard.widgets()), tenantId, dashboard.dashboardId()).update() == 1;
    }

    public boolean delete(UUID tenantId, UUID id) {
        return jdbc.sql("DELETE FROM dashboard WHERE tenant_id = ? AND id = ?").params(tenantId, id).update() == 1;
    }

    public Optional<Dashboard> find(UUID tenantId, UUID id) {
        return jdbc.sql("SELECT id, name, widgets::text AS widgets FROM dashboard WHERE tenant_id = ? AND id = ?")
                .params(tenantId, id).query((rs, row) -> dashboard(rs)).optional();
    }

    public List<Dashboard> list(UUID tenantId) {
        return jdbc.sql("SELECT id, name, widgets::text AS widgets FROM dashboard WHERE tenant_id = ? ORDER BY name, id")
                .param(tenantId).query((rs, row) -> dashboard(rs)).list();
    }

    private Dashboard dashboard(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Dashboard(rs.getObject("id", UUID.class), rs.getString("name"), json.readValue(rs.getString("widgets"), WIDGETS));
    }
}
