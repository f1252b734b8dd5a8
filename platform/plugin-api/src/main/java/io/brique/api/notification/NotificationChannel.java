package io.brique.api.notification;

import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * A way to reach a customer (e-mail through the core's outbox by default; SMS, push... by plugins).
 * Senders (loyalty, CRM) pick a channel by id; the channel honours the customer's consent.
 */
public interface NotificationChannel extends ExtensionPoint {

    String id();

    /** Sends, or queues, one notification; must be idempotent per {@code Notification.key()}. */
    void send(Notification notification);

    /** {@code key} de-duplicates; {@code kind} tells what it is (tier_upgrade, points_expiring...). */
    record Notification(String key, long customerId, String kind, String locale, String subject, String text,
            Map<String, String> data, boolean marketing) {
        public Notification {
            data = Map.copyOf(data);
        }
    }
}
