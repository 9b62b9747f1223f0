package dev.pulseboard.tenantapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the contract promises of every error: RFC 9457 problem+json, and nothing internal. */
public final class ProblemAssertions {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemAssertions() {
    }

    public static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").stringValue()).endsWith("/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.has("title")).isTrue();
        assertThat(problem.has("detail")).isTrue();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.pulseboard").doesNotContain("SELECT ");
        return problem;
    }
}
