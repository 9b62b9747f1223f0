package dev.pulseboard.tenantapi.signin.internal;

import dev.pulseboard.tenantapi.signin.SignInThrottle;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/** Answers 429 with Retry-After to a sign-in form post for a locked account, before any password check. */
public class ThrottledSignInFilter extends OncePerRequestFilter {
    private final SignInThrottle throttle;

    public ThrottledSignInFilter(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            Optional<Duration> locked = throttle.lockedFor(request.getParameter("username"));
            if (locked.isPresent()) {
                long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
                response.setStatus(429);
                response.setHeader("Retry-After", Long.toString(seconds));
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().write("Too many failed sign-ins for this account. Try again in " + seconds + " s.");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
