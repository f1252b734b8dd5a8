package io.brique.loyalty;

import io.brique.api.notification.NotificationChannel.Notification;
import io.brique.api.notification.NotificationOutcome;
import io.brique.api.plugin.PluginContext;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages to customers: tier upgrade, points about to expire (warning, last chance), reward available.
 * A message is first written to {@code loyalty_message} (in the transaction that causes it, or by the
 * hourly scan), then sent by a job through {@code PluginContext.notify} with the message key as the
 * notification key: a crash, a retry or two nodes never send one twice, and nothing is lost between
 * the cause and the send. All are marketing messages: the core sends them only with the customer's consent.
 */
public final class LoyaltyMessages {

    /** A row to send. */
    record Pending(String key, long customerId, String kind, Map<String, String> params, String locale) {
    }

    static final List<String> KINDS = List.of("tier_upgrade", "expiry_warning", "expiry_last_chance", "reward_available");

    private final PluginContext context;
    private final Jdbc db;

    LoyaltyMessages(PluginContext context, Jdbc db) {
        this.context = context;
        this.db = db;
    }

    /** Records a message to send, once per key (a second call with the same key changes nothing). */
    boolean enqueueIn(Connection c, String key, long customerId, String kind, Map<String, String> params)
            throws SQLException {
        if (Jdbc.number(c, "SELECT COUNT(*) FROM " + db.t("message") + " WHERE message_key = ?", key) > 0) {
            return false;
        }
        try {
            Jdbc.update(c, "INSERT INTO " + db.t("message") + " (message_key, customer_id, kind, params, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)", key, customerId, kind, encode(params), context.clock().instant());
            return true;
        } catch (SQLException e) {
            if (!Jdbc.duplicate(e)) {
                throw e;
            }
            return false;
        }
    }

    /**
     * Hourly scan: customers whose points expire soon (one message per stage and expiry day: the warning
     * for lots expiring within {@code expiry_warning_days} but after the last-chance window, the last
     * chance within {@code expiry_last_chance_days}), and customers whose balance now buys a reward
     * (once per reward). Returns the number of messages recorded.
     */
    public int scan() {
        LoyaltySettings.Programme p = LoyaltySettings.Programme.of(context.settings());
        Instant now = context.clock().instant();
        int added = 0;
        if (p.expiryLastChanceDays() > 0) {
            added += expiring("expiry_last_chance", now, now.plus(Duration.ofDays(p.expiryLastChanceDays())));
        }
        if (p.expiryWarningDays() > p.expiryLastChanceDays()) {
            added += expiring("expiry_warning", now.plus(Duration.ofDays(p.expiryLastChanceDays())),
                    now.plus(Duration.ofDays(p.expiryWarningDays())));
        }
        added += rewardsAvailable();
        return added;
    }

    private int expiring(String kind, Instant from, Instant to) {
        record Due(long customerId, long points, Instant first) {
        }
        List<Due> due = db.read(c -> Jdbc.list(c, "SELECT l.customer_id, SUM(l.remaining), MIN(l.expires_at) AS first_expiry FROM "
                + db.t("lot") + " l JOIN " + db.t("account") + " a ON a.customer_id = l.customer_id"
                + " WHERE l.status = 'available' AND l.remaining > 0 AND l.expires_at > ? AND l.expires_at <= ?"
                + " AND a.anonymised = FALSE GROUP BY l.customer_id",
                rs -> new Due(rs.getLong(1), rs.getLong(2), Jdbc.instant(rs, "first_expiry")), from, to));
        int added = 0;
        for (Due d : due) {
            String day = LocalDate.ofInstant(d.first(), ZoneOffset.UTC).toString();
            added += db.tx(c -> enqueueIn(c, kind + ":" + d.customerId() + ":" + day, d.customerId(), kind,
                    Map.of("points", Long.toString(d.points()), "date", day))) ? 1 : 0;
        }
        return added;
    }

    private int rewardsAvailable() {
        record Eligible(long rewardId, String name, long cost, long customerId) {
        }
        List<Eligible> all = db.read(c -> Jdbc.list(c, "SELECT r.id, r.name, r.cost_points, b.customer_id FROM "
                + db.t("reward") + " r JOIN (SELECT customer_id, SUM(points) AS available FROM " + db.t("movement")
                + " GROUP BY customer_id) b ON b.available >= r.cost_points"
                + " JOIN " + db.t("account") + " a ON a.customer_id = b.customer_id AND a.anonymised = FALSE"
                + " WHERE r.active = TRUE AND NOT EXISTS (SELECT 1 FROM " + db.t("message") + " m"
                + " WHERE m.message_key = CONCAT('reward_available:', r.id, ':', b.customer_id)) LIMIT 5000",
                rs -> new Eligible(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4))));
        for (Eligible e : all) {
            db.tx(c -> {
                enqueueIn(c, "reward_available:" + e.rewardId() + ":" + e.customerId(), e.customerId(), "reward_available",
                        Map.of("reward", e.name(), "points", Long.toString(e.cost())));
                return null;
            });
        }
        return all.size();
    }

    /** Sends what is recorded and not sent yet (every minute, once per cluster); returns how many were handed over. */
    public int sendDue() {
        List<Pending> due = db.read(c -> Jdbc.list(c, "SELECT m.message_key, m.customer_id, m.kind, m.params, a.locale FROM "
                + db.t("message") + " m LEFT JOIN " + db.t("account") + " a ON a.customer_id = m.customer_id"
                + " WHERE m.sent_at IS NULL AND m.attempts < 10 ORDER BY m.created_at LIMIT 200",
                rs -> new Pending(rs.getString(1), rs.getLong(2), rs.getString(3), decode(rs.getString(4)),
                        rs.getString(5) == null ? "fr" : rs.getString(5))));
        int sent = 0;
        for (Pending m : due) {
            NotificationOutcome outcome;
            try {
                outcome = context.notify(notification(m));
            } catch (RuntimeException e) {
                context.logger().warn("message {} not sent: {}", m.key(), e.toString());
                db.tx(c -> Jdbc.update(c, "UPDATE " + db.t("message") + " SET attempts = attempts + 1 WHERE message_key = ?",
                        m.key()));
                continue;
            }
            db.tx(c -> Jdbc.update(c, "UPDATE " + db.t("message") + " SET outcome = ?, sent_at = ?, attempts = attempts + 1"
                    + " WHERE message_key = ?", outcome.name().toLowerCase(java.util.Locale.ROOT),
                    context.clock().instant(), m.key()));
            context.count("messages_" + outcome.name().toLowerCase(java.util.Locale.ROOT), 1);
            sent += outcome == NotificationOutcome.QUEUED ? 1 : 0;
        }
        return sent;
    }

    /** The notification of a message, in the customer's language. */
    static Notification notification(Pending m) {
        String lang = "en".equals(m.locale()) ? "en" : "fr";
        String subject = format(Texts.get(lang, "loyalty.msg." + m.kind() + ".subject"), m.params(), lang);
        String text = format(Texts.get(lang, "loyalty.msg." + m.kind() + ".text"), m.params(), lang);
        return new Notification(m.key(), m.customerId(), m.kind(), lang, subject, text, m.params(), true);
    }

    /** {@code {name}} placeholders from the params; dates shown in the reader's format. */
    static String format(String template, Map<String, String> params, String lang) {
        String out = template;
        for (Map.Entry<String, String> e : params.entrySet()) {
            String v = e.getValue();
            if ("date".equals(e.getKey())) {
                LocalDate d = LocalDate.parse(v);
                v = "en".equals(lang) ? d.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH))
                        : d.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.FRENCH));
            }
            out = out.replace("{" + e.getKey() + "}", v);
        }
        return out;
    }

    static String encode(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.length() > 500 ? b.substring(0, 500) : b.toString();
    }

    static Map<String, String> decode(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int i = pair.indexOf('=');
                if (i > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, i), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
