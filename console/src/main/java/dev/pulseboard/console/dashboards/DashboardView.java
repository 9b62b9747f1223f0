package dev.pulseboard.console.dashboards;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.pulseboard.console.security.UserTokens;
import jakarta.annotation.security.PermitAll;

/** The first dashboard a tenant sees: checkout latency live, at 1 s resolution. */
@Route("")
@PageTitle("Pulseboard")
@PermitAll
public class DashboardView extends VerticalLayout {

    DashboardView(UserTokens tokens, ConsoleProperties properties) {
        setSizeFull();
        add(new H2("Checkout latency"));
        add(new Paragraph("p50 and p99 of checkout.latency_ms over all endpoints and regions, one point per second."));
        LiveChart latency = new LiveChart(properties.pushGatewayUrl(), tokens::currentAccessToken,
                "checkout.latency_ms", "1s", "p50", "p99");
        latency.setId("latency-chart");
        latency.getElement().getStyle().set("width", "100%");
        add(latency);
    }
}
