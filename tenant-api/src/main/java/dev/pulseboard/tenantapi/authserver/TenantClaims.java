package dev.pulseboard.tenantapi.authserver;

import dev.pulseboard.service.security.TenantTokens;
import dev.pulseboard.tenantapi.accounts.AccountService;
import dev.pulseboard.tenantapi.apiclients.ApiClientService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts the tenant (and, for people, the role) into every access token. Services trust these
 * claims and nothing else to decide whose data a request may touch.
 */
@Component
class TenantClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {
    private final AccountService accounts;
    private final ApiClientService apiClients;

    TenantClaims(AccountService accounts, ApiClientService apiClients) {
        this.accounts = accounts;
        this.apiClients = apiClients;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            apiClients.tenantOf(context.getRegisteredClient().getClientId())
                    .ifPresent(tenant -> context.getClaims().claim(TenantTokens.TENANT_CLAIM, tenant.toString()));
            return;
        }
        accounts.findByEmail(context.getPrincipal().getName()).ifPresent(account -> {
            if (account.tenantId() != null) {
                context.getClaims().claim(TenantTokens.TENANT_CLAIM, account.tenantId().toString());
            }
            // A mutable list: the JDBC authorization store only deserializes allow-listed collection types.
            context.getClaims().claim(TenantTokens.ROLES_CLAIM, new ArrayList<>(List.of(account.role().name())));
        });
    }
}
