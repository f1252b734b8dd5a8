package io.brique.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** Deletes events (and their items) older than the retention setting, and the old daily salts. */
final class Retention {

    private final Analytics analytics;

    Retention(Analytics analytics) {
        this.analytics = analytics;
    }

    void run() {
        try {
            int n = purge(analytics.context.clock().instant());
            if (n > 0) {
                analytics.context.logger().info("analytics: retention purge deleted {} events", n);
            }
        } catch (SQLException e) {
            analytics.context.logger().warn("analytics: retention purge failed: {}", e.toString());
        }
    }

    int purge(Instant now) throws SQLException {
        long days = analytics.context.settings().getLong(Settings.RETENTION_DAYS, 395);
        Instant cutoff = now.minus(Duration.ofDays(days));
        String p = analytics.store.prefix();
        int deleted;
        try (Connection c = analytics.store.dataSource().getConnection()) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + p + "event_item WHERE event_id IN"
                    + " (SELECT id FROM " + p + "event WHERE occurred_at < ?)")) {
                s.setTimestamp(1, Timestamp.from(cutoff));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + p + "event WHERE occurred_at < ?")) {
                s.setTimestamp(1, Timestamp.from(cutoff));
                deleted = s.executeUpdate();
            }
            // the rolled-up visits of the purged days go with their events
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + p + "session WHERE visit_day < ?")) {
                s.setDate(1, java.sql.Date.valueOf(java.time.LocalDate.ofInstant(cutoff, java.time.ZoneOffset.UTC)));
                s.executeUpdate();
            }
        }
        analytics.privacy.purgeSalts(CollectParser.day(now));
        return deleted;
    }
}
