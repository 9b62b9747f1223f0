package dev.pulseboard.tenantapi.accounts;

import java.util.UUID;

/** A person who can sign in; {@code tenantId} is null only for the platform administrator. */
public record Account(UUID id, UUID tenantId, String email, String passwordHash, Role role) {
}
