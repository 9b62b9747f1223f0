package dev.pulseboard.tenantapi.accounts;

import java.util.UUID;

public record SignupResult(UUID tenantId, UUID userId) {
}
