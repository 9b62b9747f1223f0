package dev.pulseboard.tenantapi.dashboards;

import dev.pulseboard.events.EventRules;
import dev.pulseboard.rollups.Window;
import dev.pulseboard.service.problems.Problems;
import dev.pulseboard.tenantapi.dashboards.internal.DashboardRepository;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** A tenant's dashboards. Widgets are checked with the data path's own rules for metrics, tags and windows. */
@Service
public class DashboardService {
    static final int MAX_WIDGETS = 20;
    private static final Set<Window> LIVE_WINDOWS = EnumSet.of(Window.SECOND, Window.FIVE_SECONDS, Window.MINUTE);

    private final DashboardRepository dashboards;

    DashboardService(DashboardRepository dashboards) {
        this.dashboards = dashboards;
    }

    public Dashboard create(UUID tenantId, String name, List<Widget> widgets) {
        Dashboard dashboard = new Dashboard(UUID.randomUUID(), checkName(name), checkWidgets(widgets));
        dashboards.insert(tenantId, dashboard);
        return dashboard;
    }

    public Dashboard replace(UUID tenantId, UUID dashboardId, String name, List<Widget> widgets) {
        Dashboard dashboard = new Dashboard(dashboardId, checkName(name), checkWidgets(widgets));
        if (!dashboards.update(tenantId, dashboard)) {
            throw notFound();
        }
        return dashboard;
    }

    public Dashboard get(UUID tenantId, UUID dashboardId) {
        return dashboards.find(tenantId, dashboardId).orElseThrow(DashboardService::notFound);
    }

    public List<Dashboard> list(UUID tenantId) {
        return dashboards.list(tenantId);
    }

    public void delete(UUID tenantId, UUID dashboardId) {
        if (!dashboards.delete(tenantId, dashboardId)) {
            throw notFound();
        }
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw invalid("name must be 1-100 characters.");
        }
        return name.strip();
    }

    /** Valid widgets, each keeping its widgetId or getting a new one. */
    private static List<Widget> checkWidgets(List<Widget> widgets) {
        if (widgets == null || widgets.size() > MAX_WIDGETS) {
            throw invalid("widgets must be a list of at most " + MAX_WIDGETS + ".");
        }
        List<Widget> checked = new ArrayList<>();
        for (Widget widget : widgets) {
            if (widget == null || widget.title() == null || widget.title().isBlank() || widget.title().length() > 100) {
                throw invalid("every widget needs a title of 1-100 characters.");
            }
            if (!EventRules.isValidMetric(widget.metric())) {
                throw invalid("widget metric must be 1-200 characters of [A-Za-z0-9_.:-] starting with a letter.");
            }
            Window window = Window.parse(widget.window()).filter(LIVE_WINDOWS::contains)
                    .orElseThrow(() -> invalid("widget window must be 1s, 5s or 1m."));
            Map<String, String> filters = widget.filters() == null ? Map.of() : widget.filters();
            List<String> groupBy = widget.groupBy() == null ? List.of() : widget.groupBy();
            filters.forEach((key, value) -> {
                if (!EventRules.isValidTagKey(key) || value == null || value.isEmpty() || value.length() > EventRules.MAX_TAG_VALUE_LENGTH) {
                    throw invalid("widget filters must map valid tag keys to 1-200 character values.");
                }
            });
            if (!groupBy.stream().allMatch(EventRules::isValidTagKey)) {
                throw invalid("widget groupBy must list valid tag keys.");
            }
            UUID id = widget.widgetId() != null ? widget.widgetId() : UUID.randomUUID();
            checked.add(new Widget(id, widget.title().strip(), widget.metric(), window.label(), filters, groupBy));
        }
        return checked;
    }

    private static RuntimeException invalid(String detail) {
        return Problems.exception(HttpStatus.BAD_REQUEST, "invalid-dashboard", detail);
    }

    private static RuntimeException notFound() {
        return Problems.exception(HttpStatus.NOT_FOUND, "not-found", "No such dashboard in this tenant.");
    }
}
