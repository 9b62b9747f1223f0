-- Plans: what a tenant may keep and send. Tokens carry the tenant's limits (tenant-api puts them
-- in at issue time), and query reads each tenant's minute-tier retention from tenant-api.
CREATE TABLE plan (
    name                  text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9-]{0,39}$'),
    active_series_limit   integer NOT NULL CHECK (active_series_limit > 0),
    minute_retention_days integer NOT NULL CHECK (minute_retention_days > 0),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

INSERT INTO plan (name, active_series_limit, minute_retention_days) VALUES
    ('free', 10000, 30),
    ('team', 50000, 90),
    ('enterprise', 250000, 400);

ALTER TABLE tenant ADD CONSTRAINT tenant_plan FOREIGN KEY (plan) REFERENCES plan (name);
ALTER TABLE tenant ADD CONSTRAINT tenant_late_data_limit CHECK (late_data_limit_seconds > 0);
