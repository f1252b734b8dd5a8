package io.brique.api.admin;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Entries a plugin adds to the admin console's navigation, pointing at its admin routes
 * ({@code /admin/plugins/<id>/...}, see {@link io.brique.api.http.PluginRoutes}). They appear only
 * while the plugin is enabled.
 */
public interface AdminNavigation extends ExtensionPoint {

    List<Entry> entries();

    /**
     * {@code labels} per language ({@code fr}, {@code en}); {@code path} relative to the plugin's admin
     * prefix; {@code permission} the role permission needed (declared by the plugin, see {@link #permissions()}).
     */
    record Entry(java.util.Map<String, String> labels, String path, String permission, int order) {
        public Entry {
            labels = java.util.Map.copyOf(labels);
        }
    }

    /** Permissions this plugin introduces, shown in the role editor. */
    default List<String> permissions() {
        return List.of();
    }
}
