package dev.pulseboard.tenantapi.authserver;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuer                 the issuer URL every service checks tokens against
 * @param keyEncryptionSecret    encrypts signing keys at rest; keep it out of the database
 * @param accessTokenTtl         how long a person's access token lives
 * @param machineTokenTtl        how long an API client's access token lives; short, so that
 *                               revoking a client takes effect within a minute
 * @param consoleClientSecret    the console's OAuth2 client secret
 * @param consoleRedirectUris    where the console receives authorization codes
 * @param consoleUrl             where the signup and invitation pages send people to sign in
 * @param queryClientSecret      the query service's client secret (client_credentials, tenants:read);
 *                               without one, that client is not registered
 */
@ConfigurationProperties("pulseboard.auth")
public record AuthServerProperties(
        String issuer,
        String keyEncryptionSecret,
        Duration accessTokenTtl,
        Duration machineTokenTtl,
        String consoleClientSecret,
        List<String> consoleRedirectUris,
        String consoleUrl,
        String queryClientSecret) {
}
