package dev.pulseboard.ingestion.series;

import dev.pulseboard.service.security.TenantTokens;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /v1/usage: the caller's tenant's active series, its limit, and how many new series were dropped. */
@RestController
class UsageController {
    private final ActiveSeries series;

    UsageController(ActiveSeries series) {
        this.series = series;
    }

    @GetMapping("/v1/usage")
    SeriesUsage usage(@AuthenticationPrincipal Jwt token) {
        return series.usage(TenantTokens.tenantId(token), TenantTokens.activeSeriesLimit(token, series.defaultLimit()));
    }
}
