package dev.pulseboard.ingestion;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Event intake: validates, checks quotas, and stores events durably in per-tenant Pulsar topics. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestionApplication {
    public static void main(String[] args) {
        SpringApplication.run(IngestionApplication.class, args);
    }
}
