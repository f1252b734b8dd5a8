package io.brique.admin;

import java.util.List;

/**
 * The permissions of the admin console. A role holds a set of them; the owner role holds all (checked
 * in code, so a new permission never locks the owner out). Plugins add their own through
 * {@code AdminNavigation.permissions()}.
 */
public final class Permission {

    public static final String DASHBOARD_VIEW = "dashboard.view";
    public static final String CATALOG_VIEW = "catalog.view";
    public static final String CATALOG_EDIT = "catalog.edit";
    public static final String ORDERS_VIEW = "orders.view";
    public static final String ORDERS_MANAGE = "orders.manage";
    public static final String CUSTOMERS_VIEW = "customers.view";
    public static final String CUSTOMERS_MANAGE = "customers.manage";
    public static final String STORES_MANAGE = "stores.manage";
    public static final String SETTINGS_MANAGE = "settings.manage";
    public static final String PLUGINS_VIEW = "plugins.view";
    public static final String PLUGINS_MANAGE = "plugins.manage";
    /** Default permission of plugin admin pages whose navigation entry names none. */
    public static final String PLUGINS_ADMIN = "plugins.admin";
    public static final String USERS_MANAGE = "users.manage";
    public static final String AUDIT_VIEW = "audit.view";

    /** A route anyone may reach (login page, setup page). */
    public static final String PUBLIC = "public";
    /** A route any logged-in admin may reach (logout, own preferences). */
    public static final String AUTHENTICATED = "authenticated";

    public static final List<String> CORE = List.of(DASHBOARD_VIEW, CATALOG_VIEW, CATALOG_EDIT, ORDERS_VIEW,
            ORDERS_MANAGE, CUSTOMERS_VIEW, CUSTOMERS_MANAGE, STORES_MANAGE, SETTINGS_MANAGE, PLUGINS_VIEW,
            PLUGINS_MANAGE, PLUGINS_ADMIN, USERS_MANAGE, AUDIT_VIEW);

    public static final String OWNER_ROLE = "owner";

    private Permission() {
    }
}
