package dev.pulseboard.console.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The browser component reads exactly these properties (pb-live-chart.ts); a rename breaks the chart. */
class LiveChartTest {
    @Test
    void handsTheBrowserComponentEverythingItNeedsToSubscribe() {
        LiveChart chart = new LiveChart("ws://127.0.0.1:8084/ws", "token-123", "checkout.latency_ms", "1s", "p50", "p99");
        assertThat(chart.getElement().getTag()).isEqualTo("pb-live-chart");
        assertThat(chart.getElement().getProperty("gatewayUrl")).isEqualTo("ws://127.0.0.1:8084/ws");
        assertThat(chart.getElement().getProperty("token")).isEqualTo("token-123");
        assertThat(chart.getElement().getProperty("metric")).isEqualTo("checkout.latency_ms");
        assertThat(chart.getElement().getProperty("window")).isEqualTo("1s");
        assertThat(chart.getElement().getProperty("statistics")).isEqualTo("p50,p99");
    }
}
