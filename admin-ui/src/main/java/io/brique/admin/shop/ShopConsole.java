package io.brique.admin.shop;

import io.brique.admin.Permission;
import io.brique.admin.account.AuditLog;
import io.brique.admin.web.AdminNav;
import io.brique.admin.web.AdminRoutes;
import io.brique.admin.web.AdminViews;
import io.brique.admin.web.DashboardPage;
import io.brique.core.ModuleServices;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The shop-management part of the console: dashboard figures, catalog, orders, customers, stores and
 * shop settings. Pages are thin: writes go through the core services ({@code OrderService},
 * {@code ProductService}, {@code ProductImportService}, {@code CustomerService}, {@code CustomerPrivacy},
 * {@code ShopSettings}), reads of lists and figures through {@link ShopQueries}; every change is audited.
 */
public final class ShopConsole {

    /** The bundle of the shop pages' texts ({@code i18n/admin_shop_*.properties}). */
    public static final String BUNDLE = "admin_shop";

    private ShopConsole() {
    }

    public static void register(ModuleServices services, AdminRoutes routes, AdminViews views, AdminNav nav,
            DashboardPage dashboard, AuditLog audit) {
        var core = services.core();
        var commerce = services.commerce();
        ShopQueries queries = new ShopQueries(core.db(), ZoneId.of(core.config().get("shop.timezone", "Europe/Paris")),
                commerce.settings().currency());
        new DashboardFigures(queries, core.clock()).register(dashboard);
        new OrderPages(routes, views, commerce.orders(), queries, audit).register();
        new ProductPages(routes, views, services.catalog(), queries, audit, commerce.settings().currency()).register();
        new CategoryPages(routes, views, services.catalog().categories(), queries, audit).register();
        new AttributePages(routes, views, services.catalog().attributes(), audit).register();
        new CustomerPages(routes, views, commerce.customers(), commerce.privacy(), queries, core.extensions(),
                core.json(), audit, core.config().getDuration("admin.panel-budget", Duration.ofMillis(300)),
                commerce.checkout()::countries).register();
        new SettingsPages(routes, views, commerce.settings(), audit).register();

        nav.section("admin.nav.orders", "/admin/orders", Permission.ORDERS_VIEW, 100);
        nav.section("admin.nav.products", "/admin/products", Permission.CATALOG_VIEW, 200);
        nav.section("admin.nav.categories", "/admin/categories", Permission.CATALOG_VIEW, 210);
        nav.section("admin.nav.attributes", "/admin/attributes", Permission.CATALOG_VIEW, 220);
        nav.section("admin.nav.customers", "/admin/customers", Permission.CUSTOMERS_VIEW, 300);
        nav.section("admin.nav.stores", "/admin/stores", Permission.STORES_MANAGE, 400);
        nav.section("admin.nav.settings", "/admin/settings", Permission.SETTINGS_MANAGE, 500);
    }
}
