package io.brique.crm;

import io.brique.api.plugin.PluginContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * The sync half's services on one plugin context, built by each extension from the context the host
 * gives it (they hold no state of their own beyond the database, so several instances agree).
 */
final class Crm {

    private final PluginContext context;
    private final Db db;
    private final Outbox outbox;
    private final Timeline timeline;
    private final ShopMirror mirror;
    private final Carts carts;

    private Crm(PluginContext context) {
        this.context = context;
        this.db = new Db(context.dataSource(), context.tablePrefix());
        this.outbox = new Outbox(db);
        this.timeline = new Timeline(db);
        this.mirror = new ShopMirror(db);
        this.carts = new Carts(this);
    }

    static Crm of(PluginContext context) {
        return new Crm(context);
    }

    PluginContext context() {
        return context;
    }

    Db db() {
        return db;
    }

    Outbox outbox() {
        return outbox;
    }

    Timeline timeline() {
        return timeline;
    }

    ShopMirror mirror() {
        return mirror;
    }

    Carts carts() {
        return carts;
    }

    Clock clock() {
        return context.clock();
    }

    CrmSettings.Sync settings() {
        return CrmSettings.Sync.of(context.settings());
    }

    /**
     * A customer as the shop holds it now (SDK 1.2 directory: consent included), remembered in the
     * plugin's mirror; on an older shop, or if the read fails, what the plugin last saw.
     */
    ShopMirror.Customer currentCustomer(Connection c, long customerId, Instant now) throws SQLException {
        try {
            var found = context.customers().customer(customerId);
            if (found.isPresent()) {
                var k = found.get();
                ShopMirror.Customer m = new ShopMirror.Customer(k.id(), k.email(), k.firstName(), k.lastName(),
                        k.locale(), k.consentMarketing());
                mirror.saveCustomer(c, m, now);
                return m;
            }
        } catch (UnsupportedOperationException | LinkageError older) {
            // an SDK 1.1 shop: the mirror below
        }
        return mirror.customer(c, customerId);
    }
}
