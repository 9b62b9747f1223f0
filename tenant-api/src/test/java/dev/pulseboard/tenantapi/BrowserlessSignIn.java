package dev.pulseboard.tenantapi;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a command-line tool does as pulseboard-cli: the authorization-code flow with PKCE and a
 * loopback redirect (RFC 8252), signing in through the HTML form with its CSRF token.
 */
public final class BrowserlessSignIn {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final URI server;
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public BrowserlessSignIn(URI server) {
        this.server = server;
    }

    /** Signs in as pulseboard-cli and returns the access token, or throws with what the server answered. */
    public String accessToken(String email, String password) throws IOException, InterruptedException {
        String response = tokenResponse("pulseboard-cli", null, "http://127.0.0.1:53682/callback", email, password);
        Matcher token = ACCESS_TOKEN.matcher(response);
        if (!token.find()) {
            throw new IllegalStateException("no access token in " + response);
        }
        return token.group(1);
    }

    /**
     * The token endpoint's JSON answer at the end of the authorization-code flow with PKCE, for
     * any client: a public one ({@code clientSecret} null) or a confidential one, like the console.
     */
    public String tokenResponse(String clientId, String clientSecret, String redirect, String email, String password)
            throws IOException, InterruptedException {
        String verifier = randomUrlSafe(32);
        String authorize = "/oauth2/authorize?response_type=code&client_id=" + encode(clientId)
                + "&redirect_uri=" + encode(redirect) + "&scope=" + encode("openid metrics:read")
                + "&state=" + randomUrlSafe(8) + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";

        HttpResponse<String> response = get(server.resolve(authorize));
        expectRedirect(response, "/login");
        HttpResponse<String> loginPage = get(server.resolve("/login"));
        Matcher csrf = CSRF.matcher(loginPage.body());
        if (!csrf.find()) {
            throw new IllegalStateException("the sign-in page has no CSRF token");
        }
        response = post(server.resolve("/login"), "username=" + encode(email) + "&password=" + encode(password)
                + "&_csrf=" + encode(csrf.group(1)));
        String afterLogin = expectRedirect(response, "");
        if (afterLogin.contains("error")) {
            throw new IllegalStateException("sign-in refused");
        }
        response = get(server.resolve(afterLogin));
        String callback = expectRedirect(response, redirect);
        Matcher code = CODE.matcher(callback);
        if (!code.find()) {
            throw new IllegalStateException("no code in " + callback);
        }
        String form = "grant_type=authorization_code&client_id=" + encode(clientId) + "&code=" + code.group(1)
                + "&redirect_uri=" + encode(redirect) + "&code_verifier=" + verifier;
        HttpRequest.Builder exchange = HttpRequest.newBuilder(server.resolve("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (clientSecret != null) {
            exchange.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
        }
        response = http.send(exchange.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Posts the sign-in form once and returns the raw answer: a redirect, or 429 when throttled. */
    public HttpResponse<String> postSignInForm(String email, String password) throws IOException, InterruptedException {
        Matcher csrf = CSRF.matcher(get(server.resolve("/login")).body());
        if (!csrf.find()) {
            throw new IllegalStateException("the sign-in page has no CSRF token");
        }
        return post(server.resolve("/login"), "username=" + encode(email) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1)));
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI uri, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expectRedirect(HttpResponse<String> response, String locationContains) {
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() / 100 != 3 || !location.contains(locationContains)) {
            throw new IllegalStateException("expected a redirect to " + locationContains + ", got " + response.statusCode() + " " + location);
        }
        return location;
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
