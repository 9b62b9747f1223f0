package dev.pulseboard.tenantapi;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * tenant-api running on a random port against the real PostgreSQL that ./pulseboard test starts
 * (PB_IT_POSTGRES_URL points at it); the test classes share this one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=${PB_IT_POSTGRES_URL}",
        "pulseboard.auth.key-encryption-secret=integration-test-secret",
        "pulseboard.auth.console-client-secret=integration-console-secret",
        "pulseboard.auth.query-client-secret=integration-query-secret",
        "pulseboard.demo.env-file="})
abstract class OnRealPostgres {
    @LocalServerPort
    int port;
    TenantApi api;

    @BeforeEach
    void client() {
        api = new TenantApi(port);
    }
}
