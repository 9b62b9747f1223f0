package dev.pulseboard.service.problems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;

class ProblemSecurityHandlersTest {
    @Test
    void unauthorizedIsAProblemWithABearerChallenge() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        ProblemSecurityHandlers.unauthorized().commence(new MockHttpServletRequest("GET", "/v1/query"), response,
                new BadCredentialsException("Jwt expired at 2026-01-01 (internal detail)"));
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.getContentAsString())
                .contains("\"type\":\"https://pulseboard.dev/problems/unauthorized\"", "\"status\":401", "\"title\"", "\"detail\"",
                        "\"instance\":\"/v1/query\"")
                .doesNotContain("internal detail").doesNotContain("null");
    }

    @Test
    void forbiddenIsAProblem() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        ProblemSecurityHandlers.forbidden().handle(new MockHttpServletRequest("POST", "/v1/events"), response,
                new AccessDeniedException("denied"));
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("https://pulseboard.dev/problems/forbidden");
    }
}
