package io.brique.crm;

import io.brique.api.plugin.BriquePlugin;
import io.brique.api.plugin.PluginContext;
import java.time.Duration;

/**
 * The CRM brick's main class: the outbox dispatcher (every second, one node of a cluster at a time),
 * the abandoned-cart sweep and the clean-up of delivered updates and inbound replay ids.
 */
public class CrmPlugin extends BriquePlugin {

    private Dispatcher dispatcher;

    public CrmPlugin(PluginContext context) {
        super(context);
    }

    @Override
    public void start() {
        Crm crm = Crm.of(context);
        dispatcher = new Dispatcher(crm);
        Dispatcher d = dispatcher;
        context.schedule("dispatch", Duration.ofSeconds(1), true, () -> context.count("handed_out", d.run()));
        Backfill backfill = new Backfill(crm);
        context.schedule("backfill", Duration.ofSeconds(2), true, () -> context.count("backfilled", backfill.step()));
        context.schedule("abandoned-carts", Duration.ofSeconds(30), true,
                () -> context.count("carts_abandoned", crm.carts().sweep()));
        context.schedule("purge", Duration.ofHours(1), true, () -> {
            var now = crm.clock().instant();
            crm.outbox().purgeSent(now.minus(Duration.ofDays(crm.settings().sentRetentionDays())));
            new Inbound(crm).purgeSeen(now.minus(Duration.ofDays(2)));
        });
    }

    @Override
    public void stop() {
        if (dispatcher != null) {
            dispatcher.close();
            dispatcher = null;
        }
    }
}
