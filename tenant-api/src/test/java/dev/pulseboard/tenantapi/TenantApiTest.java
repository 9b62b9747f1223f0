package dev.pulseboard.tenantapi;

import static dev.pulseboard.tenantapi.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pulseboard.tenantapi.accounts.AccountService;
import dev.pulseboard.tenantapi.authserver.internal.SigningKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * tenant-api on a real PostgreSQL (started by ./pulseboard test; PB_IT_POSTGRES_URL points at
 * it): signup, the token flows, and API clients that stay inside their tenant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=${PB_IT_POSTGRES_URL}",
        "pulseboard.auth.key-encryption-secret=integration-test-secret",
        "pulseboard.auth.console-client-secret=integration-console-secret",
        "pulseboard.demo.env-file="})
class TenantApiTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "correct horse battery staple";

    @LocalServerPort
    int port;
    @Autowired
    SigningKeys signingKeys;
    @Autowired
    AccountService accounts;
    URI server;

    @BeforeEach
    void server() {
        server = URI.create("http://127.0.0.1:" + port);
    }

    @Test
    void signupCreatesATenantWithItsOwnerAndRefusesTakenEmailsAndWeakPasswords() throws Exception {
        String email = uniqueEmail();
        HttpResponse<String> created = signup("Acme", email, PASSWORD);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode ids = JSON.readTree(created.body());
        assertThat(UUID.fromString(ids.get("tenantId").stringValue())).isNotNull();
        assertThat(UUID.fromString(ids.get("userId").stringValue())).isNotNull();

        assertProblem(signup("Other", email.toUpperCase(), PASSWORD), 409, "email-taken");
        assertProblem(signup("Acme", uniqueEmail(), "short-pass"), 400, "weak-password");
        assertProblem(signup("Acme", uniqueEmail(), "password1234"), 400, "weak-password");
        assertProblem(signup("Acme", "not-an-email", PASSWORD), 400, "invalid-email");
    }

    @Test
    void anOwnerCreatesAnApiClientWhoseTokensCarryTheTenantAndOnlyItsScopes() throws Exception {
        Owner owner = newOwner();
        HttpResponse<String> created = send(owner.token, "POST", "/v1/api-clients", "{\"name\":\"checkout-service\",\"scopes\":[\"events:write\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode client = JSON.readTree(created.body());
        String clientId = client.get("clientId").stringValue();
        String secret = client.get("clientSecret").stringValue();

        HttpResponse<String> token = clientCredentials(clientId, secret, "events:write");
        assertThat(token.statusCode()).isEqualTo(200);
        JsonNode claims = claims(JSON.readTree(token.body()).get("access_token").stringValue());
        assertThat(claims.get("tenant_id").stringValue()).isEqualTo(owner.tenantId);
        assertThat(claims.get("scope").toString()).contains("events:write").doesNotContain("metrics:read");
        long expiresIn = claims.get("exp").asLong() - System.currentTimeMillis() / 1000;
        assertThat(expiresIn).as("machine tokens are short-lived, so revocation bites within 60 s").isBetween(1L, 30L);

        assertThat(clientCredentials(clientId, secret, "metrics:read").statusCode()).as("a scope the client lacks").isEqualTo(400);
        assertThat(clientCredentials(clientId, "wrong-secret", "events:write").statusCode()).isEqualTo(401);

        HttpResponse<String> list = send(owner.token, "GET", "/v1/api-clients", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(clientId).doesNotContain(secret).doesNotContain("clientSecret");
    }

    @Test
    void anotherTenantCanNeitherSeeNorRevokeAClientAndARevokedClientGetsNoToken() throws Exception {
        Owner alice = newOwner();
        Owner bob = newOwner();
        JsonNode client = JSON.readTree(send(alice.token, "POST", "/v1/api-clients", "{\"name\":\"a\",\"scopes\":[\"metrics:read\"]}").body());
        String clientId = client.get("clientId").stringValue();

        assertThat(send(bob.token, "GET", "/v1/api-clients", null).body()).doesNotContain(clientId);
        assertProblem(send(bob.token, "DELETE", "/v1/api-clients/" + clientId, null), 404, "not-found");
        assertThat(clientCredentials(clientId, client.get("clientSecret").stringValue(), "metrics:read").statusCode()).isEqualTo(200);

        assertThat(send(alice.token, "DELETE", "/v1/api-clients/" + clientId, null).statusCode()).isEqualTo(204);
        assertThat(clientCredentials(clientId, client.get("clientSecret").stringValue(), "metrics:read").statusCode()).isEqualTo(401);
        assertProblem(send(alice.token, "DELETE", "/v1/api-clients/" + clientId, null), 404, "not-found");
    }

    @Test
    void apiClientsNeedAnOwnerOrAdminTokenAndBadRequestsGetProblems() throws Exception {
        Owner owner = newOwner();
        JsonNode client = JSON.readTree(send(owner.token, "POST", "/v1/api-clients", "{\"name\":\"m\",\"scopes\":[\"metrics:read\"]}").body());
        String machineToken = JSON.readTree(clientCredentials(client.get("clientId").stringValue(),
                client.get("clientSecret").stringValue(), "metrics:read").body()).get("access_token").stringValue();

        assertProblem(send(null, "GET", "/v1/api-clients", null), 401, "unauthorized");
        assertProblem(send("not-a-jwt", "GET", "/v1/api-clients", null), 401, "unauthorized");
        assertProblem(send(machineToken, "GET", "/v1/api-clients", null), 403, "forbidden");
        assertProblem(send(owner.token, "POST", "/v1/api-clients", "{\"name\":\"x\",\"scopes\":[\"admin\"]}"), 400, "invalid-scope");
    }

    @Test
    void expiredForgedWrongAudienceAndOtherIssuerTokensGet401() throws Exception {
        Owner owner = newOwner();
        JWTClaimsSet valid = JWTClaimsSet.parse(claims(owner.token).toString());
        RSAKey signingKey = (RSAKey) signingKeys.get(new JWKSelector(new JWKMatcher.Builder()
                .keyID(SignedJWT.parse(owner.token).getHeader().getKeyID()).build()), null).get(0);

        assertThat(send(sign(valid, signingKey), "GET", "/v1/api-clients", null).statusCode())
                .as("re-signed unchanged with tenant-api's key: the way these tokens are made is sound").isEqualTo(200);
        JWTClaimsSet expired = new JWTClaimsSet.Builder(valid).issueTime(Date.from(Instant.now().minusSeconds(600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(60))).build();
        assertProblem(send(sign(expired, signingKey), "GET", "/v1/api-clients", null), 401, "unauthorized");
        JWTClaimsSet otherAudience = new JWTClaimsSet.Builder(valid).audience("some-other-api").build();
        assertProblem(send(sign(otherAudience, signingKey), "GET", "/v1/api-clients", null), 401, "unauthorized");
        JWTClaimsSet otherIssuer = new JWTClaimsSet.Builder(valid).issuer("https://issuer.example").build();
        assertProblem(send(sign(otherIssuer, signingKey), "GET", "/v1/api-clients", null), 401, "unauthorized");
        RSAKey forger = new RSAKeyGenerator(2048).keyID(signingKey.getKeyID()).generate();
        assertProblem(send(sign(valid, forger), "GET", "/v1/api-clients", null), 401, "unauthorized");
    }

    @Test
    void afterAKeyRotationOldTokensStayValidAndNewOnesAreSignedWithTheNewKey() throws Exception {
        Owner owner = newOwner();
        String oldKeyId = SignedJWT.parse(owner.token).getHeader().getKeyID();
        String adminEmail = "platform-" + UUID.randomUUID() + "@pulseboard.example";
        accounts.ensurePlatformAdmin(adminEmail, PASSWORD);
        String adminToken = new BrowserlessSignIn(server).accessToken(adminEmail, PASSWORD);

        assertProblem(send(owner.token, "POST", "/v1/admin/signing-keys/rotation", null), 403, "forbidden");
        HttpResponse<String> rotated = send(adminToken, "POST", "/v1/admin/signing-keys/rotation", null);
        assertThat(rotated.statusCode()).isEqualTo(201);
        String newKeyId = JSON.readTree(rotated.body()).get("keyId").stringValue();
        assertThat(newKeyId).isNotEqualTo(oldKeyId);

        assertThat(send(owner.token, "GET", "/v1/api-clients", null).statusCode()).as("a token of the old key, before it expires").isEqualTo(200);
        String newToken = new BrowserlessSignIn(server).accessToken(owner.email, PASSWORD);
        assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isEqualTo(newKeyId);
        assertThat(send(newToken, "GET", "/v1/api-clients", null).statusCode()).isEqualTo(200);
        String jwks = HTTP.send(HttpRequest.newBuilder(server.resolve("/oauth2/jwks")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(jwks).as("both keys are published").contains(oldKeyId).contains(newKeyId).doesNotContain("\"d\"");
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private record Owner(String tenantId, String email, String token) {
    }

    private Owner newOwner() throws Exception {
        String email = uniqueEmail();
        JsonNode ids = JSON.readTree(signup("Tenant " + email, email, PASSWORD).body());
        String token = new BrowserlessSignIn(server).accessToken(email, PASSWORD);
        assertThat(claims(token).get("roles").toString()).contains("OWNER");
        return new Owner(ids.get("tenantId").stringValue(), email, token);
    }

    private HttpResponse<String> signup(String tenantName, String email, String password) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(java.util.Map.of("tenantName", tenantName, "email", email, "password", password));
        return send(null, "POST", "/v1/signup", body);
    }

    private HttpResponse<String> clientCredentials(String clientId, String secret, String scope) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(server.resolve("/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String token, String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode claims(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static String uniqueEmail() {
        return "owner-" + UUID.randomUUID() + "@example.com";
    }
}
