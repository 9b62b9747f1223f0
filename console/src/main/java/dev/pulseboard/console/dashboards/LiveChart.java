package dev.pulseboard.console.dashboards;

import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.util.function.Supplier;

/**
 * A canvas chart (uPlot) that subscribes to push-gateway over STOMP itself: live windows go
 * from the gateway to the browser without passing through the console's server. Before every
 * reconnect the browser asks for a fresh token, since access tokens outlive no long session.
 */
@Tag("pb-live-chart")
@JsModule("./pb-live-chart.ts")
@NpmPackage(value = "uplot", version = "1.6.32")
@NpmPackage(value = "@stomp/stompjs", version = "7.5.0")
@NpmPackage(value = "sockjs-client", version = "1.6.1")
public class LiveChart extends Component {
    private final transient Supplier<String> accessTokens;

    /**
     * @param gatewayUrl   push-gateway's WebSocket endpoint, e.g. ws://127.0.0.1:8084/ws
     * @param accessTokens the person's current token with metrics:read, refreshed when it nears expiry
     * @param metric       the metric to plot
     * @param window       1s, 5s or 1m
     * @param statistics   which window fields to draw, e.g. p50 and p99
     */
    public LiveChart(String gatewayUrl, Supplier<String> accessTokens, String metric, String window, String... statistics) {
        this.accessTokens = accessTokens;
        getElement().setProperty("gatewayUrl", gatewayUrl);
        getElement().setProperty("token", accessTokens.get());
        getElement().setProperty("metric", metric);
        getElement().setProperty("window", window);
        getElement().setProperty("statistics", String.join(",", statistics));
        getElement().setAttribute("data-metric", metric);
        getElement().getStyle().set("display", "block").set("height", "320px");
    }

    /** Called by the browser before it reconnects. */
    @ClientCallable
    String freshAccessToken() {
        return accessTokens.get();
    }
}
