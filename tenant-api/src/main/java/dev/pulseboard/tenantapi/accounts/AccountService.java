package dev.pulseboard.tenantapi.accounts;

import dev.pulseboard.service.problems.Problems;
import dev.pulseboard.tenantapi.accounts.internal.AccountRepository;
import dev.pulseboard.tenantapi.accounts.internal.PasswordPolicy;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tenants and the people in them. */
@Service
public class AccountService {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{1,63}");

    private final AccountRepository accounts;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;

    AccountService(AccountRepository accounts, PasswordEncoder passwords, PasswordPolicy policy) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.policy = policy;
    }

    /** Creates a tenant with its first user, the OWNER. */
    @Transactional
    public SignupResult signUp(String tenantName, String email, String password) {
        if (tenantName == null || tenantName.isBlank() || tenantName.length() > 100) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-tenant-name", "tenantName must be 1-100 characters.");
        }
        String normalizedEmail = normalizeEmail(email);
        policy.check(password);
        if (accounts.findByEmail(normalizedEmail).isPresent()) {
            throw Problems.exception(HttpStatus.CONFLICT, "email-taken", "An account with this email already exists.");
        }
        UUID tenantId = UUID.randomUUID();
        UUID userId = UUID.randomUUID();
        accounts.insertTenant(tenantId, tenantName.strip());
        accounts.insertUser(new Account(userId, tenantId, normalizedEmail, passwords.encode(password), Role.OWNER));
        return new SignupResult(tenantId, userId);
    }

    public Optional<Account> findByEmail(String email) {
        return email == null ? Optional.empty() : accounts.findByEmail(email.strip().toLowerCase());
    }

    /** Creates the platform administrator, or gives it a new password. */
    @Transactional
    public void ensurePlatformAdmin(String email, String password) {
        String normalizedEmail = normalizeEmail(email);
        Optional<Account> existing = accounts.findByEmail(normalizedEmail);
        if (existing.isPresent()) {
            accounts.updatePassword(existing.get().id(), passwords.encode(password));
        } else {
            accounts.insertUser(new Account(UUID.randomUUID(), null, normalizedEmail, passwords.encode(password), Role.PLATFORM_ADMIN));
        }
    }

    @Transactional
    public void changePassword(UUID userId, String password) {
        policy.check(password);
        accounts.updatePassword(userId, passwords.encode(password));
    }

    static String normalizeEmail(String email) {
        if (email == null || !EMAIL.matcher(email.strip()).matches()) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-email", "email must be a valid email address.");
        }
        return email.strip().toLowerCase();
    }
}
