package dev.pulseboard.tenantapi.accounts.internal;

import dev.pulseboard.service.problems.Problems;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** NIST SP 800-63B style: long enough, and not a password attackers try first. */
@Component
public class PasswordPolicy {
    static final int MIN_LENGTH = 12;
    private final Set<String> common;

    PasswordPolicy() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new ClassPathResource("common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
            common = lines.lines().map(String::strip).filter(l -> !l.isEmpty()).map(String::toLowerCase).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void check(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "weak-password", "password must have at least 12 characters.");
        }
        if (common.contains(password.toLowerCase())) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "weak-password", "password is on a list of commonly used passwords.");
        }
    }
}
