package io.brique.admin;

import io.brique.admin.account.AdminBootstrap;
import io.brique.admin.account.AdminLogin;
import io.brique.admin.account.AdminRoles;
import io.brique.admin.account.AdminSessions;
import io.brique.admin.account.AdminUsers;
import io.brique.admin.account.AuditLog;
import io.brique.admin.shop.ShopConsole;
import io.brique.admin.web.AdminErrorPages;
import io.brique.admin.web.AdminNav;
import io.brique.admin.web.AdminRoutes;
import io.brique.admin.web.AdminViews;
import io.brique.admin.web.AssetRoutes;
import io.brique.admin.web.AuditPages;
import io.brique.admin.web.AuthPages;
import io.brique.admin.web.DashboardPage;
import io.brique.admin.web.PluginAdminPages;
import io.brique.admin.web.PluginPages;
import io.brique.admin.web.UserPages;
import io.brique.core.BriqueModule;
import io.brique.core.Core;
import io.brique.core.ModuleServices;
import io.brique.core.commerce.customer.PasswordHasher;
import io.brique.core.config.BriqueConfig;
import io.brique.core.i18n.Messages;
import io.brique.core.web.Views;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin console as a {@link BriqueModule}: wires accounts, sessions, the guarded routes, the
 * pages and the plugin-admin gate, then makes sure a first owner can exist. Settings:
 * {@code admin.session.idle-timeout} (30m), {@code admin.session.max-age} (12h),
 * {@code admin.lockout.max-failures} (5), {@code admin.lockout.ip-max-failures} (50),
 * {@code admin.lockout.window} (15m), {@code admin.bootstrap.email} / {@code admin.bootstrap.password}.
 */
public final class AdminModule implements BriqueModule {

    private volatile AdminConsole console;

    @Override
    public String name() {
        return "admin console";
    }

    /** The wired console (after boot). */
    public AdminConsole console() {
        if (console == null) {
            throw new IllegalStateException("the admin module has not started");
        }
        return console;
    }

    @Override
    public AutoCloseable start(ModuleServices services) {
        Core core = services.core();
        BriqueConfig cfg = core.config();
        List<String> bundles = new ArrayList<>(Messages.CORE_BUNDLES);
        bundles.add("admin");
        bundles.add(ShopConsole.BUNDLE);
        Messages messages = new Messages(bundles, core.web().languages(), core.web().defaultLocale().getLanguage());
        Views templates = new Views(messages, cfg.getBoolean("templates.cache", true));

        AdminUsers users = new AdminUsers(core.db(), new PasswordHasher(), core.clock());
        AdminRoles roles = new AdminRoles(core.db());
        AdminSessions sessions = new AdminSessions(core.db(), users, core.clock(),
                cfg.getDuration("admin.session.idle-timeout", Duration.ofMinutes(30)),
                cfg.getDuration("admin.session.max-age", Duration.ofHours(12)));
        AdminLogin login = new AdminLogin(core.db(), users, core.clock(), cfg.getInt("admin.lockout.max-failures", 5),
                cfg.getInt("admin.lockout.ip-max-failures", 50),
                cfg.getDuration("admin.lockout.window", Duration.ofMinutes(15)));
        AuditLog audit = new AuditLog(core.db(), core.clock());
        AdminBootstrap bootstrap = new AdminBootstrap(core.db(), users, core.clock(),
                cfg.getDuration("admin.setup.token-ttl", Duration.ofHours(24)));

        AdminNav nav = new AdminNav(core.extensions(), messages);
        AdminViews views = new AdminViews(templates, messages, core.web(), nav, cfg.get("shop.name", "Brique"));
        AdminRoutes routes = new AdminRoutes(core.router(), sessions, views);
        DashboardPage dashboard = new DashboardPage(routes, views, core.extensions(),
                cfg.getDuration("admin.widget-budget", Duration.ofMillis(300)));
        PluginAdminPages pluginPages = new PluginAdminPages(routes, views, nav);

        new AssetRoutes(routes).register();
        new AuthPages(routes, views, login, sessions, users, bootstrap, audit).register();
        dashboard.register();
        new PluginPages(routes, views, services.plugins(), services.pluginUploads(), services.pluginSettings(), audit)
                .register();
        new UserPages(routes, views, users, roles, nav, audit).register();
        new AuditPages(routes, views, audit).register();
        ShopConsole.register(services, routes, views, nav, dashboard, audit);

        nav.section("admin.nav.dashboard", "/admin", Permission.DASHBOARD_VIEW, 0);
        nav.section("admin.nav.plugins", "/admin/plugins", Permission.PLUGINS_VIEW, 800);
        nav.section("admin.nav.users", "/admin/users", Permission.USERS_MANAGE, 900);
        nav.section("admin.nav.roles", "/admin/roles", Permission.USERS_MANAGE, 910);
        nav.section("admin.nav.audit", "/admin/audit", Permission.AUDIT_VIEW, 920);

        services.plugins().useAdminGate(pluginPages);
        core.web().useErrorPage("/admin", new AdminErrorPages(routes, views));
        bootstrap.run(cfg);
        console = new AdminConsole(services, users, roles, sessions, audit, bootstrap, routes, views, nav, dashboard,
                pluginPages);
        return console;
    }
}
