package dev.pulseboard.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;

class ResourceServerSecurityTest {
    private static Jwt jwt(String tenant, List<String> roles) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256")
                .claim("scope", List.of("metrics:read", "events:write"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        if (tenant != null) {
            jwt.claim(TenantTokens.TENANT_CLAIM, tenant);
        }
        if (roles != null) {
            jwt.claim(TenantTokens.ROLES_CLAIM, roles);
        }
        return jwt.build();
    }

    @Test
    void scopesAndRolesBecomeAuthorities() {
        Authentication auth = ResourceServerSecurity.authoritiesFromScopesAndRoles().convert(jwt("t-1", List.of("OWNER")));
        assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .contains("SCOPE_metrics:read", "SCOPE_events:write", "ROLE_OWNER")
                .noneMatch(authority -> authority.startsWith("ROLE_") && !authority.equals("ROLE_OWNER"));
        assertThat(TenantTokens.tenantId(auth)).isEqualTo("t-1");
    }

    @Test
    void aTokenWithoutATenantIsForbidden() {
        assertThatThrownBy(() -> TenantTokens.tenantId(jwt(null, null)))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(403));
    }
}
