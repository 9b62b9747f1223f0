-- Dashboards of a tenant. Widgets live in the row as JSON (each with its own widgetId): a
-- dashboard is read and written whole, and a live room subscribes to all its widgets at once.
CREATE TABLE dashboard (
    id         uuid PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    widgets    jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dashboard_tenant ON dashboard (tenant_id);
