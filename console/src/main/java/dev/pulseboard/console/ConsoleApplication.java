package dev.pulseboard.console;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The web console: people sign in through tenant-api and watch their dashboards live. */
@SpringBootApplication
@ConfigurationPropertiesScan
@StyleSheet(Lumo.STYLESHEET)
public class ConsoleApplication implements AppShellConfigurator {
    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
