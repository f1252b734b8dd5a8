package io.brique.api.http;

import org.pf4j.ExtensionPoint;

/**
 * Contributes HTTP routes under the plugin's namespace: storefront {@code /{locale}/x/<pluginId>/...},
 * API {@code /api/v1/plugins/<pluginId>/...}, admin {@code /admin/plugins/<pluginId>/...}. Paths are
 * relative to that prefix and may have parameters ({@code /items/{id}}).
 */
public interface PluginRoutes extends ExtensionPoint {

    void register(Registrar routes);

    enum Area { STOREFRONT, API, ADMIN }

    interface Registrar {
        void add(Area area, String method, String path, Handler handler);

        default void get(Area area, String path, Handler handler) {
            add(area, "GET", path, handler);
        }

        default void post(Area area, String path, Handler handler) {
            add(area, "POST", path, handler);
        }
    }

    @FunctionalInterface
    interface Handler {
        PluginResponse handle(PluginRequest request) throws Exception;
    }
}
