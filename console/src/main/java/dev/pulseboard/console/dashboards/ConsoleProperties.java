package dev.pulseboard.console.dashboards;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param pushGatewayUrl the WebSocket URL browsers use to reach push-gateway */
@ConfigurationProperties("pulseboard.console")
public record ConsoleProperties(String pushGatewayUrl) {
}
