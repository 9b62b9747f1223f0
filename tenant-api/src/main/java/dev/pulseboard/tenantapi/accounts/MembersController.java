package dev.pulseboard.tenantapi.accounts;

import dev.pulseboard.service.security.TenantTokens;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * People and invitations of the caller's tenant: /v1/users and /v1/invites for OWNER and ADMIN
 * (enforced in the security chain), and /v1/invites/accept for the invitee, who has no token yet.
 */
@RestController
class MembersController {
    private final MemberService members;
    private final InvitationService invitations;

    MembersController(MemberService members, InvitationService invitations) {
        this.members = members;
        this.invitations = invitations;
    }

    record RoleChange(Role role) {
    }

    record InviteRequest(String email, Role role) {
    }

    record Acceptance(String token, String password) {
    }

    @GetMapping("/v1/users")
    List<Member> list(Authentication auth) {
        return members.list(tenant(auth));
    }

    @PatchMapping("/v1/users/{userId}")
    Member changeRole(@PathVariable UUID userId, @RequestBody RoleChange change, Authentication auth) {
        return members.changeRole(tenant(auth), auth.getName(), Role.of(auth).orElseThrow(), userId, change.role());
    }

    @PostMapping("/v1/invites")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedInvitation invite(@RequestBody InviteRequest request, Authentication auth) {
        return invitations.invite(tenant(auth), auth.getName(), Role.of(auth).orElseThrow(), request.email(), request.role());
    }

    @GetMapping("/v1/invites")
    List<Invitation> pending(Authentication auth) {
        return invitations.pending(tenant(auth));
    }

    @DeleteMapping("/v1/invites/{inviteId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID inviteId, Authentication auth) {
        invitations.revoke(tenant(auth), auth.getName(), inviteId);
    }

    @PostMapping("/v1/invites/accept")
    @ResponseStatus(HttpStatus.CREATED)
    Member accept(@RequestBody Acceptance acceptance) {
        return invitations.accept(acceptance.token(), acceptance.password());
    }

    private static UUID tenant(Authentication auth) {
        return UUID.fromString(TenantTokens.tenantId(auth));
    }
}
