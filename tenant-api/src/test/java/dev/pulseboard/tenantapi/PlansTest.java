package dev.pulseboard.tenantapi;

import static dev.pulseboard.tenantapi.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulseboard.tenantapi.accounts.AccountService;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Plans and tenants' limits: platform administrators change them, tokens carry them (that is how
 * ingestion and the rollup job learn them), and query's service client reads every tenant's plan.
 */
class PlansTest extends OnRealPostgres {
    @Autowired
    AccountService accounts;

    @Test
    void aNewTenantIsOnTheFreePlanAndItsTokensSaySo() throws Exception {
        TenantApi.Owner owner = api.newOwner();
        JsonNode claims = TenantApi.claims(owner.token());
        assertThat(claims.get("plan").stringValue()).isEqualTo("free");
        assertThat(claims.get("active_series_limit").asLong()).isEqualTo(10_000);
        assertThat(claims.get("late_data_limit_s").asLong()).isEqualTo(3_600);
    }

    @Test
    void anAdministratorMovesATenantToAPlanAndItsNextTokensCarryTheNewLimits() throws Exception {
        TenantApi.Owner owner = api.newOwner();
        String admin = platformAdmin();
        String plan = "small-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> saved = api.send(admin, "PUT", "/v1/admin/plans/" + plan, "{\"activeSeriesLimit\":5,\"minuteRetentionDays\":2}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(api.send(admin, "GET", "/v1/admin/plans", null).body()).contains("\"name\":\"" + plan + "\"");
        HttpResponse<String> changed = api.send(admin, "PATCH", "/v1/admin/tenants/" + owner.tenantId(),
                "{\"plan\":\"" + plan + "\",\"lateDataLimitSeconds\":600}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode tenant = TenantApi.JSON.readTree(changed.body());
        assertThat(tenant.get("plan").stringValue()).isEqualTo(plan);
        assertThat(tenant.get("minuteRetentionDays").asInt()).isEqualTo(2);
        assertThat(tenant.get("lateDataLimitSeconds").asInt()).isEqualTo(600);

        JsonNode client = TenantApi.JSON.readTree(api.send(owner.token(), "POST", "/v1/api-clients",
                "{\"name\":\"writer\",\"scopes\":[\"events:write\"]}").body());
        String machineToken = TenantApi.JSON.readTree(api.clientCredentials(client.get("clientId").stringValue(),
                client.get("clientSecret").stringValue(), "events:write").body()).get("access_token").stringValue();
        for (String token : new String[] {machineToken, api.signIn(owner.email(), TenantApi.PASSWORD)}) {
            JsonNode claims = TenantApi.claims(token);
            assertThat(claims.get("plan").stringValue()).isEqualTo(plan);
            assertThat(claims.get("active_series_limit").asLong()).isEqualTo(5);
            assertThat(claims.get("late_data_limit_s").asLong()).isEqualTo(600);
        }
        assertThat(api.send(owner.token(), "GET", "/v1/audit", null).body()).as("the tenant sees the change")
                .contains("plan-changed").contains(plan);
    }

    @Test
    void badPlanChangesGetProblemsAndChangeNothing() throws Exception {
        TenantApi.Owner owner = api.newOwner();
        String admin = platformAdmin();
        assertProblem(api.send(admin, "PUT", "/v1/admin/plans/Not%20A%20Name", "{\"activeSeriesLimit\":5,\"minuteRetentionDays\":2}"), 400, "invalid-plan");
        assertProblem(api.send(admin, "PUT", "/v1/admin/plans/zero", "{\"activeSeriesLimit\":0,\"minuteRetentionDays\":2}"), 400, "invalid-plan");
        String path = "/v1/admin/tenants/" + owner.tenantId();
        assertProblem(api.send(admin, "PATCH", path, "{\"plan\":\"no-such-plan\"}"), 400, "unknown-plan");
        assertProblem(api.send(admin, "PATCH", path, "{\"lateDataLimitSeconds\":7200}"), 400, "invalid-late-data-limit");
        assertProblem(api.send(admin, "PATCH", path, "{\"lateDataLimitSeconds\":10}"), 400, "invalid-late-data-limit");
        assertProblem(api.send(admin, "PATCH", "/v1/admin/tenants/" + UUID.randomUUID(), "{\"plan\":\"team\"}"), 404, "not-found");
        assertThat(TenantApi.claims(api.signIn(owner.email(), TenantApi.PASSWORD)).get("late_data_limit_s").asLong()).isEqualTo(3_600);
    }

    @Test
    void tenantsCannotTouchPlansAndTheQueryServiceMayOnlyReadTenants() throws Exception {
        TenantApi.Owner owner = api.newOwner();
        assertProblem(api.send(owner.token(), "GET", "/v1/admin/plans", null), 403, "forbidden");
        assertProblem(api.send(owner.token(), "PUT", "/v1/admin/plans/free", "{\"activeSeriesLimit\":1000000,\"minuteRetentionDays\":999}"), 403, "forbidden");
        assertProblem(api.send(owner.token(), "GET", "/v1/admin/tenants", null), 403, "forbidden");
        assertProblem(api.send(owner.token(), "PATCH", "/v1/admin/tenants/" + owner.tenantId(), "{\"plan\":\"enterprise\"}"), 403, "forbidden");

        HttpResponse<String> issued = api.clientCredentials("pulseboard-query", "integration-query-secret", "tenants:read");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        String queryToken = TenantApi.JSON.readTree(issued.body()).get("access_token").stringValue();
        assertThat(TenantApi.claims(queryToken).has("tenant_id")).as("the service belongs to no tenant").isFalse();
        HttpResponse<String> tenants = api.send(queryToken, "GET", "/v1/admin/tenants", null);
        assertThat(tenants.statusCode()).isEqualTo(200);
        assertThat(tenants.body()).contains(owner.tenantId()).contains("\"minuteRetentionDays\":30");
        assertProblem(api.send(queryToken, "PATCH", "/v1/admin/tenants/" + owner.tenantId(), "{\"plan\":\"enterprise\"}"), 403, "forbidden");
        assertProblem(api.send(queryToken, "GET", "/v1/admin/plans", null), 403, "forbidden");
        assertProblem(api.send(queryToken, "GET", "/v1/api-clients", null), 403, "forbidden");
    }

    private String platformAdmin() throws Exception {
        String email = "platform-" + UUID.randomUUID() + "@pulseboard.example";
        accounts.ensurePlatformAdmin(email, TenantApi.PASSWORD);
        return api.signIn(email, TenantApi.PASSWORD);
    }
}
