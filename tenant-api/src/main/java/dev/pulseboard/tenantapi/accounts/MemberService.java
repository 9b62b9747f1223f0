package dev.pulseboard.tenantapi.accounts;

import dev.pulseboard.service.problems.Problems;
import dev.pulseboard.tenantapi.accounts.internal.AccountRepository;
import dev.pulseboard.tenantapi.audit.AuditLog;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The people of a tenant and their roles. Every call is scoped to the caller's tenant. */
@Service
public class MemberService {
    private final AccountRepository accounts;
    private final AuditLog audit;

    MemberService(AccountRepository accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    public List<Member> list(UUID tenantId) {
        return accounts.listByTenant(tenantId).stream().map(Member::of).toList();
    }

    /** Gives a member another role. Only an OWNER makes or unmakes owners, and a tenant keeps at least one. */
    @Transactional
    public Member changeRole(UUID tenantId, String actor, Role actorRole, UUID userId, Role role) {
        if (role == null || !role.isTenantRole()) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-role", "role must be OWNER, ADMIN, MEMBER or VIEWER.");
        }
        Account member = accounts.findInTenant(tenantId, userId)
                .orElseThrow(() -> Problems.exception(HttpStatus.NOT_FOUND, "not-found", "No such user in this tenant."));
        if ((role == Role.OWNER || member.role() == Role.OWNER) && actorRole != Role.OWNER) {
            throw Problems.exception(HttpStatus.FORBIDDEN, "forbidden", "Only an OWNER can make or unmake owners.");
        }
        if (member.role() == Role.OWNER && role != Role.OWNER && accounts.lockAndCountOwners(tenantId) <= 1) {
            throw Problems.exception(HttpStatus.CONFLICT, "last-owner", "A tenant keeps at least one OWNER.");
        }
        accounts.updateRole(userId, role);
        audit.record(tenantId, actor, AuditLog.ROLE_CHANGED, member.email() + " " + member.role() + " -> " + role);
        return new Member(userId, member.email(), role);
    }
}
