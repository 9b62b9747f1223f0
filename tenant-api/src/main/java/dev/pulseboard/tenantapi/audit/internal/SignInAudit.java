package dev.pulseboard.tenantapi.audit.internal;

import dev.pulseboard.tenantapi.accounts.AccountService;
import dev.pulseboard.tenantapi.audit.AuditLog;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Writes people's sign-ins and failed sign-ins (the sign-in form) to their tenant's audit log.
 * Bearer tokens and client credentials authenticate too, but are no sign-in; they are skipped.
 */
@Component
class SignInAudit {
    private final AccountService accounts;
    private final AuditLog audit;

    SignInAudit(AccountService accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @EventListener
    void signedIn(AuthenticationSuccessEvent event) {
        record(event.getAuthentication(), AuditLog.SIGN_IN);
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        record(event.getAuthentication(), AuditLog.SIGN_IN_FAILED);
    }

    private void record(Authentication authentication, String action) {
        if (!(authentication instanceof UsernamePasswordAuthenticationToken)) {
            return;
        }
        accounts.findByEmail(authentication.getName())
                .filter(account -> account.tenantId() != null)
                .ifPresent(account -> audit.record(account.tenantId(), account.email(), action, ""));
    }
}
