package io.brique.crm;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * One customer's timeline ({@code crm_timeline}): orders, status changes and refunds from the shop's
 * events (online and in store), and calls, e-mails, notes and field changes pushed by the CRM. Unique
 * by {@code ref} (the shop event id, or the CRM's message id), so a redelivery adds nothing.
 */
final class Timeline {

    record Entry(long id, long customerId, String source, String kind, String title, String body, Instant occurredAt) {
    }

    private final Db db;
    private final String table;

    Timeline(Db db) {
        this.db = db;
        this.table = db.t("timeline");
    }

    /** Adds an entry unless its ref is known; true when added. In the caller's transaction. */
    boolean add(Connection c, long customerId, String source, String kind, String title, String body, String ref,
            Instant occurredAt) throws SQLException {
        if (Db.number(c, "SELECT COUNT(*) FROM " + table + " WHERE ref = ?", ref) > 0) {
            return false;
        }
        try {
            Db.update(c, "INSERT INTO " + table + " (customer_id, source, kind, title, body, ref, occurred_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", customerId, source, kind, cut(title, 255), cut(body, 4000), ref,
                    occurredAt);
            return true;
        } catch (SQLException e) {
            if (Db.duplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    List<Entry> of(long customerId, int limit) {
        return db.read(c -> Db.list(c, "SELECT id, customer_id, source, kind, title, body, occurred_at FROM " + table
                + " WHERE customer_id = ? ORDER BY occurred_at DESC, id DESC LIMIT " + limit, rs -> new Entry(
                        rs.getLong("id"), rs.getLong("customer_id"), rs.getString("source"), rs.getString("kind"),
                        rs.getString("title"), rs.getString("body"), Db.instant(rs, "occurred_at")), customerId));
    }

    int erase(Connection c, long customerId) throws SQLException {
        return Db.update(c, "DELETE FROM " + table + " WHERE customer_id = ?", customerId);
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
