package dev.pulseboard.tenantapi.accounts;

import java.time.Instant;
import java.util.UUID;

/** A pending invitation, as its tenant's admins see it (never with its token). */
public record Invitation(UUID inviteId, String email, Role role, String invitedBy, Instant expiresAt) {
}
