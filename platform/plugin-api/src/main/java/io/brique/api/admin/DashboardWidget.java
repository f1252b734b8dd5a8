package io.brique.api.admin;

import org.pf4j.ExtensionPoint;

/** A tile on the admin dashboard. Guarded and time-boxed like storefront slots. */
public interface DashboardWidget extends ExtensionPoint {

    /** Stable id, unique within the plugin. */
    String id();

    /** Safe HTML for the tile, in the given language. */
    String render(String lang);

    default int order() {
        return 100;
    }
}
