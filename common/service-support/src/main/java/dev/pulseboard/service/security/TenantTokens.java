package dev.pulseboard.service.security;

import dev.pulseboard.service.problems.Problems;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The tenant of a request comes from its token alone, never from a path, body or header; so do
 * the tenant's limits, which tenant-api puts in from the tenant's plan when it issues the token.
 */
public final class TenantTokens {
    public static final String TENANT_CLAIM = "tenant_id";
    public static final String ROLES_CLAIM = "roles";
    public static final String PLAN_CLAIM = "plan";
    public static final String ACTIVE_SERIES_LIMIT_CLAIM = "active_series_limit";
    public static final String LATE_DATA_LIMIT_CLAIM = "late_data_limit_s";

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

    /** The tenant's limit of active series, or {@code fallback} for a token that names none. */
    public static long activeSeriesLimit(Jwt jwt, long fallback) {
        Object limit = jwt.getClaim(ACTIVE_SERIES_LIMIT_CLAIM);
        return limit instanceof Number number && number.longValue() > 0 ? number.longValue() : fallback;
    }

    /** How old an event of the tenant may be, or {@code fallback} for a token that names no limit. */
    public static Duration lateDataLimit(Jwt jwt, Duration fallback) {
        Object limit = jwt.getClaim(LATE_DATA_LIMIT_CLAIM);
        return limit instanceof Number number && number.longValue() > 0 ? Duration.ofSeconds(number.longValue()) : fallback;
    }
}
