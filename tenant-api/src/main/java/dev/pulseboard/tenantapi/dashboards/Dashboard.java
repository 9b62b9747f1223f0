package dev.pulseboard.tenantapi.dashboards;

import java.util.List;
import java.util.UUID;

/** A tenant's named set of widgets. */
public record Dashboard(UUID dashboardId, String name, List<Widget> widgets) {
}
