package dev.pulseboard.tenantapi.demo;

import dev.pulseboard.tenantapi.accounts.Account;
import dev.pulseboard.tenantapi.accounts.AccountService;
import dev.pulseboard.tenantapi.apiclients.ApiClientService;
import dev.pulseboard.tenantapi.apiclients.IssuedApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * For ./pulseboard up: makes sure a demo tenant, its API client, its console owner and the
 * platform admin exist, and writes their credentials to the demo env file the contract names.
 * Secrets are only known at creation, so when the file is missing they are issued anew.
 */
@Component
@Order(100)
// Only ./pulseboard up sets the file; elsewhere there is no demo tenant.
@ConditionalOnExpression("!'${pulseboard.demo.env-file:}'.isBlank()")
class DemoSeeder implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    static final String DEMO_USER = "demo@pulseboard.local";
    static final String ADMIN_USER = "admin@pulseboard.local";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountService accounts;
    private final ApiClientService apiClients;
    private final Path envFile;

    DemoSeeder(AccountService accounts, ApiClientService apiClients,
               @org.springframework.beans.factory.annotation.Value("${pulseboard.demo.env-file}") String envFile) {
        this.accounts = accounts;
        this.apiClients = apiClients;
        this.envFile = Path.of(envFile);
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Optional<Account> demo = accounts.findByEmail(DEMO_USER);
        if (Files.isRegularFile(envFile) && demo.isPresent()) {
            log.info("Demo tenant exists; keeping {}", envFile);
            return;
        }
        String consolePassword = newPassword();
        UUID tenantId;
        if (demo.isPresent()) {
            tenantId = demo.get().tenantId();
            accounts.changePassword(demo.get().id(), consolePassword);
        } else {
            tenantId = accounts.signUp("Demo Co", DEMO_USER, consolePassword).tenantId();
        }
        IssuedApiClient client = apiClients.create(tenantId, "demo-traffic", List.of("events:write", "metrics:read"));
        String adminPassword = newPassword();
        accounts.ensurePlatformAdmin(ADMIN_USER, adminPassword);
        write(String.join("\n",
                "PB_TENANT_ID=" + tenantId,
                "PB_CLIENT_ID=" + client.clientId(),
                "PB_CLIENT_SECRET=" + client.clientSecret(),
                "PB_CONSOLE_USER=" + DEMO_USER,
                "PB_CONSOLE_PASSWORD=" + consolePassword,
                "PB_ADMIN_USER=" + ADMIN_USER,
                "PB_ADMIN_PASSWORD=" + adminPassword,
                ""));
        log.info("Demo tenant {} ready; credentials in {}", tenantId, envFile);
    }

    private void write(String content) throws IOException {
        Files.createDirectories(envFile.toAbsolutePath().getParent());
        Path temporary = envFile.resolveSibling(envFile.getFileName() + ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, envFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
