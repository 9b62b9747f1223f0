package dev.pulseboard.sdk.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** OAuth2 client-credentials tokens (RFC 6749 section 4.4), renewed a minute before they expire. */
public final class ClientCredentialsTokens implements Tokens {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");
    private static final Duration RENEW_AHEAD = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final String basicCredentials;
    private final Duration timeout;
    private final Clock clock;
    private String token;
    private long renewAtMillis;

    public ClientCredentialsTokens(HttpClient http, URI tokenEndpoint, String clientId, String clientSecret, Duration timeout, Clock clock) {
        this.http = http;
        this.tokenEndpoint = tokenEndpoint;
        // RFC 6749 2.3.1: id and secret are form-encoded before they are joined for Basic auth.
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        this.basicCredentials = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public synchronized String current() throws IOException, InterruptedException {
        if (token == null || clock.millis() >= renewAtMillis) {
            fetch();
        }
        return token;
    }

    @Override
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(timeout)
                .header("Authorization", basicCredentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=events%3Awrite"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("token endpoint answered " + response.statusCode());
        }
        Matcher access = ACCESS_TOKEN.matcher(response.body());
        if (!access.find()) {
            throw new IOException("token endpoint sent no access_token");
        }
        Matcher expires = EXPIRES_IN.matcher(response.body());
        long lifetimeMillis = expires.find() ? Long.parseLong(expires.group(1)) * 1000 : RENEW_AHEAD.toMillis() * 5;
        token = access.group(1);
        renewAtMillis = clock.millis() + Math.max(lifetimeMillis - RENEW_AHEAD.toMillis(), lifetimeMillis / 2);
    }
}
