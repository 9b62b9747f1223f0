package dev.pulseboard.tenantapi.apiclients;

import dev.pulseboard.service.problems.Problems;
import dev.pulseboard.tenantapi.apiclients.internal.ApiClientRepository;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Machine clients of a tenant: created with scopes, listed, revoked. */
@Service
public class ApiClientService {
    public static final Set<String> SCOPES = Set.of("events:write", "metrics:read");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiClientRepository clients;
    private final RegisteredClientRepository registrations;
    private final PasswordEncoder passwords;
    private final Duration accessTokenTtl;

    ApiClientService(ApiClientRepository clients, RegisteredClientRepository registrations, PasswordEncoder passwords,
                     dev.pulseboard.tenantapi.authserver.AuthServerProperties properties) {
        this.clients = clients;
        this.registrations = registrations;
        this.passwords = passwords;
        this.accessTokenTtl = properties.machineTokenTtl();
    }

    @Transactional
    public IssuedApiClient create(UUID tenantId, String name, List<String> scopes) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-client", "name must be 1-100 characters.");
        }
        if (scopes == null || scopes.isEmpty() || !SCOPES.containsAll(scopes)) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-scope", "scopes must be a non-empty subset of " + SCOPES + ".");
        }
        String clientId = "pbc_" + HexFormat.of().formatHex(randomBytes(12));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        registrations.save(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientName(name)
                .clientSecret(passwords.encode(secret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(s -> s.addAll(scopes))
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(accessTokenTtl).build())
                .build());
        clients.insert(clientId, tenantId, name.strip(), List.copyOf(scopes));
        return new IssuedApiClient(clientId, secret, name.strip(), List.copyOf(scopes));
    }

    public List<ApiClient> list(UUID tenantId) {
        return clients.findActive(tenantId);
    }

    /** Revokes a client of the tenant; a client of another tenant is reported as not found. */
    @Transactional
    public void revoke(UUID tenantId, String clientId) {
        if (!clients.markRevoked(tenantId, clientId)) {
            throw Problems.notFound("API client");
        }
        clients.deleteRegistration(clientId);
    }

    /** The tenant an active client acts for. */
    public Optional<UUID> tenantOf(String clientId) {
        return clients.activeTenantOf(clientId);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
