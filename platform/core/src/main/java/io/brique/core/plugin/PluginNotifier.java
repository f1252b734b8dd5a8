package io.brique.core.plugin;

import static io.brique.core.db.jooq.Tables.CUSTOMER;

import io.brique.api.notification.NotificationChannel;
import io.brique.api.notification.NotificationChannel.Notification;
import io.brique.api.notification.NotificationOutcome;
import io.brique.core.Core;
import io.brique.core.commerce.customer.CustomerPrivacy;
import io.brique.core.mail.Email;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.jooq.Record3;

/**
 * {@code PluginContext.notify}: checks the customer and their marketing consent, then hands the
 * notification to the shop's channel ({@code notifications.channel}: {@code email}, the core's outbox,
 * or the id of a plugin's {@link NotificationChannel}). Keys are namespaced by plugin, so two plugins
 * never silence each other; the outbox's unique (kind, reference) makes a replay send nothing.
 */
public final class PluginNotifier {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PluginNotifier.class);
    static final String EMAIL = "email";
    static final Duration CHANNEL_BUDGET = Duration.ofSeconds(2);
    /** Outbox kinds of plugin notifications start with this, so they never collide with the core's own e-mails. */
    static final String KIND_PREFIX = "plugin:";

    private final Core core;
    private final String pluginId;

    public PluginNotifier(Core core, String pluginId) {
        this.core = core;
        this.pluginId = pluginId;
    }

    public NotificationOutcome send(Notification n) {
        validate(n);
        Record3<String, String, Boolean> customer = core.db().dsl()
                .select(CUSTOMER.EMAIL, CUSTOMER.STATUS, CUSTOMER.CONSENT_MARKETING)
                .from(CUSTOMER).where(CUSTOMER.ID.eq(n.customerId())).fetchOne();
        if (customer == null || CustomerPrivacy.ERASED.equals(customer.value2()) || !"active".equals(customer.value2())) {
            return NotificationOutcome.UNREACHABLE;
        }
        if (n.marketing() && !Boolean.TRUE.equals(customer.value3())) {
            return NotificationOutcome.NO_CONSENT;
        }
        String channel = core.config().get("notifications.channel", EMAIL);
        Notification namespaced = new Notification(pluginId + ":" + n.key(), n.customerId(), n.kind(), n.locale(),
                n.subject(), n.text(), n.data(), n.marketing());
        if (!EMAIL.equals(channel)) {
            for (var e : core.extensions().entries(NotificationChannel.class)) {
                if (channel.equals(e.extension().id())) {
                    Boolean ok = core.extensions().call(e, "notification", CHANNEL_BUDGET, c -> {
                        c.send(namespaced);
                        return Boolean.TRUE;
                    }, Boolean.FALSE);
                    if (!Boolean.TRUE.equals(ok)) {
                        // the caller retries later with the same key; the channel is idempotent per key
                        throw new IllegalStateException("notification channel " + channel + " failed");
                    }
                    return NotificationOutcome.QUEUED;
                }
            }
            LOG.warn("notification channel {} is not enabled: sending by e-mail", channel);
        }
        String address = customer.value1();
        if (address == null || address.isBlank() || !address.contains("@")) {
            return NotificationOutcome.UNREACHABLE;
        }
        Email email = new Email(address, n.subject(), n.text(), null, kind(n.kind()), reference(namespaced.key()));
        int inserted = core.db().tx(tx -> core.mail().enqueue(tx, email));
        return inserted > 0 ? NotificationOutcome.QUEUED : NotificationOutcome.DUPLICATE;
    }

    private static void validate(Notification n) {
        if (n == null || n.key() == null || n.key().isBlank() || n.kind() == null || n.kind().isBlank()) {
            throw new IllegalArgumentException("a notification needs a key and a kind");
        }
        if (n.subject() == null || n.subject().isBlank() || n.subject().length() > 255 || n.text() == null) {
            throw new IllegalArgumentException("a notification needs a subject (at most 255 characters) and a text");
        }
    }

    private static String kind(String kind) {
        String k = KIND_PREFIX + kind;
        return k.length() <= 50 ? k : k.substring(0, 50);
    }

    /** The outbox reference holds 100 characters: longer keys are replaced by their SHA-256. */
    static String reference(String key) {
        if (key.length() <= 100) {
            return key;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
