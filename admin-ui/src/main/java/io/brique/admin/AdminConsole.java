package io.brique.admin;

import io.brique.admin.account.AdminBootstrap;
import io.brique.admin.account.AdminRoles;
import io.brique.admin.account.AdminSessions;
import io.brique.admin.account.AdminUsers;
import io.brique.admin.account.AuditLog;
import io.brique.admin.web.AdminNav;
import io.brique.admin.web.AdminRoutes;
import io.brique.admin.web.AdminViews;
import io.brique.admin.web.DashboardPage;
import io.brique.admin.web.PluginAdminPages;
import io.brique.core.ModuleServices;

/**
 * The wired admin console: its services and web parts, for the pages that build on it (shop
 * management) and for tests.
 */
public record AdminConsole(ModuleServices services, AdminUsers users, AdminRoles roles, AdminSessions sessions,
        AuditLog audit, AdminBootstrap bootstrap, AdminRoutes routes, AdminViews views, AdminNav nav,
        DashboardPage dashboard, PluginAdminPages pluginPages) implements AutoCloseable {

    @Override
    public void close() {
        // nothing held beyond the core's lifetime
    }
}
