package io.brique.recs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The interactions the models learn from, compactly: one row per product of an order, view or cart add. */
final class EventStore {

    /** One stored interaction. */
    record Row(char kind, Long customerId, String visitor, String basket, long productId, Instant at) {
    }

    /** The most rows one training reads (newest first wins: older ones are left out). */
    static final int MAX_ROWS = 2_000_000;

    private final Db db;

    EventStore(Db db) {
        this.db = db;
    }

    /** Stores the rows of one event, once: a redelivered event id is ignored. */
    boolean record(String eventId, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return false;
        }
        return db.tx(c -> {
            try (PreparedStatement seen = c.prepareStatement("SELECT 1 FROM " + db.t("event") + " WHERE event_id = ?")) {
                seen.setString(1, eventId);
                try (ResultSet rs = seen.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + db.t("event")
                    + " (event_id, kind, customer_id, visitor, basket, product_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                java.util.Set<Long> done = new java.util.HashSet<>();
                for (Row r : rows) {
                    if (!done.add(r.productId())) {
                        continue;
                    }
                    ins.setString(1, eventId);
                    ins.setString(2, String.valueOf(r.kind()));
                    if (r.customerId() == null) {
                        ins.setNull(3, java.sql.Types.BIGINT);
                    } else {
                        ins.setLong(3, r.customerId());
                    }
                    ins.setString(4, r.visitor());
                    ins.setString(5, r.basket());
                    ins.setLong(6, r.productId());
                    ins.setTimestamp(7, Timestamp.valueOf(r.at().atOffset(ZoneOffset.UTC).toLocalDateTime()));
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            return true;
        });
    }

    /** Rows since {@code from}, oldest first, at most {@link #MAX_ROWS} (the newest). */
    List<Row> since(Instant from) throws SQLException {
        return db.read(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, customer_id, visitor, basket, product_id, at FROM "
                    + db.t("event") + " WHERE at >= ? ORDER BY id DESC LIMIT " + MAX_ROWS)) {
                ps.setTimestamp(1, Timestamp.valueOf(from.atOffset(ZoneOffset.UTC).toLocalDateTime()));
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long cust = rs.getLong(2);
                        out.add(new Row(rs.getString(1).charAt(0), rs.wasNull() ? null : cust, rs.getString(3),
                                rs.getString(4), rs.getLong(5), rs.getTimestamp(6).toLocalDateTime()
                                        .toInstant(ZoneOffset.UTC)));
                    }
                }
            }
            java.util.Collections.reverse(out);
            return out;
        });
    }

    long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + db.t("event"));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
