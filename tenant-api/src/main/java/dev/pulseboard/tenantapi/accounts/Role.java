package dev.pulseboard.tenantapi.accounts;

/**
 * Roles of a person. Tenant roles, from most to least powerful: OWNER (everything, including
 * billing and deleting the tenant), ADMIN (users, API clients, dashboards, alerts), MEMBER
 * (dashboards and alerts), VIEWER (read only). PLATFORM_ADMIN runs Pulseboard itself and belongs
 * to no tenant.
 */
public enum Role {
    OWNER, ADMIN, MEMBER, VIEWER, PLATFORM_ADMIN
}
