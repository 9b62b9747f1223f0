package dev.pulseboard.tenantapi;

import static dev.pulseboard.tenantapi.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Dashboards on a real PostgreSQL: whole-dashboard writes, widget rules, roles, and tenant walls. */
class DashboardsTest extends OnRealPostgres {
    private static final String CHECKOUT = """
            {"name":"Checkout","widgets":[
              {"title":"Latency by region","metric":"checkout.latency_ms","window":"1s","groupBy":["region"]},
              {"title":"EU errors","metric":"checkout.errors","window":"5s","filters":{"region":"eu-west"}}]}""";

    @Test
    void aDashboardIsCreatedReadReplacedAndDeletedWhole() throws Exception {
        TenantApi.Owner owner = api.newOwner();
        HttpResponse<String> created = api.send(owner.token(), "POST", "/v1/dashboards", CHECKOUT);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode dashboard = TenantApi.JSON.readTree(created.body());
        String id = dashboard.get("dashboardId").stringValue();
        assertThat(dashboard.get("widgets")).hasSize(2);
        String firstWidget = dashboard.get("widgets").get(0).get("widgetId").stringValue();
        assertThat(firstWidget).isNotBlank().isNotEqualTo(dashboard.get("widgets").get(1).get("widgetId").stringValue());

        JsonNode read = TenantApi.JSON.readTree(api.send(owner.token(), "GET", "/v1/dashboards/" + id, null).body());
        assertThat(read.get("widgets").get(1).get("filters").get("region").stringValue()).isEqualTo("eu-west");
        assertThat(read.get("widgets").get(0).get("groupBy").get(0).stringValue()).isEqualTo("region");

        String replacement = "{\"name\":\"Checkout v2\",\"widgets\":[{\"widgetId\":\"" + firstWidget
                + "\",\"title\":\"Latency\",\"metric\":\"checkout.latency_ms\",\"window\":\"1m\"}]}";
        JsonNode replaced = TenantApi.JSON.readTree(api.send(owner.token(), "PUT", "/v1/dashboards/" + id, replacement).body());
        assertThat(replaced.get("widgets")).hasSize(1);
        assertThat(replaced.get("widgets").get(0).get("widgetId").stringValue()).as("a widget keeps its id").isEqualTo(firstWidget);
        assertThat(api.send(owner.token(), "GET", "/v1/dashboards", null).body()).contains("Checkout v2");

        assertThat(api.send(owner.token(), "DELETE", "/v1/dashboards/" + id, null).statusCode()).isEqualTo(204);
        assertProblem(api.send(owner.token(), "GET", "/v1/dashboards/" + id, null), 404, "not-found");
    }

    @Test
    void widgetsFollowTheDataPathsRules() throws Exception {
        TenantApi.Owner owner = api.newOwner();
        assertProblem(api.send(owner.token(), "POST", "/v1/dashboards",
                "{\"name\":\"x\",\"widgets\":[{\"title\":\"t\",\"metric\":\"9bad\",\"window\":\"1s\"}]}"), 400, "invalid-dashboard");
        assertProblem(api.send(owner.token(), "POST", "/v1/dashboards",
                "{\"name\":\"x\",\"widgets\":[{\"title\":\"t\",\"metric\":\"ok\",\"window\":\"1h\"}]}"), 400, "invalid-dashboard");
        assertProblem(api.send(owner.token(), "POST", "/v1/dashboards",
                "{\"name\":\"x\",\"widgets\":[{\"title\":\"t\",\"metric\":\"ok\",\"window\":\"1s\",\"groupBy\":[\"bad key!\"]}]}"), 400, "invalid-dashboard");
        assertProblem(api.send(owner.token(), "POST", "/v1/dashboards", "{\"name\":\"\",\"widgets\":[]}"), 400, "invalid-dashboard");
    }

    @Test
    void viewersAndMachinesReadMembersWriteAndOtherTenantsFindNothing() throws Exception {
        TenantApi.Owner owner = api.newOwner();
        String id = TenantApi.JSON.readTree(api.send(owner.token(), "POST", "/v1/dashboards", CHECKOUT).body()).get("dashboardId").stringValue();
        String viewer = api.signIn(api.join(owner, "VIEWER"), TenantApi.PASSWORD);
        String member = api.signIn(api.join(owner, "MEMBER"), TenantApi.PASSWORD);
        JsonNode client = TenantApi.JSON.readTree(api.send(owner.token(), "POST", "/v1/api-clients",
                "{\"name\":\"gateway-like\",\"scopes\":[\"metrics:read\"]}").body());
        String machine = TenantApi.JSON.readTree(api.clientCredentials(client.get("clientId").stringValue(),
                client.get("clientSecret").stringValue(), "metrics:read").body()).get("access_token").stringValue();

        assertThat(api.send(viewer, "GET", "/v1/dashboards/" + id, null).statusCode()).isEqualTo(200);
        assertThat(api.send(machine, "GET", "/v1/dashboards/" + id, null).statusCode()).isEqualTo(200);
        assertProblem(api.send(viewer, "POST", "/v1/dashboards", CHECKOUT), 403, "forbidden");
        assertProblem(api.send(machine, "DELETE", "/v1/dashboards/" + id, null), 403, "forbidden");
        assertThat(api.send(member, "PUT", "/v1/dashboards/" + id, CHECKOUT).statusCode()).isEqualTo(200);

        TenantApi.Owner other = api.newOwner();
        assertProblem(api.send(other.token(), "GET", "/v1/dashboards/" + id, null), 404, "not-found");
        assertProblem(api.send(other.token(), "PUT", "/v1/dashboards/" + id, CHECKOUT), 404, "not-found");
        assertProblem(api.send(other.token(), "DELETE", "/v1/dashboards/" + id, null), 404, "not-found");
        assertThat(api.send(other.token(), "GET", "/v1/dashboards", null).body()).doesNotContain(id);
        assertThat(api.send(owner.token(), "GET", "/v1/dashboards/" + id, null).statusCode()).isEqualTo(200);
    }

}
