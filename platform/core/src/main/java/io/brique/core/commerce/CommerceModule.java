package io.brique.core.commerce;

import io.brique.core.Core;

/** Wires customers, sessions, carts, checkout, orders, payments and store sales. */
public final class CommerceModule {

    public CommerceModule(Core core) {
        // filled by the commerce slice
    }

    /** Demo stores etc. on first start. */
    public void loadDemoDataIfEmpty() {
    }
}
