package dev.pulseboard.service.security;

import dev.pulseboard.service.problems.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The tenant of a request comes from its token alone, never from a path, body or header. */
public final class TenantTokens {
    public static final String TENANT_CLAIM = "tenant_id";
    public static final String ROLES_CLAIM = "roles";

    private TenantTokens() {
    }

    public static String tenantId(Jwt jwt) {
        String tenant = jwt.getClaimAsString(TENANT_CLAIM);
        if (tenant == null || tenant.isBlank()) {
            throw Problems.exception(HttpStatus.FORBIDDEN, "forbidden", "The token belongs to no tenant.");
        }
        return tenant;
    }

    public static String tenantId(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token) {
            return tenantId(token.getToken());
        }
        throw Problems.exception(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid bearer token is required.");
    }
}
