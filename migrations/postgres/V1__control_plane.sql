-- Control plane of Pulseboard: tenants, their people and machines, and the authorization
-- server's own state. Applied by Flyway from tenant-api at start-up.

CREATE TABLE tenant (
    id                      uuid PRIMARY KEY,
    name                    text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    plan                    text NOT NULL DEFAULT 'free',
    late_data_limit_seconds integer NOT NULL DEFAULT 3600,
    created_at              timestamptz NOT NULL DEFAULT now()
);

-- Tenant roles OWNER, ADMIN, MEMBER, VIEWER; the platform administrator belongs to no tenant.
CREATE TABLE app_user (
    id            uuid PRIMARY KEY,
    tenant_id     uuid REFERENCES tenant (id) ON DELETE CASCADE,
    email         text NOT NULL,
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER', 'PLATFORM_ADMIN')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'PLATFORM_ADMIN') = (tenant_id IS NULL))
);
CREATE UNIQUE INDEX app_user_email_unique ON app_user (lower(email));
CREATE INDEX app_user_tenant ON app_user (tenant_id);

-- Machine clients of a tenant; their OAuth2 registration (with the hashed secret) is in
-- oauth2_registered_client under the same client_id.
CREATE TABLE api_client (
    client_id  text PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    scopes     text[] NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
CREATE INDEX api_client_tenant ON api_client (tenant_id);

-- JWT signing keys, encrypted at rest with a key from configuration.
CREATE TABLE signing_key (
    kid           text PRIMARY KEY,
    encrypted_jwk text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Spring Authorization Server's schema, with PostgreSQL types as its documentation asks.
CREATE TABLE oauth2_registered_client (
    id                            varchar(100) NOT NULL PRIMARY KEY,
    client_id                     varchar(100) NOT NULL UNIQUE,
    client_id_issued_at           timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
    client_secret                 varchar(200) DEFAULT NULL,
    client_secret_expires_at      timestamptz DEFAULT NULL,
    client_name                   varchar(200) NOT NULL,
    client_authentication_methods varchar(1000) NOT NULL,
    authorization_grant_types     varchar(1000) NOT NULL,
    redirect_uris                 varchar(1000) DEFAULT NULL,
    post_logout_redirect_uris     varchar(1000) DEFAULT NULL,
    scopes                        varchar(1000) NOT NULL,
    client_settings               varchar(2000) NOT NULL,
    token_settings                varchar(2000) NOT NULL
);

CREATE TABLE oauth2_authorization (
    id                            varchar(100) NOT NULL PRIMARY KEY,
    registered_client_id          varchar(100) NOT NULL,
    principal_name                varchar(200) NOT NULL,
    authorization_grant_type      varchar(100) NOT NULL,
    authorized_scopes             varchar(1000) DEFAULT NULL,
    attributes                    text DEFAULT NULL,
    state                         varchar(500) DEFAULT NULL,
    authorization_code_value      text DEFAULT NULL,
    authorization_code_issued_at  timestamptz DEFAULT NULL,
    authorization_code_expires_at timestamptz DEFAULT NULL,
    authorization_code_metadata   text DEFAULT NULL,
    access_token_value            text DEFAULT NULL,
    access_token_issued_at        timestamptz DEFAULT NULL,
    access_token_expires_at       timestamptz DEFAULT NULL,
    access_token_metadata         text DEFAULT NULL,
    access_token_type             varchar(100) DEFAULT NULL,
    access_token_scopes           varchar(1000) DEFAULT NULL,
    oidc_id_token_value           text DEFAULT NULL,
    oidc_id_token_issued_at       timestamptz DEFAULT NULL,
    oidc_id_token_expires_at      timestamptz DEFAULT NULL,
    oidc_id_token_metadata        text DEFAULT NULL,
    refresh_token_value           text DEFAULT NULL,
    refresh_token_issued_at       timestamptz DEFAULT NULL,
    refresh_token_expires_at      timestamptz DEFAULT NULL,
    refresh_token_metadata        text DEFAULT NULL,
    user_code_value               text DEFAULT NULL,
    user_code_issued_at           timestamptz DEFAULT NULL,
    user_code_expires_at          timestamptz DEFAULT NULL,
    user_code_metadata            text DEFAULT NULL,
    device_code_value             text DEFAULT NULL,
    device_code_issued_at         timestamptz DEFAULT NULL,
    device_code_expires_at        timestamptz DEFAULT NULL,
    device_code_metadata          text DEFAULT NULL
);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id varchar(100) NOT NULL,
    principal_name       varchar(200) NOT NULL,
    authorities          varchar(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);
