package dev.pulseboard.tenantapi.accounts.internal;

import dev.pulseboard.tenantapi.accounts.Invitation;
import dev.pulseboard.tenantapi.accounts.Role;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class InvitationRepository {
    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An invitation a token opens: still pending, with its tenant. */
    public record Pending(UUID id, UUID tenantId, String email, Role role) {
    }

    public void insert(UUID id, UUID tenantId, String email, Role role, String tokenHash, String invitedBy, Instant expiresAt) {
        jdbc.sql("INSERT INTO invitation (id, tenant_id, email, role, token_hash, invited_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, tenantId, email, role.name(), tokenHash, invitedBy, Timestamp.from(expiresAt)).update();
    }

    public List<Invitation> pending(UUID tenantId, Instant now) {
        return jdbc.sql("SELECT id, email, role, invited_by, expires_at FROM invitation WHERE tenant_id = ?"
                        + " AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at")
                .params(tenantId, Timestamp.from(now))
                .query((rs, row) -> new Invitation(rs.getObject("id", UUID.class), rs.getString("email"), Role.valueOf(rs.getString("role")),
                        rs.getString("invited_by"), rs.getObject("expires_at", Timestamp.class).toInstant()))
                .list();
    }

    /** Revokes a pending invitation of the tenant; false when there is none with that id. */
    public boolean revoke(UUID tenantId, UUID id) {
        return jdbc.sql("UPDATE invitation SET revoked_at = now() WHERE tenant_id = ? AND id = ? AND accepted_at IS NULL AND revoked_at IS NULL")
                .params(tenantId, id).update() == 1;
    }

    /** Claims the pending invitation of a token hash for acceptance, once: later calls find nothing. */
    public Optional<Pending> claim(String tokenHash, Instant now) {
        return jdbc.sql("UPDATE invitation SET accepted_at = now() WHERE token_hash = ? AND accepted_at IS NULL AND revoked_at IS NULL"
                        + " AND expires_at > ? RETURNING id, tenant_id, email, role")
                .params(tokenHash, Timestamp.from(now))
                .query((rs, row) -> new Pending(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                        rs.getString("email"), Role.valueOf(rs.getString("role"))))
                .optional();
    }
}
