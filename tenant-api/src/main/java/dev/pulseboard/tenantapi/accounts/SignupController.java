package dev.pulseboard.tenantapi.accounts;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SignupController {
    private final AccountService accounts;

    SignupController(AccountService accounts) {
        this.accounts = accounts;
    }

    record SignupRequest(String tenantName, String email, String password) {
    }

    @PostMapping("/v1/signup")
    @ResponseStatus(HttpStatus.CREATED)
    SignupResult signUp(@RequestBody SignupRequest request) {
        return accounts.signUp(request.tenantName(), request.email(), request.password());
    }
}
