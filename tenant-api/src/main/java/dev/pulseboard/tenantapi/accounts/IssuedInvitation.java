package dev.pulseboard.tenantapi.accounts;

import java.time.Instant;
import java.util.UUID;

/** A new invitation with its token, which is shown this once; the invitee accepts with it. */
public record IssuedInvitation(UUID inviteId, String email, Role role, String token, Instant expiresAt) {
}
