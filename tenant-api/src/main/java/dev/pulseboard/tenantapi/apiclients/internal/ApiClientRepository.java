package dev.pulseboard.tenantapi.apiclients.internal;

import dev.pulseboard.tenantapi.apiclients.ApiClient;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ApiClientRepository {
    private final JdbcClient jdbc;

    ApiClientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String clientId, UUID tenantId, String name, List<String> scopes) {
        jdbc.sql("INSERT INTO api_client (client_id, tenant_id, name, scopes) VALUES (?, ?, ?, ?::text[])")
                .params(clientId, tenantId, name, "{" + String.join(",", scopes) + "}")
                .update();
    }

    public List<ApiClient> findActive(UUID tenantId) {
        return jdbc.sql("SELECT client_id, name, scopes, created_at FROM api_client "
                        + "WHERE tenant_id = ? AND revoked_at IS NULL ORDER BY created_at")
                .param(tenantId)
                .query((rs, row) -> new ApiClient(rs.getString("client_id"), rs.getString("name"),
                        strings(rs.getArray("scopes")), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    public boolean markRevoked(UUID tenantId, String clientId) {
        return jdbc.sql("UPDATE api_client SET revoked_at = now() WHERE tenant_id = ? AND client_id = ? AND revoked_at IS NULL")
                .params(tenantId, clientId).update() == 1;
    }

    public void deleteRegistration(String clientId) {
        jdbc.sql("DELETE FROM oauth2_registered_client WHERE client_id = ?").param(clientId).update();
    }

    public Optional<UUID> activeTenantOf(String clientId) {
        return jdbc.sql("SELECT tenant_id FROM api_client WHERE client_id = ? AND revoked_at IS NULL")
                .param(clientId).query(UUID.class).optional();
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
