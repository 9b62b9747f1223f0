package dev.pulseboard.tenantapi.accounts;

import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * Roles of a person.
 * <ul>
 *   <li>OWNER: everything in the tenant, including making and unmaking owners.</li>
 *   <li>ADMIN: people (invite, change roles below OWNER), API clients, the audit log, and
 *       everything MEMBER can do.</li>
 *   <li>MEMBER: dashboards and alerts, and everything VIEWER can do.</li>
 *   <li>VIEWER: reads dashboards and metrics.</li>
 *   <li>PLATFORM_ADMIN: runs Pulseboard itself (e.g. signing-key rotation) and belongs to no tenant.</li>
 * </ul>
 * A token carries the role it was issued with; a changed role applies from the person's next token.
 */
public enum Role {
    OWNER, ADMIN, MEMBER, VIEWER, PLATFORM_ADMIN;

    /** The tenant role a request was made with, from its token's authorities. */
    public static Optional<Role> of(Authentication auth) {
        for (Role role : new Role[] {OWNER, ADMIN, MEMBER, VIEWER}) {
            if (auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role.name()))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    boolean isTenantRole() {
        return this != PLATFORM_ADMIN;
    }
}
