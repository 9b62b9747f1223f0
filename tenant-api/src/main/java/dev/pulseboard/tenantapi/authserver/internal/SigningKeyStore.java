package dev.pulseboard.tenantapi.authserver.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.text.ParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.keygen.KeyGenerators;

/**
 * Keeps the JWT signing key in PostgreSQL, AES-GCM encrypted with a secret from configuration,
 * so tokens survive restarts and every replica signs with the same key.
 */
public final class SigningKeyStore {
    private final JdbcClient jdbc;
    private final String secret;

    public SigningKeyStore(JdbcClient jdbc, String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("pulseboard.auth.key-encryption-secret must be set (16+ characters)");
        }
        this.jdbc = jdbc;
        this.secret = secret;
    }

    /** The current signing key, created on first use. */
    public JWKSet load() {
        List<String> stored = jdbc.sql("SELECT encrypted_jwk FROM signing_key ORDER BY created_at DESC LIMIT 1")
                .query(String.class).list();
        RSAKey key = stored.isEmpty() ? create() : decrypt(stored.get(0));
        return new JWKSet(key);
    }

    private RSAKey create() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            String salt = KeyGenerators.string().generateKey();
            String encrypted = salt + ":" + Encryptors.delux(secret, salt).encrypt(key.toJSONString());
            // Two replicas starting at once must end up with one key: the first insert wins.
            jdbc.sql("INSERT INTO signing_key (kid, encrypted_jwk) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(key.getKeyID(), encrypted).update();
            return decrypt(jdbc.sql("SELECT encrypted_jwk FROM signing_key ORDER BY created_at DESC LIMIT 1").query(String.class).single());
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a signing key", e);
        }
    }

    private RSAKey decrypt(String stored) {
        int colon = stored.indexOf(':');
        String salt = stored.substring(0, colon);
        String json = Encryptors.delux(secret, salt).decrypt(stored.substring(colon + 1));
        try {
            return RSAKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("stored signing key is unreadable", e);
        }
    }
}
