package dev.pulseboard.service.problems;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** RFC 9457 problems with Pulseboard's type URIs; {@code type} names the kind of error for clients to switch on. */
public final class Problems {
    private static final String TYPE_BASE = "https://pulseboard.dev/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    public static ErrorResponseException exception(HttpStatus status, String type, String detail) {
        return new ErrorResponseException(status, of(status, type, detail), null);
    }

    /** For objects of another tenant too: they must look exactly like objects that do not exist. */
    public static ErrorResponseException notFound(String what) {
        return exception(HttpStatus.NOT_FOUND, "not-found", what + " not found");
    }
}
