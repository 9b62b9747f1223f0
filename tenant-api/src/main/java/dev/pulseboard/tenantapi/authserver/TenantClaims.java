package dev.pulseboard.tenantapi.authserver;

import dev.pulseboard.service.security.TenantTokens;
import dev.pulseboard.service.security.TokenValidation;
import dev.pulseboard.tenantapi.accounts.AccountService;
import dev.pulseboard.tenantapi.apiclients.ApiClientService;
import dev.pulseboard.tenantapi.authserver.internal.SigningKeys;
import dev.pulseboard.tenantapi.plans.PlanService;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts the tenant (and, for people, the role) into every access token. Services trust these
 * claims and nothing else to decide whose data a request may touch. The tenant's limits ride
 * along, so ingestion enforces the current plan without a call per request; a plan change
 * reaches it as tokens are renewed (30 s for API clients).
 */
@Component
class TenantClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {
    private final AccountService accounts;
    private final ApiClientService apiClients;
    private final SigningKeys signingKeys;
    private final PlanService plans;

    TenantClaims(AccountService accounts, ApiClientService apiClients, SigningKeys signingKeys, PlanService plans) {
        this.accounts = accounts;
        this.apiClients = apiClients;
        this.signingKeys = signingKeys;
        this.plans = plans;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        // Naming the key picks it among the published ones, the old key included after a rotation.
        context.getJwsHeader().keyId(signingKeys.currentKeyId());
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        context.getClaims().audience(new ArrayList<>(List.of(TokenValidation.AUDIENCE)));
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            apiClients.tenantOf(context.getRegisteredClient().getClientId()).ifPresent(tenant -> addTenant(context, tenant));
            return;
        }
        accounts.findByEmail(context.getPrincipal().getName()).ifPresent(account -> {
            if (account.tenantId() != null) {
                addTenant(context, account.tenantId());
            }
            // A mutable list: the JDBC authorization store only deserializes allow-listed collection types.
            context.getClaims().claim(TenantTokens.ROLES_CLAIM, new ArrayList<>(List.of(account.role().name())));
        });
    }

    private void addTenant(JwtEncodingContext context, UUID tenantId) {
        context.getClaims().claim(TenantTokens.TENANT_CLAIM, tenantId.toString());
        plans.tenant(tenantId).ifPresent(plan -> context.getClaims()
                .claim(TenantTokens.PLAN_CLAIM, plan.plan())
                .claim(TenantTokens.ACTIVE_SERIES_LIMIT_CLAIM, plan.activeSeriesLimit())
                .claim(TenantTokens.LATE_DATA_LIMIT_CLAIM, plan.lateDataLimitSeconds()));
    }
}
