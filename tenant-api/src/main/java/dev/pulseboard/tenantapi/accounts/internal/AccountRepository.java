package dev.pulseboard.tenantapi.accounts.internal;

import dev.pulseboard.tenantapi.accounts.Account;
import dev.pulseboard.tenantapi.accounts.Role;
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
                .query((rs, row) -> new Account(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                        rs.getString("email"), rs.getString("password_hash"), Role.valueOf(rs.getString("role"))))
                .optional();
    }

    public void updatePassword(UUID userId, String passwordHash) {
        jdbc.sql("UPDATE app_user SET password_hash = ? WHERE id = ?").params(passwordHash, userId).update();
    }
}
