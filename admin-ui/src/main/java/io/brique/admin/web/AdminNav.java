package io.brique.admin.web;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.api.admin.AdminNavigation;
import io.brique.core.i18n.Messages;
import io.brique.core.plugin.ExtensionRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The console's navigation: the core sections (each with its permission) and the entries of enabled
 * plugins ({@link AdminNavigation}, registered only while the plugin runs), filtered by what the admin
 * may see. Also resolves which permission a plugin admin route needs.
 */
public final class AdminNav {

    /** A core section: message key, URL, permission, order. */
    public record Section(String labelKey, String url, String permission, int order) {
    }

    /** A plugin entry with its owner. */
    public record PluginEntry(String pluginId, AdminNavigation.Entry entry) {
        public String url() {
            String p = entry.path() == null ? "/" : entry.path();
            return "/admin/plugins/" + pluginId + (p.startsWith("/") ? p : "/" + p);
        }

        public String permission() {
            return entry.permission() == null || entry.permission().isBlank() ? Permission.PLUGINS_ADMIN
                    : entry.permission();
        }
    }

    private static final Duration BUDGET = Duration.ofMillis(100);

    private final List<Section> sections = new CopyOnWriteArrayList<>();
    private final ExtensionRegistry extensions;
    private final Messages messages;

    public AdminNav(ExtensionRegistry extensions, Messages messages) {
        this.extensions = extensions;
        this.messages = messages;
    }

    /** Adds a core section (the shop-management pages add theirs at boot). */
    public void section(String labelKey, String url, String permission, int order) {
        sections.add(new Section(labelKey, url, permission, order));
    }

    public List<PluginEntry> pluginEntries() {
        List<PluginEntry> out = new ArrayList<>();
        for (var e : extensions.entries(AdminNavigation.class)) {
            List<AdminNavigation.Entry> entries = extensions.call(e, "admin-navigation", BUDGET,
                    AdminNavigation::entries, List.of());
            if (entries != null) {
                entries.stream().filter(x -> x != null && x.path() != null)
                        .forEach(x -> out.add(new PluginEntry(e.owner(), x)));
            }
        }
        out.sort(Comparator.comparingInt((PluginEntry p) -> p.entry().order()).thenComparing(PluginEntry::pluginId));
        return out;
    }

    /** Permissions the running plugins declare or use in their navigation (for the role editor). */
    public List<String> pluginPermissions() {
        List<String> out = new ArrayList<>();
        for (var e : extensions.entries(AdminNavigation.class)) {
            List<String> perms = extensions.call(e, "admin-permissions", BUDGET, AdminNavigation::permissions,
                    List.of());
            if (perms != null) {
                perms.stream().filter(p -> p != null && !p.isBlank() && !out.contains(p)).forEach(out::add);
            }
        }
        for (PluginEntry pe : pluginEntries()) {
            if (!out.contains(pe.permission()) && !Permission.CORE.contains(pe.permission())) {
                out.add(pe.permission());
            }
        }
        return out;
    }

    /**
     * The permission a plugin admin route needs: that of the plugin's navigation entry whose path is
     * the longest prefix of the route, else {@link Permission#PLUGINS_ADMIN}.
     */
    public String permissionFor(String pluginId, String routePath) {
        String best = null;
        int bestLen = -1;
        for (PluginEntry pe : pluginEntries()) {
            if (!pe.pluginId().equals(pluginId)) {
                continue;
            }
            String p = pe.entry().path().startsWith("/") ? pe.entry().path() : "/" + pe.entry().path();
            String trimmed = p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
            boolean matches = routePath.equals(trimmed) || trimmed.equals("/")
                    || routePath.startsWith(trimmed + "/");
            if (matches && trimmed.length() > bestLen) {
                best = pe.permission();
                bestLen = trimmed.length();
            }
        }
        return best == null ? Permission.PLUGINS_ADMIN : best;
    }

    /** The items this admin sees, the current one marked. */
    public List<AdminLayout.NavItem> items(AdminPrincipal admin, Locale locale, String path) {
        List<AdminLayout.NavItem> out = new ArrayList<>();
        if (admin == null) {
            return out;
        }
        List<Section> sorted = new ArrayList<>(sections);
        sorted.sort(Comparator.comparingInt(Section::order));
        for (Section s : sorted) {
            if (admin.has(s.permission())) {
                boolean active = s.url().equals("/admin") ? path.equals("/admin") || path.equals("/admin/")
                        : path.equals(s.url()) || path.startsWith(s.url() + "/");
                out.add(new AdminLayout.NavItem(messages.get(locale, s.labelKey()), s.url(), active, false));
            }
        }
        for (PluginEntry pe : pluginEntries()) {
            if (admin.has(pe.permission())) {
                String label = pe.entry().labels().getOrDefault(locale.getLanguage(),
                        pe.entry().labels().getOrDefault("en", pe.pluginId()));
                out.add(new AdminLayout.NavItem(label, pe.url(), path.equals(pe.url()) || path.startsWith(pe.url() + "/"),
                        true));
            }
        }
        return out;
    }
}
