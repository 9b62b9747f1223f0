package dev.pulseboard.tenantapi.authserver;

import dev.pulseboard.tenantapi.authserver.internal.SigningKeys;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /v1/admin/signing-keys/rotation (platform administrators): a new key signs from now on;
 * the old one stays in JWKS until the tokens it signed have expired.
 */
@RestController
class SigningKeyController {
    private final SigningKeys signingKeys;

    SigningKeyController(SigningKeys signingKeys) {
        this.signingKeys = signingKeys;
    }

    record Rotated(String keyId) {
    }

    @PostMapping("/v1/admin/signing-keys/rotation")
    @ResponseStatus(HttpStatus.CREATED)
    Rotated rotate() {
        return new Rotated(signingKeys.rotate());
    }
}
