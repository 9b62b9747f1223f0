package dev.pulseboard.tenantapi.accounts;

import java.util.UUID;

/** A person of a tenant as the members API shows them. */
public record Member(UUID userId, String email, Role role) {
    static Member of(Account account) {
        return new Member(account.id(), account.email(), account.role());
    }
}
