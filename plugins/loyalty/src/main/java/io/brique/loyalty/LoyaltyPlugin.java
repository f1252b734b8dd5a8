package io.brique.loyalty;

import io.brique.api.plugin.BriquePlugin;
import io.brique.api.plugin.PluginContext;
import java.time.Duration;

/**
 * The loyalty plugin's main class: its extensions are registered by the host; here, the periodic jobs.
 * Each runs on one node of a cluster at a time ({@code oncePerCluster}); each is idempotent anyway.
 */
public class LoyaltyPlugin extends BriquePlugin {

    public LoyaltyPlugin(PluginContext context) {
        super(context);
    }

    @Override
    public void start() {
        LoyaltyService loyalty = new LoyaltyService(context);
        context.schedule("confirm-pending-points", Duration.ofMinutes(10), true,
                () -> context.count("points_confirmed_lots", loyalty.ledger().confirmDue()));
        context.schedule("expire-points", Duration.ofHours(1), true, () -> context.count("points_expired",
                loyalty.ledger().expireDue(Duration.ofDays(loyalty.programme().inactivityDays()))));
        context.schedule("release-stale-reservations", Duration.ofMinutes(5), true,
                () -> context.count("reservations_released_stale", loyalty.releaseStale()));
        context.schedule("birthday-bonus", Duration.ofHours(6), true, loyalty::birthdays);
        // expiring points and rewards within reach are found hourly; messages leave within a minute
        context.schedule("scan-messages", Duration.ofHours(1), true, () -> context.count("messages_recorded",
                loyalty.messages().scan()));
        context.schedule("send-messages", Duration.ofMinutes(1), true, loyalty.messages()::sendDue);
    }
}
