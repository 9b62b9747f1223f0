-- Key rotation: a replaced key stays published in JWKS until the tokens it signed have expired.
ALTER TABLE signing_key ADD COLUMN published_until timestamptz;
