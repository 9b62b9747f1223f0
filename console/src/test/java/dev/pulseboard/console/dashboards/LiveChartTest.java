package dev.pulseboard.console.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The browser component reads exactly these properties (pb-live-chart.ts); a rename breaks the chart. */
class LiveChartTest {
    @Test
    void handsTheBrowserComponentEverythingItNeedsToSubscribe() {
        Iterator<String> tokens = List.of("token-123", "token-456").iterator();
        LiveChart chart = new LiveChart("ws://127.0.0.1:8084/ws", tokens::next, "checkout.latency_ms", "1s", "p50", "p99");
        assertThat(chart.getElement().getTag()).isEqualTo("pb-live-chart");
        assertThat(chart.getElement().getProperty("gatewayUrl")).isEqualTo("ws://127.0.0.1:8084/ws");
        assertThat(chart.getElement().getProperty("token")).isEqualTo("token-123");
        assertThat(chart.getElement().getProperty("metric")).isEqualTo("checkout.latency_ms");
        assertThat(chart.getElement().getProperty("window")).isEqualTo("1s");
        assertThat(chart.getElement().getProperty("statistics")).isEqualTo("p50,p99");
    }

    @Test
    void givesTheBrowserATokenFromTheSourceOnEveryReconnect() {
        Iterator<String> tokens = List.of("token-123", "token-456").iterator();
        LiveChart chart = new LiveChart("ws://127.0.0.1:8084/ws", tokens::next, "checkout.latency_ms", "1s", "p50");
        assertThat(chart.freshAccessToken()).isEqualTo("token-456");
    }
}
