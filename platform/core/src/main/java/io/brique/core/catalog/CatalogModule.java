package io.brique.core.catalog;

import io.brique.core.Core;

/** Wires the catalog: its services, storefront pages, API routes, imports and demo data. */
public final class CatalogModule {

    public CatalogModule(Core core) {
        // filled by the catalog slice
    }

    /** Loads demo data on first start when enabled and the catalog is empty. */
    public void loadDemoDataIfEmpty() {
    }
}
