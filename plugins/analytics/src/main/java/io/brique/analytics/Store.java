package io.brique.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes of the plugin's tables. {@link #write} stores hits in one transaction with JDBC batches
 * (events, items, orders and order lines): all of them or none.
 */
final class Store {

    private final DataSource dataSource;
    private final String p;
    private final java.time.Clock clock;

    Store(DataSource dataSource, String prefix) {
        this(dataSource, prefix, java.time.Clock.systemUTC());
    }

    Store(DataSource dataSource, String prefix, java.time.Clock clock) {
        this.dataSource = dataSource;
        this.p = prefix;
        this.clock = clock;
    }

    DataSource dataSource() {
        return dataSource;
    }

    String prefix() {
        return p;
    }

    void write(List<Hit> hits) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                write(c, hits);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    /** Inserts hits within the caller's transaction. */
    void write(Connection c, List<Hit> hits) throws SQLException {
        boolean anyItems = false;
        boolean anyOrders = false;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + p + "event (id, event_uid, occurred_at, name, origin,"
                + " visitor_key, customer_id, consented, page, referrer_host, channel, source, medium, campaign,"
                + " value_minor, currency, transaction_id, search_term, result_count, target)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Hit h : hits) {
                s.setLong(1, h.id());
                s.setString(2, h.eventUid());
                s.setTimestamp(3, Timestamp.from(h.at()));
                s.setString(4, h.name());
                s.setString(5, h.origin());
                s.setString(6, h.visitorKey());
                setLong(s, 7, h.customerId());
                s.setBoolean(8, h.consented());
                s.setString(9, h.page());
                s.setString(10, h.referrerHost());
                s.setString(11, h.channel());
                s.setString(12, h.source());
                s.setString(13, h.medium());
                s.setString(14, h.campaign());
                setLong(s, 15, h.valueMinor());
                s.setString(16, h.currency());
                s.setString(17, h.transactionId());
                s.setString(18, h.searchTerm());
                if (h.resultCount() == null) {
                    s.setNull(19, Types.INTEGER);
                } else {
                    s.setInt(19, h.resultCount());
                }
                s.setString(20, h.target());
                s.addBatch();
                anyItems |= !h.items().isEmpty();
                // orders of server-side purchases come from the order events themselves (ServerEvents)
                anyOrders |= !h.origin().equals("server") && (h.name().equals("purchase") || h.name().equals("refund"));
            }
            s.executeBatch();
        }
        markLateDays(c, hits);
        if (anyItems) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + p + "event_item (event_id, idx, item_id,"
                    + " item_name, category, price_minor, quantity) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Hit h : hits) {
                    for (int i = 0; i < h.items().size(); i++) {
                        Hit.Item it = h.items().get(i);
                        s.setLong(1, h.id());
                        s.setInt(2, i);
                        s.setString(3, it.id());
                        s.setString(4, it.name());
                        s.setString(5, it.category());
                        setLong(s, 6, it.priceMinor());
                        s.setInt(7, it.quantity());
                        s.addBatch();
                    }
                }
                s.executeBatch();
            }
        }
        if (anyOrders) {
            for (Hit h : hits) {
                if (h.origin().equals("server")) {
                    continue;
                }
                if (h.name().equals("purchase")) {
                    insertOrder(c, "api:" + h.transactionId(), h.transactionId(), h.at(), "api", h.customerId(),
                            h.visitorKey(), h.currency(), h.valueMinor(), lines(h));
                } else if (h.name().equals("refund")) {
                    try (PreparedStatement s = c.prepareStatement("UPDATE " + p + "order SET refunded_minor ="
                            + " LEAST(total_minor, refunded_minor + COALESCE(?, total_minor)), status = 'refunded'"
                            + " WHERE order_key = ?")) {
                        setLong(s, 1, h.valueMinor());
                        s.setString(2, "api:" + h.transactionId());
                        s.executeUpdate();
                    }
                }
            }
        }
    }

    /**
     * A hit dated in a day the rollup may have rolled already (a late event: an import, a delayed
     * beacon) marks that day dirty, and the day before when the hit is in the first hours of its day
     * (it can extend a visit that began the evening before): reports compute such days live until
     * the rollup job rolls them again. Hits of today cost nothing here.
     */
    private void markLateDays(Connection c, List<Hit> hits) throws SQLException {
        java.time.LocalDate lastRollable = Rollup.lastRollable(clock.instant());
        java.util.Set<java.time.LocalDate> days = new java.util.TreeSet<>();
        for (Hit h : hits) {
            java.time.LocalDate d = java.time.LocalDate.ofInstant(h.at(), java.time.ZoneOffset.UTC);
            if (!d.isAfter(lastRollable)) {
                days.add(d);
            }
            java.time.LocalDate before = d.minusDays(1);
            if (!before.isAfter(lastRollable) && h.at().isBefore(Rollup.start(d).plus(Rollup.MARGIN))) {
                days.add(before);
            }
        }
        if (days.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE " + p + "rollup SET dirty = TRUE WHERE roll_day = ?")) {
            for (java.time.LocalDate d : days) {
                s.setDate(1, java.sql.Date.valueOf(d));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    record Line(String itemId, String name, String category, int quantity, long totalMinor) {
    }

    private static List<Line> lines(Hit h) {
        return h.items().stream().map(i -> new Line(i.id(), i.name(), i.category(), i.quantity(),
                (i.priceMinor() == null ? 0 : i.priceMinor()) * i.quantity())).toList();
    }

    /** Inserts an order once: a second insert of the same key (redelivery, replay) changes nothing. */
    boolean insertOrder(Connection c, String key, String number, Instant at, String origin, Long customerId,
            String visitorKey, String currency, long totalMinor, List<Line> lines) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT IGNORE INTO " + p + "order (order_key, number, placed_at,"
                + " origin, customer_id, visitor_key, currency, total_minor, refunded_minor, status)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'placed')")) {
            s.setString(1, key);
            s.setString(2, number);
            s.setTimestamp(3, Timestamp.from(at));
            s.setString(4, origin);
            setLong(s, 5, customerId);
            s.setString(6, visitorKey);
            s.setString(7, currency);
            s.setLong(8, totalMinor);
            if (s.executeUpdate() == 0) {
                return false;
            }
        }
        if (!lines.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + p + "order_line (order_key, idx, item_id,"
                    + " item_name, category, quantity, total_minor) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < lines.size(); i++) {
                    Line l = lines.get(i);
                    s.setString(1, key);
                    s.setInt(2, i);
                    s.setString(3, l.itemId());
                    s.setString(4, l.name());
                    s.setString(5, l.category());
                    s.setInt(6, l.quantity());
                    s.setLong(7, l.totalMinor());
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        return true;
    }

    static void setLong(PreparedStatement s, int i, Long v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i, v);
        }
    }
}
