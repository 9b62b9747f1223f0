package dev.pulseboard.tenantapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** tenant-api as a client calls it in the tests: signup, tokens, JSON requests. */
final class TenantApi {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PASSWORD = "correct horse battery staple";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final URI server;

    TenantApi(int port) {
        this.server = URI.create("http://127.0.0.1:" + port);
    }

    record Owner(String tenantId, String email, String token) {
    }

    Owner newOwner() throws Exception {
        String email = uniqueEmail();
        JsonNode ids = JSON.readTree(signup("Tenant " + email, email, PASSWORD).body());
        String token = signIn(email, PASSWORD);
        assertThat(claims(token).get("roles").toString()).contains("OWNER");
        return new Owner(ids.get("tenantId").stringValue(), email, token);
    }

    /** Invites a new person into the owner's tenant with the role; they accept. Returns their email. */
    String join(Owner owner, String role) throws Exception {
        String email = uniqueEmail();
        JsonNode invite = JSON.readTree(send(owner.token(), "POST", "/v1/invites", "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}").body());
        HttpResponse<String> accepted = send(null, "POST", "/v1/invites/accept",
                JSON.writeValueAsString(Map.of("token", invite.get("token").stringValue(), "password", PASSWORD)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        return email;
    }

    String signIn(String email, String password) throws IOException, InterruptedException {
        return new BrowserlessSignIn(server).accessToken(email, password);
    }

    HttpResponse<String> signup(String tenantName, String email, String password) throws IOException, InterruptedException {
        return send(null, "POST", "/v1/signup", JSON.writeValueAsString(Map.of("tenantName", tenantName, "email", email, "password", password)));
    }

    HttpResponse<String> clientCredentials(String clientId, String secret, String scope) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(server.resolve("/oauth2/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String token, String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(server.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode claims(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    static String uniqueEmail() {
        return "person-" + UUID.randomUUID() + "@example.com";
    }
}
