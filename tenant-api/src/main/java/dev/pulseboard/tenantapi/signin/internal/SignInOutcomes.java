package dev.pulseboard.tenantapi.signin.internal;

import dev.pulseboard.tenantapi.signin.SignInThrottle;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Feeds the sign-in form's outcomes (not bearer or client authentications) to the throttle. */
@Component
class SignInOutcomes {
    private final SignInThrottle throttle;

    SignInOutcomes(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken) {
            throttle.succeeded(event.getAuthentication().getName());
        }
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken) {
            throttle.failed(event.getAuthentication().getName());
        }
    }
}
