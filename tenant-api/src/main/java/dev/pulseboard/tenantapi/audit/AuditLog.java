package dev.pulseboard.tenantapi.audit;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The per-tenant audit log. Details name what was touched; secrets and tokens never go in. */
@Service
public class AuditLog {
    public static final String SIGN_IN = "sign-in";
    public static final String SIGN_IN_FAILED = "sign-in-failed";
    public static final String CLIENT_CREATED = "api-client-created";
    public static final String CLIENT_REVOKED = "api-client-revoked";
    public static final String ROLE_CHANGED = "role-changed";
    public static final String INVITE_CREATED = "invite-created";
    public static final String INVITE_REVOKED = "invite-revoked";
    public static final String INVITE_ACCEPTED = "invite-accepted";
    public static final String PLAN_CHANGED = "plan-changed";

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(UUID tenantId, String actor, String action, String detail) {
        jdbc.sql("INSERT INTO audit_event (tenant_id, actor, action, detail) VALUES (?, ?, ?, ?)")
                .params(tenantId, actor, action, detail).update();
    }

    /** The tenant's newest events first. */
    public List<AuditEvent> recent(UUID tenantId, int limit) {
        return jdbc.sql("SELECT at, actor, action, detail FROM audit_event WHERE tenant_id = ? ORDER BY at DESC, id DESC LIMIT ?")
                .params(tenantId, limit)
                .query((rs, row) -> new AuditEvent(rs.getObject("at", Timestamp.class).toInstant(), rs.getString("actor"),
                        rs.getString("action"), rs.getString("detail")))
                .list();
    }
}
