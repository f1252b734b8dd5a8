package io.brique.crm;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The CRM outbox ({@code crm_outbox}): one row per CRM update, unique by event id so a redelivered
 * shop event adds nothing. A row is {@code queued} until the CRM answered 2xx ({@code sent}), or it
 * reached the attempt limit or a permanent refusal ({@code dead}, with the error); the merchant
 * re-queues or discards dead rows. Per customer, only the oldest queued row is ever handed out
 * ({@link #dueHeads}), which keeps each customer's updates in order.
 */
final class Outbox {

    static final String QUEUED = "queued";
    static final String SENT = "sent";
    static final String DEAD = "dead";
    static final String DISCARDED = "discarded";

    /** One update to deliver. {@code payload} is the documented JSON message (see docs/crm.md). */
    record Item(long id, String eventId, String customerKey, String kind, String entityId, String payload,
            int attempts, Instant occurredAt, Instant createdAt) {
    }

    /** A row as the admin lists show it. */
    record Row(long id, String eventId, String customerKey, String kind, String entityId, String status, int attempts,
            String lastError, Instant occurredAt, Instant createdAt, Instant sentAt, Instant nextAttemptAt) {
    }

    /** Counters of the status page; lag in seconds (oldest queued update, last hour's delivered). */
    record Stats(long queued, long due, long sent, long dead, long discarded, long oldestQueuedSeconds,
            double avgLagSecondsLastHour, double maxLagSecondsLastHour) {
    }

    private final Db db;
    private final String table;

    Outbox(Db db) {
        this.db = db;
        this.table = db.t("outbox");
    }

    /** Adds an update unless one with this event id exists; true when added. Runs in the caller's transaction. */
    boolean enqueue(Connection c, String eventId, String customerKey, String kind, String entityId, String payload,
            Instant occurredAt, Instant now) throws SQLException {
        if (Db.number(c, "SELECT COUNT(*) FROM " + table + " WHERE event_id = ?", eventId) > 0) {
            return false;
        }
        try {
            Db.update(c, "INSERT INTO " + table + " (event_id, customer_key, kind, entity_id, payload, status, attempts,"
                    + " next_attempt_at, occurred_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)", eventId,
                    customerKey, kind, entityId, payload, QUEUED, now, occurredAt, now);
            return true;
        } catch (SQLException e) {
            if (Db.duplicate(e)) {
                return false; // the same event delivered twice at once: one row wins
            }
            throw e;
        }
    }

    boolean enqueue(String eventId, String customerKey, String kind, String entityId, String payload,
            Instant occurredAt, Instant now) {
        return db.tx(c -> enqueue(c, eventId, customerKey, kind, entityId, payload, occurredAt, now));
    }

    /** The oldest queued update of each customer, when it is due, oldest first. */
    List<Item> dueHeads(Instant now, int limit) {
        return db.read(c -> Db.list(c, "SELECT o.id, o.event_id, o.customer_key, o.kind, o.entity_id, o.payload,"
                + " o.attempts, o.occurred_at, o.created_at FROM " + table + " o WHERE o.status = ?"
                + " AND o.next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM " + table + " p WHERE"
                + " p.customer_key = o.customer_key AND p.status = ? AND p.id < o.id) ORDER BY o.id LIMIT " + limit,
                Outbox::item, QUEUED, now, QUEUED));
    }

    /** The next queued update of one customer after {@code afterId}, when due (a worker goes on with it). */
    Item nextOf(String customerKey, long afterId, Instant now) {
        return db.read(c -> Db.one(c, "SELECT id, event_id, customer_key, kind, entity_id, payload, attempts,"
                + " occurred_at, created_at FROM " + table + " WHERE customer_key = ? AND status = ? AND id > ?"
                + " AND next_attempt_at <= ? ORDER BY id LIMIT 1", Outbox::item, customerKey, QUEUED, afterId, now));
    }

    private static Item item(ResultSet rs) throws SQLException {
        return new Item(rs.getLong("id"), rs.getString("event_id"), rs.getString("customer_key"),
                rs.getString("kind"), rs.getString("entity_id"), rs.getString("payload"), rs.getInt("attempts"),
                Db.instant(rs, "occurred_at"), Db.instant(rs, "created_at"));
    }

    /** After a 2xx only: the delivery state is committed once the CRM has the update. */
    void sent(long id, Instant now) {
        db.tx(c -> Db.update(c, "UPDATE " + table + " SET status = ?, sent_at = ?, attempts = attempts + 1,"
                + " last_error = NULL WHERE id = ? AND status = ?", SENT, now, id, QUEUED));
    }

    /** A failed attempt: retried at {@code next}, or dead when {@code dead}. */
    void failed(long id, String error, Instant next, boolean dead) {
        String e = error == null ? "unknown error" : error.length() > 1900 ? error.substring(0, 1900) : error;
        db.tx(c -> Db.update(c, "UPDATE " + table + " SET status = ?, attempts = attempts + 1, last_error = ?,"
                + " next_attempt_at = ? WHERE id = ? AND status = ?", dead ? DEAD : QUEUED, e, next, id, QUEUED));
    }

    /** Postpones a queued update without counting an attempt (the connector is paused, or not configured). */
    void postpone(long id, Instant next, String reason) {
        db.tx(c -> Db.update(c, "UPDATE " + table + " SET next_attempt_at = ?, last_error = ? WHERE id = ?"
                + " AND status = ?", next, reason, id, QUEUED));
    }

    /** Re-queues a dead update from the admin: attempts start again. */
    boolean retry(long id, Instant now) {
        return db.tx(c -> Db.update(c, "UPDATE " + table + " SET status = ?, attempts = 0, next_attempt_at = ?"
                + " WHERE id = ? AND status = ?", QUEUED, now, id, DEAD)) == 1;
    }

    /** Re-queues every dead update. */
    int retryAll(Instant now) {
        return db.tx(c -> Db.update(c, "UPDATE " + table + " SET status = ?, attempts = 0, next_attempt_at = ?"
                + " WHERE status = ?", QUEUED, now, DEAD));
    }

    /** Gives up a dead update for good (it stays listed as discarded). */
    boolean discard(long id) {
        return db.tx(c -> Db.update(c, "UPDATE " + table + " SET status = ? WHERE id = ? AND status = ?", DISCARDED,
                id, DEAD)) == 1;
    }

    List<Row> list(String status, int offset, int limit) {
        return db.read(c -> Db.list(c, "SELECT id, event_id, customer_key, kind, entity_id, status, attempts,"
                + " last_error, occurred_at, created_at, sent_at, next_attempt_at FROM " + table
                + " WHERE status = ? ORDER BY id DESC LIMIT " + limit + " OFFSET " + offset, Outbox::row, status));
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("event_id"), rs.getString("customer_key"), rs.getString("kind"),
                rs.getString("entity_id"), rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
                Db.instant(rs, "occurred_at"), Db.instant(rs, "created_at"), Db.instant(rs, "sent_at"),
                Db.instant(rs, "next_attempt_at"));
    }

    long count(String status) {
        return db.read(c -> Db.number(c, "SELECT COUNT(*) FROM " + table + " WHERE status = ?", status));
    }

    Stats stats(Instant now) {
        return db.read(c -> {
            long queued = Db.number(c, "SELECT COUNT(*) FROM " + table + " WHERE status = ?", QUEUED);
            long due = Db.number(c, "SELECT COUNT(*) FROM " + table + " WHERE status = ? AND next_attempt_at <= ?",
                    QUEUED, now);
            Instant oldest = Db.one(c, "SELECT MIN(created_at) FROM " + table + " WHERE status = ?",
                    rs -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant(), QUEUED);
            double[] lag = {0, 0};
            List<Instant[]> recent = Db.list(c, "SELECT created_at, sent_at FROM " + table + " WHERE status = ?"
                    + " AND sent_at >= ?", rs -> new Instant[] {Db.instant(rs, "created_at"), Db.instant(rs, "sent_at")},
                    SENT, now.minus(Duration.ofHours(1)));
            for (Instant[] r : recent) {
                double s = Duration.between(r[0], r[1]).toMillis() / 1000.0;
                lag[0] += s;
                lag[1] = Math.max(lag[1], s);
            }
            return new Stats(queued, due, Db.number(c, "SELECT COUNT(*) FROM " + table + " WHERE status = ?", SENT),
                    Db.number(c, "SELECT COUNT(*) FROM " + table + " WHERE status = ?", DEAD),
                    Db.number(c, "SELECT COUNT(*) FROM " + table + " WHERE status = ?", DISCARDED),
                    oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds()),
                    recent.isEmpty() ? 0 : lag[0] / recent.size(), lag[1]);
        });
    }

    /** Forgets delivered updates older than the retention (dead and queued ones are kept). */
    int purgeSent(Instant before) {
        return db.tx(c -> Db.update(c, "DELETE FROM " + table + " WHERE status = ? AND sent_at < ?", SENT, before));
    }

    /** The updates of one customer key (GDPR export). */
    List<Row> ofCustomer(String customerKey) {
        return db.read(c -> Db.list(c, "SELECT id, event_id, customer_key, kind, entity_id, status, attempts,"
                + " last_error, occurred_at, created_at, sent_at, next_attempt_at FROM " + table
                + " WHERE customer_key = ? ORDER BY id", Outbox::row, customerKey));
    }
}
