package dev.pulseboard.tenantapi.authserver.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.keygen.KeyGenerators;

/**
 * The JWT signing keys, kept in PostgreSQL AES-GCM encrypted with a secret from configuration, so
 * tokens survive restarts and every replica signs with the same key. The newest key signs; a key
 * replaced by {@link #rotate} stays published (JWKS) until every token it signed has expired.
 * Replicas re-read the table every {@link #REFRESH}, so a rotation on one reaches the others.
 */
public class SigningKeys implements JWKSource<SecurityContext> {
    private static final Duration REFRESH = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final String secret;
    private final Duration longestTokenLife;
    private final Clock clock;
    private volatile Loaded loaded;

    private record Loaded(RSAKey current, JWKSet published, Instant at) {
    }

    public SigningKeys(JdbcClient jdbc, String secret, Duration longestTokenLife, Clock clock) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("pulseboard.auth.key-encryption-secret must be set (16+ characters)");
        }
        this.jdbc = jdbc;
        this.secret = secret;
        this.longestTokenLife = longestTokenLife;
        this.clock = clock;
    }

    /** The id of the key that signs new tokens. */
    public String currentKeyId() {
        return keys().current().getKeyID();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return selector.select(keys().published());
    }

    /** Makes a new key the signing key; the old one stays published until its tokens have expired. */
    public synchronized String rotate() {
        Instant until = clock.instant().plus(longestTokenLife).plus(REFRESH).plusSeconds(60);
        insert(generate());
        jdbc.sql("UPDATE signing_key SET published_until = ? WHERE published_until IS NULL AND kid <> ?")
                .params(Timestamp.from(until), newestKeyId()).update();
        loaded = null;
        return currentKeyId();
    }

    private Loaded keys() {
        Loaded keys = loaded;
        if (keys == null || keys.at().plus(REFRESH).isBefore(clock.instant())) {
            keys = load();
            loaded = keys;
        }
        return keys;
    }

    private synchronized Loaded load() {
        List<String> published = jdbc.sql("SELECT encrypted_jwk FROM signing_key WHERE published_until IS NULL OR published_until > ?"
                        + " ORDER BY published_until IS NULL DESC, created_at DESC")
                .param(Timestamp.from(clock.instant())).query(String.class).list();
        if (published.isEmpty()) {
            insert(generate());
            return load();
        }
        List<JWK> keys = published.stream().map(this::decrypt).map(JWK.class::cast).toList();
        return new Loaded((RSAKey) keys.get(0), new JWKSet(keys), clock.instant());
    }

    private String newestKeyId() {
        return jdbc.sql("SELECT kid FROM signing_key ORDER BY created_at DESC LIMIT 1").query(String.class).single();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a signing key", e);
        }
    }

    private void insert(RSAKey key) {
        String salt = KeyGenerators.string().generateKey();
        String encrypted = salt + ":" + Encryptors.delux(secret, salt).encrypt(key.toJSONString());
        // Replicas starting at once may each insert a first key: all are published, the newest signs.
        jdbc.sql("INSERT INTO signing_key (kid, encrypted_jwk) VALUES (?, ?)").params(key.getKeyID(), encrypted).update();
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
