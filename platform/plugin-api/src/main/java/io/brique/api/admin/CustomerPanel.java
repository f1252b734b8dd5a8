package io.brique.api.admin;

import org.pf4j.ExtensionPoint;

/**
 * A panel on the admin console's page of one customer (analytics segment, loyalty balance, CRM
 * timeline...), since SDK 1.1. Guarded and time-boxed like dashboard widgets; shown only while the
 * plugin is enabled and, when {@link #permission()} is set, to admin users who hold it.
 */
public interface CustomerPanel extends ExtensionPoint {

    /** Stable id, unique within the plugin. */
    String id();

    /** The panel's heading in the given language ({@code fr}, {@code en}). */
    String title(String lang);

    /** Safe HTML for the panel body (escape what you did not write), or an empty string. */
    String render(long customerId, String lang);

    /** A permission the plugin declared (see {@link AdminNavigation#permissions()}), or null for any admin. */
    default String permission() {
        return null;
    }

    default int order() {
        return 100;
    }
}
