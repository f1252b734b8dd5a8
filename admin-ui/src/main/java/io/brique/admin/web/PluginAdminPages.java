package io.brique.admin.web;

import io.brique.admin.AdminPrincipal;
import io.brique.api.http.PluginResponse;
import io.brique.core.plugin.PluginAdminGate;
import io.brique.core.web.Csrf;
import io.brique.core.web.Ctx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The admin console's side of plugin admin routes ({@code /admin/plugins/<id>/...}): an admin session
 * and the permission of the plugin's matching navigation entry (else {@code plugins.admin}) are
 * required; an HTML answer is a fragment shown inside the admin layout unless it carries
 * {@code X-Brique-Layout: none}; {@code X-Brique-Title} gives the page title. CSRF is checked by the
 * core for every POST before this runs.
 */
public final class PluginAdminPages implements PluginAdminGate {

    public static final String LAYOUT_HEADER = "X-Brique-Layout";
    public static final String TITLE_HEADER = "X-Brique-Title";

    private final AdminRoutes routes;
    private final AdminViews views;
    private final AdminNav nav;

    public PluginAdminPages(AdminRoutes routes, AdminViews views, AdminNav nav) {
        this.routes = routes;
        this.views = views;
        this.nav = nav;
    }

    @Override
    public AdminAccess authorize(Ctx ctx, String pluginId, String routePattern) {
        AdminPrincipal admin = routes.authenticate(ctx);
        if (admin == null) {
            AdminRoutes.redirectToLogin(ctx);
            return null;
        }
        String permission = nav.permissionFor(pluginId, routePattern);
        if (!admin.has(permission)) {
            routes.forbid(ctx, admin);
            return null;
        }
        Set<String> perms = new HashSet<>(admin.permissions());
        if (admin.isOwner()) {
            perms.addAll(io.brique.admin.Permission.CORE);
            perms.addAll(nav.pluginPermissions());
        }
        return new AdminAccess(admin.id(), admin.email(), perms);
    }

    /** The permission the route walk expects for a plugin admin route. */
    public String permissionFor(String pluginId, String routePattern) {
        return nav.permissionFor(pluginId, routePattern);
    }

    @Override
    public String csrfToken(Ctx ctx) {
        return Csrf.token(ctx);
    }

    @Override
    public void respond(Ctx ctx, String pluginId, AdminAccess access, PluginResponse response) throws IOException {
        String contentType = response.contentType() == null ? "" : response.contentType().toLowerCase(Locale.ROOT);
        boolean html = contentType.startsWith("text/html");
        boolean bare = response.headers().entrySet().stream()
                .anyMatch(h -> h.getKey().equalsIgnoreCase(LAYOUT_HEADER) && "none".equalsIgnoreCase(h.getValue()));
        boolean redirect = response.status() >= 300 && response.status() < 400;
        if (html && !bare && !redirect) {
            String title = response.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(TITLE_HEADER))
                    .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
            views.renderFragment(ctx, ctx.attribute(AdminRoutes.PRINCIPAL), response.status(), title,
                    new String(response.body(), StandardCharsets.UTF_8));
            return;
        }
        ctx.resp().setStatus(response.status());
        if (response.contentType() != null) {
            ctx.resp().setContentType(response.contentType());
        }
        response.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase(LAYOUT_HEADER) && !k.equalsIgnoreCase(TITLE_HEADER)) {
                ctx.resp().setHeader(k, v);
            }
        });
        ctx.resp().setHeader("Cache-Control", "no-store");
        ctx.resp().getOutputStream().write(response.body());
    }
}
