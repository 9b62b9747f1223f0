package dev.pulseboard.tenantapi.authserver;

import java.util.UUID;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Registers Pulseboard's own OAuth2 clients at start-up: the console (a confidential web app),
 * pulseboard-cli (a public client for scripts, RFC 8252 loopback redirect, PKCE required), and
 * query's service client, which reads every tenant's plan to apply retention.
 */
@Component
class FirstPartyClients implements ApplicationRunner {
    static final String CONSOLE = "pulseboard-console";
    static final String CLI = "pulseboard-cli";
    static final String QUERY = "pulseboard-query";
    static final String TENANTS_READ = "tenants:read";

    private final RegisteredClientRepository clients;
    private final PasswordEncoder passwords;
    private final AuthServerProperties properties;

    FirstPartyClients(RegisteredClientRepository clients, PasswordEncoder passwords, AuthServerProperties properties) {
        this.clients = clients;
        this.passwords = passwords;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        TokenSettings userTokens = TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build();
        RegisteredClient console = RegisteredClient.withId(idOf(CONSOLE))
                .clientId(CONSOLE)
                .clientName("Pulseboard console")
                .clientSecret(passwords.encode(properties.consoleClientSecret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(properties.consoleRedirectUris()))
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope("metrics:read")
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(userTokens)
                .build();
        RegisteredClient cli = RegisteredClient.withId(idOf(CLI))
                .clientId(CLI)
                .clientName("Pulseboard command line")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                // RFC 8252 7.3: for a loopback IP redirect any port matches.
                .redirectUri("http://127.0.0.1/callback")
                .scope(OidcScopes.OPENID).scope("metrics:read").scope("events:write")
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(userTokens)
                .build();
        clients.save(console);
        clients.save(cli);
        if (properties.queryClientSecret() != null && !properties.queryClientSecret().isBlank()) {
            clients.save(RegisteredClient.withId(idOf(QUERY))
                    .clientId(QUERY)
                    .clientName("Pulseboard query service")
                    .clientSecret(passwords.encode(properties.queryClientSecret()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope(TENANTS_READ)
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.machineTokenTtl()).build())
                    .build());
        }
    }

    /** A stable registration id, so restarts update the same rows. */
    private static String idOf(String clientId) {
        return UUID.nameUUIDFromBytes(clientId.getBytes()).toString();
    }
}
