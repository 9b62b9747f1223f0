package dev.pulseboard.tenantapi.accounts;

import dev.pulseboard.tenantapi.authserver.AuthServerProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The two pages a person uses before they have an account: /signup and /invite. They post JSON
 * to /v1/signup and /v1/invites/accept, then send the person on to the console to sign in.
 */
@RestController
class AccountPages {
    private static final String CSP = "default-src 'self'; frame-ancestors 'none'; form-action 'self'";

    private final String signup;
    private final String invite;

    AccountPages(AuthServerProperties properties) {
        String consoleUrl = HtmlUtils.htmlEscape(properties.consoleUrl());
        this.signup = page("signup.html", consoleUrl);
        this.invite = page("invite.html", consoleUrl);
    }

    @GetMapping("/signup")
    ResponseEntity<String> signup() {
        return html(signup);
    }

    @GetMapping("/invite")
    ResponseEntity<String> invite() {
        return html(invite);
    }

    private static ResponseEntity<String> html(String page) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).header("Content-Security-Policy", CSP).body(page);
    }

    private static String page(String name, String consoleUrl) {
        try {
            return new ClassPathResource("pages/" + name).getContentAsString(StandardCharsets.UTF_8).replace("{{consoleUrl}}", consoleUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
