package dev.pulseboard.tenantapi.accounts.internal;

import dev.pulseboard.tenantapi.accounts.Account;
import dev.pulseboard.tenantapi.accounts.Role;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AccountRepository {
    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertTenant(UUID id, String name) {
        jdbc.sql("INSERT INTO tenant (id, name) VALUES (?, ?)").params(id, name).update();
    }

    public void insertUser(Account account) {
        jdbc.sql("INSERT INTO app_user (id, tenant_id, email, password_hash, role) VALUES (?, ?, ?, ?, ?)")
                .params(account.id(), account.tenantId(), account.email(), account.passwordHash(), account.role().name())
                .update();
    }

    public Optional<Account> findByEmail(String email) {
        return jdbc.sql("SELECT id, tenant_id, email, password_hash, role FROM app_user WHERE lower(email) = lower(?)")
                .param(email)
                .query(AccountRepository::account)
                .optional();
    }

    public List<Account> listByTenant(UUID tenantId) {
        return jdbc.sql("SELECT id, tenant_id, email, password_hash, role FROM app_user WHERE tenant_id = ? ORDER BY created_at, email")
                .param(tenantId).query(AccountRepository::account).list();
    }

    public Optional<Account> findInTenant(UUID tenantId, UUID userId) {
        return jdbc.sql("SELECT id, tenant_id, email, password_hash, role FROM app_user WHERE tenant_id = ? AND id = ?")
                .params(tenantId, userId).query(AccountRepository::account).optional();
    }

    public void updateRole(UUID userId, Role role) {
        jdbc.sql("UPDATE app_user SET role = ? WHERE id = ?").params(role.name(), userId).update();
    }

    /** Counts the tenant's owners, locking them, so that two demotions at once cannot leave none. */
    public long lockAndCountOwners(UUID tenantId) {
        return jdbc.sql("SELECT id FROM app_user WHERE tenant_id = ? AND role = 'OWNER' FOR UPDATE")
                .param(tenantId).query(UUID.class).list().size();
    }

    private static Account account(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Account(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getString("email"), rs.getString("password_hash"), Role.valueOf(rs.getString("role")));
    }

    public void updatePassword(UUID userId, String passwordHash) {
        jdbc.sql("UPDATE app_user SET password_hash = ? WHERE id = ?").params(passwordHash, userId).update();
    }
}
