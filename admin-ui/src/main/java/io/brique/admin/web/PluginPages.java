package io.brique.admin.web;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.admin.account.AuditLog;
import io.brique.api.plugin.SettingsDeclaration;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import io.brique.core.plugin.PluginException;
import io.brique.core.plugin.PluginHost;
import io.brique.core.plugin.PluginSettingsService;
import io.brique.core.plugin.PluginUploads;
import io.brique.core.web.Ctx;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugins page: every installed plugin with its state and health, a toggle that takes effect at
 * once, the settings form rendered from the plugin's declared settings, upload (new plugin or new
 * version) and uninstall with keep/delete data after a confirmation. All work goes through the core's
 * {@link PluginHost}, {@link PluginUploads} and {@link PluginSettingsService}; every change is audited.
 * Management routes live under {@code /admin/plugin-manager/} so they never shadow a plugin's own
 * admin pages under {@code /admin/plugins/<id>/}.
 */
public final class PluginPages {

    static final String BASE = "/admin/plugin-manager";

    /** A settings field as the form shows it (secrets never shown back). */
    public record Field(String key, String label, String help, String type, String value, boolean required,
            List<String> choices, Long min, Long max, boolean secretSet, String error) {
    }

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
        routes.post(BASE + "/upload", Permission.PLUGINS_MANAGE, this::upload);
        routes.post(BASE + "/{pluginId}/toggle", Permission.PLUGINS_MANAGE, this::toggle);
        routes.get(BASE + "/{pluginId}/settings", Permission.PLUGINS_MANAGE, this::settingsForm);
        routes.post(BASE + "/{pluginId}/settings", Permission.PLUGINS_MANAGE, this::saveSettings);
        routes.get(BASE + "/{pluginId}/uninstall", Permission.PLUGINS_MANAGE, this::confirmUninstall);
        routes.post(BASE + "/{pluginId}/uninstall", Permission.PLUGINS_MANAGE, this::uninstall);
    }

    private void list(Ctx ctx, AdminPrincipal admin) {
        String sort = ctx.query("sort").filter(s -> s.equals("status") || s.equals("errors")).orElse("name");
        List<PluginHost.InstalledPlugin> plugins = new ArrayList<>(host.list());
        Comparator<PluginHost.InstalledPlugin> order = switch (sort) {
            case "status" -> Comparator.comparing(PluginHost.InstalledPlugin::status);
            case "errors" -> Comparator.comparingInt(PluginHost.InstalledPlugin::errorCount).reversed();
            default -> Comparator.comparing(PluginHost.InstalledPlugin::id);
        };
        plugins.sort(order.thenComparing(PluginHost.InstalledPlugin::id));
        Map<String, Object> model = new HashMap<>();
        model.put("plugins", plugins);
        model.put("sort", sort);
        model.put("canManage", admin.has(Permission.PLUGINS_MANAGE));
        views.render(ctx, admin, 200, "plugins", "admin.plugins.title", model);
    }

    private void toggle(Ctx ctx, AdminPrincipal admin) {
        String id = pluginId(ctx);
        PluginHost.InstalledPlugin before = host.get(id).orElseThrow();
        boolean enable = "enable".equals(ctx.form("action"));
        try {
            if (enable) {
                host.enable(id);
            } else {
                host.disable(id);
            }
            String after = host.get(id).map(PluginHost.InstalledPlugin::status).orElse("?");
            audit.record(admin, ctx.clientIp(), enable ? "plugin.enable" : "plugin.disable", id,
                    "status: " + before.status() + " -> " + after);
            Flash.success(ctx, enable ? "admin.flash.plugin_enabled" : "admin.flash.plugin_disabled", id);
        } catch (PluginException e) {
            Flash.error(ctx, "admin.flash.plugin_failed", e.getMessage());
        }
        ctx.redirect("/admin/plugins");
    }

    private void settingsForm(Ctx ctx, AdminPrincipal admin) {
        String id = pluginId(ctx);
        renderSettings(ctx, admin, 200, id, null, Map.of());
    }

    private void saveSettings(Ctx ctx, AdminPrincipal admin) {
        String id = pluginId(ctx);
        Map<String, String> values = new LinkedHashMap<>();
        for (SettingsDeclaration.Setting s : host.declaredSettings(id)) {
            String v = ctx.req().getParameter("s." + s.key());
            if (v != null) {
                values.put(s.key(), v);
            }
        }
        Map<String, String> before = currentValues(id);
        try {
            settings.save(id, values);
        } catch (ValidationException e) {
            renderSettings(ctx, admin, 400, id, values, e.fieldErrors());
            return;
        }
        Map<String, String> after = currentValues(id);
        List<String> changes = new ArrayList<>();
        for (var s : host.declaredSettings(id)) {
            String b = before.get(s.key());
            String a = after.get(s.key());
            if (s.type() == SettingsDeclaration.Type.SECRET) {
                String sent = values.get(s.key());
                if (sent != null && !sent.isBlank() && !sent.equals(PluginSettingsService.MASK)) {
                    changes.add(s.key() + ": (secret changed)");
                }
            } else if (!java.util.Objects.equals(b, a)) {
                changes.add(s.key() + ": " + b + " -> " + a);
            }
        }
        audit.record(admin, ctx.clientIp(), "plugin.settings", id,
                changes.isEmpty() ? "no change" : String.join("; ", changes));
        Flash.success(ctx, "admin.flash.settings_saved", id);
        ctx.redirect(BASE + "/" + Ctx.urlEncode(id) + "/settings");
    }

    private Map<String, String> currentValues(String id) {
        Map<String, String> out = new HashMap<>();
        settings.view(id).forEach(v -> out.put(v.setting().key(), v.value()));
        return out;
    }

    /** {@code typed}: what the admin sent (kept on error; secrets never echoed). */
    private void renderSettings(Ctx ctx, AdminPrincipal admin, int status, String id, Map<String, String> typed,
            Map<String, String> errors) {
        List<Field> fields = new ArrayList<>();
        for (PluginSettingsService.SettingView v : settings.view(id)) {
            SettingsDeclaration.Setting s = v.setting();
            boolean secret = s.type() == SettingsDeclaration.Type.SECRET;
            String value = secret ? "" : typed != null && typed.containsKey(s.key()) ? typed.get(s.key()) : v.value();
            if (s.type() == SettingsDeclaration.Type.BOOLEAN && typed != null && !typed.containsKey(s.key())) {
                value = "false";
            }
            fields.add(new Field(s.key(), s.label() == null || s.label().isBlank() ? s.key() : s.label(),
                    s.help(), s.type().name().toLowerCase(java.util.Locale.ROOT), value, s.required(), s.choices(),
                    s.min(), s.max(), secret && v.isSet(), errors.get(s.key())));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("plugin", host.get(id).orElseThrow());
        model.put("fields", fields);
        model.put("hasErrors", !errors.isEmpty());
        views.render(ctx, admin, status, "plugin-settings", "admin.plugins.settings.title", model);
    }

    private void confirmUninstall(Ctx ctx, AdminPrincipal admin) {
        String id = pluginId(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("plugin", host.get(id).orElseThrow());
        views.render(ctx, admin, 200, "plugin-uninstall", "admin.plugins.uninstall.title", model);
    }

    private void uninstall(Ctx ctx, AdminPrincipal admin) {
        String id = pluginId(ctx);
        String data = ctx.form("data");
        if (!"keep".equals(data) && !"delete".equals(data)) {
            Map<String, Object> model = new HashMap<>();
            model.put("plugin", host.get(id).orElseThrow());
            model.put("error", "admin.plugins.uninstall.choose");
            views.render(ctx, admin, 400, "plugin-uninstall", "admin.plugins.uninstall.title", model);
            return;
        }
        PluginHost.InstalledPlugin before = host.get(id).orElseThrow();
        try {
            host.uninstall(id, "keep".equals(data));
            audit.record(admin, ctx.clientIp(), "plugin.uninstall", id,
                    before.version() + " (" + before.status() + "), data " + ("keep".equals(data) ? "kept" : "deleted"));
            Flash.success(ctx, "keep".equals(data) ? "admin.flash.uninstalled_kept" : "admin.flash.uninstalled_deleted",
                    id);
        } catch (PluginException e) {
            Flash.error(ctx, "admin.flash.plugin_failed", e.getMessage());
        }
        ctx.redirect("/admin/plugins");
    }

    private void upload(Ctx ctx, AdminPrincipal admin) throws IOException, ServletException {
        Part part = ctx.req().getContentType() != null && ctx.req().getContentType().startsWith("multipart/")
                ? ctx.req().getPart("jar") : null;
        if (part == null || part.getSize() == 0) {
            Flash.error(ctx, "admin.flash.upload_missing", null);
            ctx.redirect("/admin/plugins");
            return;
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        } finally {
            part.delete();
        }
        String signature = ctx.form("signature");
        try {
            PluginUploads.Verified v = uploads.verify(bytes, signature);
            java.nio.file.Path jar = v.jar();
            String previous = host.get(v.pluginId()).map(PluginHost.InstalledPlugin::version).orElse(null);
            PluginHost.InstalledPlugin p;
            try {
                p = host.install(jar);
            } finally {
                java.nio.file.Files.deleteIfExists(jar);
            }
            String signed = v.signedBy() == null ? "unsigned" : "signed by " + v.signedBy();
            audit.record(admin, ctx.clientIp(), previous == null ? "plugin.install" : "plugin.upgrade",
                    p.id(), (previous == null ? "" : previous + " -> ") + p.version() + ", sha256 " + v.sha256() + ", "
                            + signed);
            String arg = p.id() + " " + p.version() + " · SHA-256 " + v.sha256()
                    + (v.signedBy() == null ? "" : " · " + v.signedBy());
            Flash.success(ctx, v.signedBy() == null ? "admin.flash.uploaded_unsigned" : "admin.flash.uploaded_signed",
                    arg);
        } catch (PluginException e) {
            Flash.error(ctx, "admin.flash.upload_refused", e.getMessage());
        }
        ctx.redirect("/admin/plugins");
    }

    private String pluginId(Ctx ctx) {
        String id = ctx.pathParam("pluginId");
        if (host.get(id).isEmpty()) {
            throw new NotFoundException("no plugin " + id);
        }
        return id;
    }
}
