package dev.pulseboard.gateway.dashboards;

import dev.pulseboard.gateway.live.LiveQuery;
import dev.pulseboard.rollups.TagSelection;
import dev.pulseboard.rollups.Window;
import dev.pulseboard.service.http.ServiceClients;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Resolves a dashboard room into its widgets' live queries by asking tenant-api, with the
 * subscriber's own token: tenant-api answers only for the token's tenant, so another tenant's
 * dashboard is simply not found. The queries are scoped to the token's tenant as well.
 */
@Component
public class DashboardRooms {
    /** A widget of a room: the id its windows carry, and what it shows. */
    public record WidgetQuery(String widgetId, LiveQuery query) {
    }

    private final RestClient tenantApi;
    private final ObjectMapper json;

    DashboardRooms(@Value("${pulseboard.live.tenant-api-url}") URI tenantApiUrl, ObjectMapper json) {
        this.tenantApi = ServiceClients.to(tenantApiUrl.toString(), Duration.ofSeconds(2), Duration.ofSeconds(5));
        this.json = json;
    }

    /** The room's widgets, or empty when the token's tenant has no such dashboard. */
    public Optional<List<WidgetQuery>> widgets(String tenantId, String bearerToken, String dashboardId) {
        try {
            UUID.fromString(dashboardId);
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
        return tenantApi.get().uri("/v1/dashboards/{id}", dashboardId)
                .header("Authorization", "Bearer " + bearerToken)
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.value() == 404 || status.value() == 403) {
                        return Optional.<List<WidgetQuery>>empty();
                    }
                    if (!status.is2xxSuccessful()) {
                        throw new IllegalStateException("tenant-api answered " + status.value());
                    }
                    return Optional.of(queries(tenantId, json.readTree(response.getBody())));
                });
    }

    private static List<WidgetQuery> queries(String tenantId, JsonNode dashboard) {
        List<WidgetQuery> widgets = new ArrayList<>();
        for (JsonNode widget : dashboard.path("widgets")) {
            Map<String, String> filters = new LinkedHashMap<>();
            widget.path("filters").properties().forEach(filter -> filters.put(filter.getKey(), filter.getValue().stringValue()));
            List<String> groupBy = new ArrayList<>();
            widget.path("groupBy").forEach(key -> groupBy.add(key.stringValue()));
            Window window = Window.parse(widget.path("window").stringValue())
                    .orElseThrow(() -> new IllegalStateException("tenant-api sent a widget without a valid window"));
            widgets.add(new WidgetQuery(widget.path("widgetId").stringValue(),
                    new LiveQuery(tenantId, widget.path("metric").stringValue(), window, new TagSelection(filters, groupBy))));
        }
        return widgets;
    }
}
