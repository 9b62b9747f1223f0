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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * tenant-api on a real PostgreSQL (started by ./pulseboard test; PB_IT_POSTGRES_URL points at
 * it): signup, the token flows, and API clients that stay inside their tenant.
 */
class TenantApiTest extends OnRealPostgres {
    @Autowired
    SigningKeys signingKeys;
    @Autowired
    AccountService accounts;

    @Test
    void signupCreatesATenantWithItsOwnerAndRefusesTakenEmailsAndWeakPasswords() throws Exception {
        String email = TenantApi.uniqueEmail();
        HttpResponse<String> created = api.signup("Acme", email, TenantApi.PASSWORD);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode ids = TenantApi.JSON.readTree(created.body());
        assertThat(UUID.fromString(ids.get("tenantId").stringValue())).isNotNull();
        assertThat(UUID.fromString(ids.get("userId").stringValue())).isNotNull();

        assertProblem(api.signup("Other", email.toUpperCase(), TenantApi.PASSWORD), 409, "email-taken");
        assertProblem(api.signup("Acme", TenantApi.uniqueEmail(), "short-pass"), 400, "weak-password");
        assertProblem(api.signup("Acme", TenantApi.uniqueEmail(), "password1234"), 400, "weak-password");
        assertProblem(api.signup("Acme", "not-an-email", TenantApi.PASSWORD), 400, "invalid-email");
    }

    @Test
    void anOwnerCreatesAnApiClientWhoseTokensCarryTheTenantAndOnlyItsScopes() throws Exception {
        TenantApi.Owner owner = api.newOwner();
        HttpResponse<String> created = api.send(owner.token(), "POST", "/v1/api-clients", "{\"name\":\"checkout-service\",\"scopes\":[\"events:write\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode client = TenantApi.JSON.readTree(created.body());
        String clientId = client.get("clientId").stringValue();
        String secret = client.get("clientSecret").stringValue();

        HttpResponse<String> token = api.clientCredentials(clientId, secret, "events:write");
        assertThat(token.statusCode()).isEqualTo(200);
        JsonNode claims = TenantApi.claims(TenantApi.JSON.readTree(token.body()).get("access_token").stringValue());
        assertThat(claims.get("tenant_id").stringValue()).isEqualTo(owner.tenantId());
        assertThat(claims.get("scope").toString()).contains("events:write").doesNotContain("metrics:read");
        long expiresIn = claims.get("exp").asLong() - System.currentTimeMillis() / 1000;
        assertThat(expiresIn).as("machine tokens are short-lived, so revocation bites within 60 s").isBetween(1L, 30L);

        assertThat(api.clientCredentials(clientId, secret, "metrics:read").statusCode()).as("a scope the client lacks").isEqualTo(400);
        assertThat(api.clientCredentials(clientId, "wrong-secret", "events:write").statusCode()).isEqualTo(401);

        HttpResponse<String> list = api.send(owner.token(), "GET", "/v1/api-clients", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(clientId).doesNotContain(secret).doesNotContain("clientSecret");
    }

    @Test
    void anotherTenantCanNeitherSeeNorRevokeAClientAndARevokedClientGetsNoToken() throws Exception {
        TenantApi.Owner alice = api.newOwner();
        TenantApi.Owner bob = api.newOwner();
        JsonNode client = TenantApi.JSON.readTree(api.send(alice.token(), "POST", "/v1/api-clients", "{\"name\":\"a\",\"scopes\":[\"metrics:read\"]}").body());
        String clientId = client.get("clientId").stringValue();

        assertThat(api.send(bob.token(), "GET", "/v1/api-clients", null).body()).doesNotContain(clientId);
        assertProblem(api.send(bob.token(), "DELETE", "/v1/api-clients/" + clientId, null), 404, "not-found");
        assertThat(api.clientCredentials(clientId, client.get("clientSecret").stringValue(), "metrics:read").statusCode()).isEqualTo(200);

        assertThat(api.send(alice.token(), "DELETE", "/v1/api-clients/" + clientId, null).statusCode()).isEqualTo(204);
        assertThat(api.clientCredentials(clientId, client.get("clientSecret").stringValue(), "metrics:read").statusCode()).isEqualTo(401);
        assertProblem(api.send(alice.token(), "DELETE", "/v1/api-clients/" + clientId, null), 404, "not-found");
    }

    @Test
    void apiClientsNeedAnOwnerOrAdminTokenAndBadRequestsGetProblems() throws Exception {
        TenantApi.Owner owner = api.newOwner();
        JsonNode client = TenantApi.JSON.readTree(api.send(owner.token(), "POST", "/v1/api-clients", "{\"name\":\"m\",\"scopes\":[\"metrics:read\"]}").body());
        String machineToken = TenantApi.JSON.readTree(api.clientCredentials(client.get("clientId").stringValue(),
                client.get("clientSecret").stringValue(), "metrics:read").body()).get("access_token").stringValue();

        assertProblem(api.send(null, "GET", "/v1/api-clients", null), 401, "unauthorized");
        assertProblem(api.send("not-a-jwt", "GET", "/v1/api-clients", null), 401, "unauthorized");
        assertProblem(api.send(machineToken, "GET", "/v1/api-clients", null), 403, "forbidden");
        assertProblem(api.send(owner.token(), "POST", "/v1/api-clients", "{\"name\":\"x\",\"scopes\":[\"admin\"]}"), 400, "invalid-scope");
    }

    @Test
    void theConsoleGetsARefreshTokenThatYieldsFreshAccessTokensForTheSamePerson() throws Exception {
        TenantApi.Owner owner = api.newOwner();
        String issued = new BrowserlessSignIn(api.server).tokenResponse("pulseboard-console", "integration-console-secret",
                "http://127.0.0.1:8080/login/oauth2/code/pulseboard", owner.email(), TenantApi.PASSWORD);
        JsonNode tokens = TenantApi.JSON.readTree(issued);
        assertThat(tokens.has("refresh_token")).as(issued).isTrue();

        String basic = Base64.getEncoder().encodeToString("pulseboard-console:integration-console-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> refreshed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.server.resolve("/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                        + URLEncoder.encode(tokens.get("refresh_token").stringValue(), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        String fresh = TenantApi.JSON.readTree(refreshed.body()).get("access_token").stringValue();
        assertThat(fresh).isNotEqualTo(tokens.get("access_token").stringValue());
        assertThat(TenantApi.claims(fresh).get("tenant_id").stringValue()).isEqualTo(owner.tenantId());
        assertThat(TenantApi.claims(fresh).get("roles").toString()).contains("OWNER");
        assertThat(api.send(fresh, "GET", "/v1/api-clients", null).statusCode()).isEqualTo(200);
    }

    @Test
    void expiredForgedWrongAudienceAndOtherIssuerTokensGet401() throws Exception {
        TenantApi.Owner owner = api.newOwner();
        JWTClaimsSet valid = JWTClaimsSet.parse(TenantApi.claims(owner.token()).toString());
        RSAKey signingKey = (RSAKey) signingKeys.get(new JWKSelector(new JWKMatcher.Builder()
                .keyID(SignedJWT.parse(owner.token()).getHeader().getKeyID()).build()), null).get(0);

        assertThat(api.send(sign(valid, signingKey), "GET", "/v1/api-clients", null).statusCode())
                .as("re-signed unchanged with tenant-api's key: the way these tokens are made is sound").isEqualTo(200);
        JWTClaimsSet expired = new JWTClaimsSet.Builder(valid).issueTime(Date.from(Instant.now().minusSeconds(600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(60))).build();
        assertProblem(api.send(sign(expired, signingKey), "GET", "/v1/api-clients", null), 401, "unauthorized");
        JWTClaimsSet otherAudience = new JWTClaimsSet.Builder(valid).audience("some-other-api").build();
        assertProblem(api.send(sign(otherAudience, signingKey), "GET", "/v1/api-clients", null), 401, "unauthorized");
        JWTClaimsSet otherIssuer = new JWTClaimsSet.Builder(valid).issuer("https://issuer.example").build();
        assertProblem(api.send(sign(otherIssuer, signingKey), "GET", "/v1/api-clients", null), 401, "unauthorized");
        RSAKey forger = new RSAKeyGenerator(2048).keyID(signingKey.getKeyID()).generate();
        assertProblem(api.send(sign(valid, forger), "GET", "/v1/api-clients", null), 401, "unauthorized");
    }

    @Test
    void afterAKeyRotationOldTokensStayValidAndNewOnesAreSignedWithTheNewKey() throws Exception {
        TenantApi.Owner owner = api.newOwner();
        String oldKeyId = SignedJWT.parse(owner.token()).getHeader().getKeyID();
        String adminEmail = "platform-" + UUID.randomUUID() + "@pulseboard.example";
        accounts.ensurePlatformAdmin(adminEmail, TenantApi.PASSWORD);
        String adminToken = api.signIn(adminEmail, TenantApi.PASSWORD);

        assertProblem(api.send(owner.token(), "POST", "/v1/admin/signing-keys/rotation", null), 403, "forbidden");
        HttpResponse<String> rotated = api.send(adminToken, "POST", "/v1/admin/signing-keys/rotation", null);
        assertThat(rotated.statusCode()).isEqualTo(201);
        String newKeyId = TenantApi.JSON.readTree(rotated.body()).get("keyId").stringValue();
        assertThat(newKeyId).isNotEqualTo(oldKeyId);

        assertThat(api.send(owner.token(), "GET", "/v1/api-clients", null).statusCode()).as("a token of the old key, before it expires").isEqualTo(200);
        String newToken = api.signIn(owner.email(), TenantApi.PASSWORD);
        assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isEqualTo(newKeyId);
        assertThat(api.send(newToken, "GET", "/v1/api-clients", null).statusCode()).isEqualTo(200);
        String jwks = api.get("/oauth2/jwks").body();
        assertThat(jwks).as("both keys are published").contains(oldKeyId).contains(newKeyId).doesNotContain("\"d\"");
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
