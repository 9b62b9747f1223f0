package dev.pulseboard.tenantapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The OAuth2 authorization server and the control plane of Pulseboard. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TenantApiApplication {
    public static void main(String[] args) {
        SpringApplication.run(TenantApiApplication.class, args);
    }
}
