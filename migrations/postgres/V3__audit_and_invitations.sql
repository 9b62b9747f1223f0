-- Per-tenant audit log, readable by OWNER and ADMIN: sign-ins, failed sign-ins, API clients
-- created or revoked, roles changed, invitations.
CREATE TABLE audit_event (
    id        bigserial PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text NOT NULL,
    action    text NOT NULL,
    detail    text NOT NULL DEFAULT ''
);
CREATE INDEX audit_event_tenant_at ON audit_event (tenant_id, at DESC, id DESC);

-- Invitations into a tenant. The token is shown once to the inviter; only its SHA-256 is kept.
CREATE TABLE invitation (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    email       text NOT NULL,
    role        text NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER')),
    token_hash  text NOT NULL UNIQUE,
    invited_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX invitation_tenant ON invitation (tenant_id);
