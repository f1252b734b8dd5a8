package io.brique.admin.web;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.admin.account.AuditLog;
import io.brique.core.plugin.PluginHost;
import io.brique.core.plugin.PluginSettingsService;
import io.brique.core.plugin.PluginUploads;
import io.brique.core.web.Ctx;
import java.util.HashMap;
import java.util.Map;

/** The plugins page: list, toggle, settings, upload, uninstall. */
public final class PluginPages {

    private final AdminRoutes routes;
    private final AdminViews views;
    private final PluginHost host;
    private final PluginUploads uploads;
    private final PluginSettingsService settings;
    private final AuditLog audit;

    public PluginPages(AdminRoutes routes, AdminViews views, PluginHost host, PluginUploads uploads,
            PluginSettingsService settings, AuditLog audit) {
        this.routes = routes;
        this.views = views;
        this.host = host;
        this.uploads = uploads;
        this.settings = settings;
        this.audit = audit;
    }

    public void register() {
        routes.get("/admin/plugins", Permission.PLUGINS_VIEW, this::list);
    }

    private void list(Ctx ctx, AdminPrincipal admin) {
        Map<String, Object> model = new HashMap<>();
        model.put("plugins", host.list());
        views.render(ctx, admin, 200, "plugins", "admin.plugins.title", model);
    }
}
