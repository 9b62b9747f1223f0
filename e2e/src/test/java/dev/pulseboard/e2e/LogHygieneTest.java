package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other e2e class (see junit-platform.properties): by then the stack has issued
 * and checked many tokens and secrets, and none of them may be in any service's log.
 */
@Order(Integer.MAX_VALUE)
class LogHygieneTest {
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.");

    private final Stack stack = Stack.fromDemoEnv();

    @Test
    void noTokenSecretOrPasswordReachesTheLogs() throws Exception {
        Path logs = Path.of(System.getProperty("pulseboard.home", "../.pulseboard")).resolve("logs");
        List<String> secrets = List.of(stack.demo.get("PB_CLIENT_SECRET"), stack.demo.get("PB_CONSOLE_PASSWORD"), stack.demo.get("PB_ADMIN_PASSWORD"));
        List<Path> files;
        try (Stream<Path> listing = Files.list(logs)) {
            files = listing.filter(file -> file.toString().endsWith(".log")).toList();
        }
        assertThat(files).as("the stack's logs").isNotEmpty();
        for (Path file : files) {
            String log = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            assertThat(JWT.matcher(log).find()).as("a JWT in %s", file.getFileName()).isFalse();
            for (String secret : secrets) {
                assertThat(log).as("a secret in %s", file.getFileName()).doesNotContain(secret);
            }
        }
    }
}
