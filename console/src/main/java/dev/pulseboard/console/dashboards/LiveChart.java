package dev.pulseboard.console.dashboards;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

/**
 * A canvas chart (uPlot) that subscribes to push-gateway over STOMP itself: live windows go
 * from the gateway to the browser without passing through the console's server.
 */
@Tag("pb-live-chart")
@JsModule("./pb-live-chart.ts")
@NpmPackage(value = "uplot", version = "1.6.32")
@NpmPackage(value = "@stomp/stompjs", version = "7.5.0")
@NpmPackage(value = "sockjs-client", version = "1.6.1")
public class LiveChart extends Component {

    /**
     * @param gatewayUrl  push-gateway's WebSocket endpoint, e.g. ws://127.0.0.1:8084/ws
     * @param accessToken the person's token with metrics:read
     * @param metric      the metric to plot
     * @param window      1s, 5s or 1m
     * @param statistics  which window fields to draw, e.g. p50 and p99
     */
    public LiveChart(String gatewayUrl, String accessToken, String metric, String window, String... statistics) {
        getElement().setProperty("gatewayUrl", gatewayUrl);
        getElement().setProperty("token", accessToken);
        getElement().setProperty("metric", metric);
        getElement().setProperty("window", window);
        getElement().setProperty("statistics", String.join(",", statistics));
        getElement().setAttribute("data-metric", metric);
        getElement().getStyle().set("display", "block").set("height", "320px");
    }
}
