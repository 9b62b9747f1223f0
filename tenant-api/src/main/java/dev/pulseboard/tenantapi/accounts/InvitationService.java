package dev.pulseboard.tenantapi.accounts;

import dev.pulseboard.service.problems.Problems;
import dev.pulseboard.tenantapi.accounts.internal.AccountRepository;
import dev.pulseboard.tenantapi.accounts.internal.InvitationRepository;
import dev.pulseboard.tenantapi.accounts.internal.PasswordPolicy;
import dev.pulseboard.tenantapi.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations bring people into a tenant with a role. The token is 256 random bits, shown once;
 * only its SHA-256 is stored (a slow hash adds nothing to a secret that cannot be guessed).
 */
@Service
public class InvitationService {
    private static final Duration VALID_FOR = Duration.ofDays(7);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InvitationRepository invitations;
    private final AccountRepository accounts;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    InvitationService(InvitationRepository invitations, AccountRepository accounts, PasswordEncoder passwords,
                      PasswordPolicy policy, AuditLog audit) {
        this.invitations = invitations;
        this.accounts = accounts;
        this.passwords = passwords;
        this.policy = policy;
        this.audit = audit;
    }

    @Transactional
    public IssuedInvitation invite(UUID tenantId, String actor, Role actorRole, String email, Role role) {
        String normalizedEmail = AccountService.normalizeEmail(email);
        if (role == null || !role.isTenantRole()) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-role", "role must be OWNER, ADMIN, MEMBER or VIEWER.");
        }
        if (role == Role.OWNER && actorRole != Role.OWNER) {
            throw Problems.exception(HttpStatus.FORBIDDEN, "forbidden", "Only an OWNER can invite an OWNER.");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        Instant expiresAt = clock.instant().plus(VALID_FOR);
        invitations.insert(id, tenantId, normalizedEmail, role, sha256(token), actor, expiresAt);
        audit.record(tenantId, actor, AuditLog.INVITE_CREATED, normalizedEmail + " as " + role);
        return new IssuedInvitation(id, normalizedEmail, role, token, expiresAt);
    }

    public List<Invitation> pending(UUID tenantId) {
        return invitations.pending(tenantId, clock.instant());
    }

    @Transactional
    public void revoke(UUID tenantId, String actor, UUID inviteId) {
        if (!invitations.revoke(tenantId, inviteId)) {
            throw Problems.exception(HttpStatus.NOT_FOUND, "not-found", "No such pending invitation in this tenant.");
        }
        audit.record(tenantId, actor, AuditLog.INVITE_REVOKED, inviteId.toString());
    }

    /** The invitee sets a password and joins the tenant with the invited role; a token works once. */
    @Transactional
    public Member accept(String token, String password) {
        if (token == null || token.isBlank()) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-invitation", "token is required.");
        }
        policy.check(password);
        InvitationRepository.Pending invitation = invitations.claim(sha256(token), clock.instant())
                .orElseThrow(() -> Problems.exception(HttpStatus.NOT_FOUND, "invalid-invitation",
                        "This invitation does not exist, was used or revoked, or has expired."));
        if (accounts.findByEmail(invitation.email()).isPresent()) {
            throw Problems.exception(HttpStatus.CONFLICT, "email-taken", "An account with this email already exists.");
        }
        Account account = new Account(UUID.randomUUID(), invitation.tenantId(), invitation.email(), passwords.encode(password), invitation.role());
        accounts.insertUser(account);
        audit.record(invitation.tenantId(), invitation.email(), AuditLog.INVITE_ACCEPTED, "joined as " + invitation.role());
        return Member.of(account);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
