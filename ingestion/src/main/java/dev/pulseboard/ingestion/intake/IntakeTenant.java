package dev.pulseboard.ingestion.intake;

import dev.pulseboard.events.EventRules;
import dev.pulseboard.service.security.TenantTokens;
import java.time.Duration;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who sends a batch and what their plan allows, all read from the token (tenant-api puts the
 * plan's limits in when it issues it). A token that names no limit gets the platform default.
 */
public record IntakeTenant(String tenantId, long activeSeriesLimit, Duration lateDataLimit) {

    public static IntakeTenant of(Jwt token, long defaultActiveSeriesLimit) {
        return new IntakeTenant(TenantTokens.tenantId(token),
                TenantTokens.activeSeriesLimit(token, defaultActiveSeriesLimit),
                TenantTokens.lateDataLimit(token, EventRules.DEFAULT_LATE_DATA_LIMIT));
    }
}
