package dev.pulseboard.tenantapi;

import static dev.pulseboard.tenantapi.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * People in a tenant on a real PostgreSQL: invitations, roles with their permissions, and the
 * audit log, each kept inside its tenant.
 */
class MembersTest extends OnRealPostgres {
    @Test
    void anInvitationBringsAPersonInWithItsRoleExactlyOnce() throws Exception {
        TenantApi.Owner owner = api.newOwner();
        String email = TenantApi.uniqueEmail();
        HttpResponse<String> invited = api.send(owner.token(), "POST", "/v1/invites", "{\"email\":\"" + email + "\",\"role\":\"VIEWER\"}");
        assertThat(invited.statusCode()).isEqualTo(201);
        String token = TenantApi.JSON.readTree(invited.body()).get("token").stringValue();
        String pending = api.send(owner.token(), "GET", "/v1/invites", null).body();
        assertThat(pending).contains(email).doesNotContain(token);

        assertProblem(accept(token, "too-short"), 400, "weak-password");
        assertThat(accept(token, TenantApi.PASSWORD).statusCode()).isEqualTo(201);
        assertProblem(accept(token, TenantApi.PASSWORD), 404, "invalid-invitation");
        assertProblem(accept("made-up-token", TenantApi.PASSWORD), 404, "invalid-invitation");

        String viewerToken = api.signIn(email, TenantApi.PASSWORD);
        JsonNode claims = TenantApi.claims(viewerToken);
        assertThat(claims.get("tenant_id").stringValue()).isEqualTo(owner.tenantId());
        assertThat(claims.get("roles").toString()).contains("VIEWER");
        assertProblem(api.send(viewerToken, "GET", "/v1/users", null), 403, "forbidden");
        assertProblem(api.send(viewerToken, "POST", "/v1/invites", "{\"email\":\"x@example.com\",\"role\":\"ADMIN\"}"), 403, "forbidden");
        assertThat(api.send(owner.token(), "GET", "/v1/users", null).body()).contains(email).contains(owner.email())
                .doesNotContain("password");
        assertThat(api.send(owner.token(), "GET", "/v1/invites", null).body()).doesNotContain(email);
    }

    @Test
    void rolesChangeWithinTheirLimitsAndATenantKeepsAnOwner() throws Exception {
        TenantApi.Owner owner = api.newOwner();
        String adminEmail = api.join(owner, "ADMIN");
        String adminToken = api.signIn(adminEmail, TenantApi.PASSWORD);
        String memberEmail = api.join(owner, "MEMBER");
        String ownerId = userId(owner.token(), owner.email());
        String memberId = userId(owner.token(), memberEmail);

        HttpResponse<String> promoted = api.send(adminToken, "PATCH", "/v1/users/" + memberId, "{\"role\":\"VIEWER\"}");
        assertThat(promoted.statusCode()).isEqualTo(200);
        assertThat(TenantApi.JSON.readTree(promoted.body()).get("role").stringValue()).isEqualTo("VIEWER");
        assertProblem(api.send(adminToken, "PATCH", "/v1/users/" + memberId, "{\"role\":\"OWNER\"}"), 403, "forbidden");
        assertProblem(api.send(adminToken, "PATCH", "/v1/users/" + ownerId, "{\"role\":\"MEMBER\"}"), 403, "forbidden");
        assertProblem(api.send(adminToken, "POST", "/v1/invites", "{\"email\":\"o@example.com\",\"role\":\"OWNER\"}"), 403, "forbidden");
        assertProblem(api.send(owner.token(), "PATCH", "/v1/users/" + ownerId, "{\"role\":\"ADMIN\"}"), 409, "last-owner");
        assertProblem(api.send(owner.token(), "PATCH", "/v1/users/" + memberId, "{\"role\":\"PLATFORM_ADMIN\"}"), 400, "invalid-role");
        assertThat(api.signIn(memberEmail, TenantApi.PASSWORD)).satisfies(token ->
                assertThat(TenantApi.claims(token).get("roles").toString()).as("the new role is in the next token").contains("VIEWER"));
    }

    @Test
    void anotherTenantCanNeitherSeeNorTouchPeopleInvitationsOrTheAuditLog() throws Exception {
        TenantApi.Owner alice = api.newOwner();
        TenantApi.Owner bob = api.newOwner();
        String memberEmail = api.join(alice, "MEMBER");
        String memberId = userId(alice.token(), memberEmail);
        HttpResponse<String> invited = api.send(alice.token(), "POST", "/v1/invites", "{\"email\":\"later@example.com\",\"role\":\"MEMBER\"}");
        String inviteId = TenantApi.JSON.readTree(invited.body()).get("inviteId").stringValue();

        assertProblem(api.send(bob.token(), "PATCH", "/v1/users/" + memberId, "{\"role\":\"ADMIN\"}"), 404, "not-found");
        assertProblem(api.send(bob.token(), "DELETE", "/v1/invites/" + inviteId, null), 404, "not-found");
        String bobsView = api.send(bob.token(), "GET", "/v1/users", null).body()
                + api.send(bob.token(), "GET", "/v1/invites", null).body()
                + api.send(bob.token(), "GET", "/v1/audit", null).body();
        assertThat(bobsView).doesNotContain(alice.email()).doesNotContain(memberEmail).doesNotContain(memberId)
                .doesNotContain(inviteId).doesNotContain("later@example.com");
        assertThat(api.send(alice.token(), "DELETE", "/v1/invites/" + inviteId, null).statusCode()).isEqualTo(204);
    }

    @Test
    void theAuditLogRecordsSignInsFailuresClientsRolesAndInvitations() throws Exception {
        TenantApi.Owner owner = api.newOwner();
        assertThatThrownBy(() -> api.signIn(owner.email(), "not the password at all")).hasMessageContaining("refused");
        JsonNode client = TenantApi.JSON.readTree(api.send(owner.token(), "POST", "/v1/api-clients",
                "{\"name\":\"audited\",\"scopes\":[\"events:write\"]}").body());
        String secret = client.get("clientSecret").stringValue();
        api.send(owner.token(), "DELETE", "/v1/api-clients/" + client.get("clientId").stringValue(), null);
        String memberEmail = api.join(owner, "MEMBER");
        api.send(owner.token(), "PATCH", "/v1/users/" + userId(owner.token(), memberEmail), "{\"role\":\"ADMIN\"}");

        HttpResponse<String> log = api.send(owner.token(), "GET", "/v1/audit", null);
        assertThat(log.statusCode()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        TenantApi.JSON.readTree(log.body()).forEach(event -> actions.add(event.get("action").stringValue()));
        assertThat(actions).contains("sign-in", "sign-in-failed", "api-client-created", "api-client-revoked",
                "invite-created", "invite-accepted", "role-changed");
        assertThat(log.body()).as("no secret or token in the audit log").doesNotContain(secret).doesNotContain(owner.token());
        String viewerToken = api.signIn(api.join(owner, "VIEWER"), TenantApi.PASSWORD);
        assertProblem(api.send(viewerToken, "GET", "/v1/audit", null), 403, "forbidden");
    }

    @Test
    void repeatedFailedSignInsLockTheAccountWithGrowingBackoff() throws Exception {
        TenantApi.Owner owner = api.newOwner();
        BrowserlessSignIn browser = new BrowserlessSignIn(api.server);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> refused = browser.postSignInForm(owner.email(), "wrong password " + i);
            assertThat(refused.statusCode()).isEqualTo(302);
            assertThat(refused.headers().firstValue("Location").orElse("")).contains("error");
        }
        HttpResponse<String> locked = browser.postSignInForm(owner.email(), TenantApi.PASSWORD);
        assertThat(locked.statusCode()).as("locked, even with the right password").isEqualTo(429);
        long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 2L);
        assertThat(new BrowserlessSignIn(api.server).postSignInForm(owner.email().toUpperCase(), TenantApi.PASSWORD).statusCode())
                .as("the lock is the account's, whatever the session or the email's case").isEqualTo(429);

        Thread.sleep(retryAfter * 1000 + 100);
        assertThat(browser.postSignInForm(owner.email(), "wrong again").statusCode()).isEqualTo(302);
        HttpResponse<String> longer = browser.postSignInForm(owner.email(), TenantApi.PASSWORD);
        assertThat(longer.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(longer.headers().firstValue("Retry-After").orElseThrow())).as("the lock doubled").isBetween(3L, 4L);
        Thread.sleep(4_100);
        assertThat(api.signIn(owner.email(), TenantApi.PASSWORD)).as("a success clears the count").isNotBlank();
        assertThat(browser.postSignInForm(owner.email(), "one slip").statusCode()).isEqualTo(302);
        assertThat(browser.postSignInForm(owner.email(), TenantApi.PASSWORD).statusCode()).isEqualTo(302);
    }

    private String userId(String token, String email) throws Exception {
        for (JsonNode member : TenantApi.JSON.readTree(api.send(token, "GET", "/v1/users", null).body())) {
            if (member.get("email").stringValue().equals(email)) {
                return member.get("userId").stringValue();
            }
        }
        throw new AssertionError(email + " is not a member");
    }

    private HttpResponse<String> accept(String token, String password) throws Exception {
        return api.send(null, "POST", "/v1/invites/accept",
                TenantApi.JSON.writeValueAsString(java.util.Map.of("token", token, "password", password)));
    }
}
