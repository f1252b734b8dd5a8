package io.brique.loyalty;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The points ledger: every write of points goes through here.
 *
 * <p>Rules (see README): lots hold earned points ({@code remaining} left); movements record every
 * change, append-only, each with a unique idempotency key (a replayed event or request finds its key
 * and changes nothing); allocations say which lots a movement changed. The available balance is
 * {@code SUM(movement.points)}, the pending balance {@code SUM(movement.pending_points)}; they always
 * equal the remaining of available (resp. pending) lots, and never go below zero. Every write of one
 * customer first locks the customer's {@code loyalty_account} row ({@code SELECT ... FOR UPDATE}), so
 * concurrent writes queue up on every node and database: no double spend, no lost update.
 */
public final class LedgerService {

    public record Balance(long available, long pending) {
    }

    public record Movement(long id, long customerId, String kind, long points, long pendingPoints, long shortfall,
            String reference, String reason, String actor, Instant createdAt) {
    }

    /** A lot of earned points. */
    public record Lot(long id, long customerId, long points, long remaining, String status, String source,
            String reference, Instant availableAt, Instant expiresAt) {
    }

    /** Points to credit: pending until {@code availableAt} if it is in the future; {@code expiresAt} may be null. */
    public record Earn(long customerId, long points, String source, String reference, String idempotencyKey,
            Instant availableAt, Instant expiresAt, String actor, String reason) {
    }

    static final String AVAILABLE = "available";
    static final String PENDING = "pending";
    static final String EXPIRED = "expired";
    static final String REVERSED = "reversed";
    /** Larger than any sensible balance; refuses absurd numbers before arithmetic could overflow. */
    static final long MAX_POINTS = 1_000_000_000L;

    private final Jdbc db;
    private final Clock clock;

    LedgerService(Jdbc db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Jdbc db() {
        return db;
    }

    Instant now() {
        return clock.instant();
    }

    // ------------------------------------------------------------------------------------------ reads

    public Balance balance(long customerId) {
        return db.read(c -> balanceIn(c, customerId));
    }

    Balance balanceIn(Connection c, long customerId) throws SQLException {
        return Jdbc.one(c, "SELECT COALESCE(SUM(points), 0), COALESCE(SUM(pending_points), 0) FROM "
                + db.t("movement") + " WHERE customer_id = ?", rs -> new Balance(rs.getLong(1), rs.getLong(2)),
                customerId);
    }

    public List<Movement> history(long customerId, int limit) {
        return db.read(c -> Jdbc.list(c, "SELECT * FROM " + db.t("movement")
                + " WHERE customer_id = ? ORDER BY id DESC LIMIT ?", LedgerService::movement, customerId,
                Math.max(1, Math.min(limit, 1000))));
    }

    public List<Lot> lots(long customerId) {
        return db.read(c -> Jdbc.list(c, "SELECT * FROM " + db.t("lot") + " WHERE customer_id = ? ORDER BY id",
                LedgerService::lot, customerId));
    }

    static Movement movement(java.sql.ResultSet rs) throws SQLException {
        return new Movement(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("kind"), rs.getLong("points"),
                rs.getLong("pending_points"), rs.getLong("shortfall"), rs.getString("reference"),
                rs.getString("reason"), rs.getString("actor"), Jdbc.instant(rs, "created_at"));
    }

    static Lot lot(java.sql.ResultSet rs) throws SQLException {
        return new Lot(rs.getLong("id"), rs.getLong("customer_id"), rs.getLong("points"), rs.getLong("remaining"),
                rs.getString("status"), rs.getString("source"), rs.getString("reference"),
                Jdbc.instant(rs, "available_at"), Jdbc.instant(rs, "expires_at"));
    }

    // ------------------------------------------------------------------------------------------ locking

    /** Makes sure the customer's account row exists (its own short transaction; a concurrent twin is fine). */
    void ensureAccount(long customerId, String email) {
        db.read(c -> {
            if (Jdbc.number(c, "SELECT COUNT(*) FROM " + db.t("account") + " WHERE customer_id = ?", customerId) == 0) {
                try {
                    Jdbc.update(c, "INSERT INTO " + db.t("account") + " (customer_id, email, created_at) VALUES (?, ?, ?)",
                            customerId, email, now());
                } catch (SQLException e) {
                    if (!Jdbc.duplicate(e)) {
                        throw e;
                    }
                }
            } else if (email != null) {
                Jdbc.update(c, "UPDATE " + db.t("account") + " SET email = ? WHERE customer_id = ? AND email IS NULL"
                        + " AND anonymised = FALSE", email, customerId);
            }
            return null;
        });
    }

    /** Locks the customer's ledger until the transaction ends (the account row must exist). */
    void lock(Connection c, long customerId) throws SQLException {
        Long id = Jdbc.one(c, "SELECT customer_id FROM " + db.t("account") + " WHERE customer_id = ? FOR UPDATE",
                rs -> rs.getLong(1), customerId);
        if (id == null) {
            throw new LoyaltyException("not_found", "no loyalty account for customer " + customerId);
        }
    }

    /** Runs a write of one customer's ledger: account ensured, locked, in one transaction. */
    <T> T write(long customerId, Jdbc.Work<T> work) {
        ensureAccount(customerId, null);
        return db.tx(c -> {
            lock(c, customerId);
            return work.run(c);
        });
    }

    /** The movement already written under this key, if any (a replay). */
    Long existing(Connection c, String key) throws SQLException {
        return Jdbc.one(c, "SELECT id FROM " + db.t("movement") + " WHERE idempotency_key = ?", rs -> rs.getLong(1),
                key);
    }

    // ------------------------------------------------------------------------------------------ writes

    /** Credits a new lot; returns the movement id (the existing one on a replay). */
    public long earn(Earn e) {
        return write(e.customerId(), c -> earnIn(c, e));
    }

    long earnIn(Connection c, Earn e) throws SQLException {
        validPoints(e.points());
        required(e.idempotencyKey(), "idempotency key");
        Long replay = existing(c, e.idempotencyKey());
        if (replay != null) {
            return replay;
        }
        Instant now = now();
        Instant availableAt = e.availableAt() == null || e.availableAt().isBefore(now) ? now : e.availableAt();
        boolean pending = availableAt.isAfter(now);
        long lotId = Jdbc.insert(c, "INSERT INTO " + db.t("lot") + " (customer_id, points, remaining, status, source,"
                + " reference, available_at, expires_at, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.customerId(), e.points(), e.points(), pending ? PENDING : AVAILABLE, e.source(), e.reference(),
                availableAt, e.expiresAt(), e.idempotencyKey(), now);
        long movementId = movement(c, e.customerId(), "earn", pending ? 0 : e.points(), pending ? e.points() : 0, 0,
                lotId, e.reference(), e.reason(), e.actor(), e.idempotencyKey());
        allocate(c, movementId, lotId, e.points());
        return movementId;
    }

    /**
     * Spends {@code points} from available lots, soonest-expiring first (FIFO); refuses with
     * {@code insufficient_points} when the balance is lower. Returns the movement id.
     */
    public long spend(long customerId, long points, String reference, String key, String actor, String reason) {
        return write(customerId, c -> spendIn(c, customerId, points, "spend", reference, key, actor, reason));
    }

    long spendIn(Connection c, long customerId, long points, String kind, String reference, String key, String actor,
            String reason) throws SQLException {
        validPoints(points);
        required(key, "idempotency key");
        Long replay = existing(c, key);
        if (replay != null) {
            return replay;
        }
        expireDueIn(c, customerId, now()); // expired points are never spent, even before the job ran
        long available = balanceIn(c, customerId).available();
        if (available < points) {
            throw new LoyaltyException("insufficient_points", "only " + available + " points available, "
                    + points + " asked");
        }
        long movementId = movement(c, customerId, kind, -points, 0, 0, null, reference, reason, actor, key);
        long left = takeFifo(c, customerId, movementId, points, -1);
        if (left != 0) {
            throw new IllegalStateException("ledger out of balance for customer " + customerId + ": lots lack " + left);
        }
        return movementId;
    }

    /** Takes up to {@code points} from available lots (FIFO by expiry, skipping {@code skipLot}); returns what is left. */
    private long takeFifo(Connection c, long customerId, long movementId, long points, long skipLot) throws SQLException {
        long left = points;
        List<Lot> lots = Jdbc.list(c, "SELECT * FROM " + db.t("lot") + " WHERE customer_id = ? AND status = ?"
                + " AND remaining > 0 AND id <> ? ORDER BY CASE WHEN expires_at IS NULL THEN 1 ELSE 0 END, expires_at, id",
                LedgerService::lot, customerId, AVAILABLE, skipLot);
        for (Lot lot : lots) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, lot.remaining());
            takeFromLot(c, movementId, lot.id(), take);
            left -= take;
        }
        return left;
    }

    private void takeFromLot(Connection c, long movementId, long lotId, long take) throws SQLException {
        int n = Jdbc.update(c, "UPDATE " + db.t("lot") + " SET remaining = remaining - ? WHERE id = ? AND remaining >= ?",
                take, lotId, take);
        if (n != 1) {
            throw new IllegalStateException("lot " + lotId + " lacks " + take + " points");
        }
        allocate(c, movementId, lotId, -take);
    }

    /**
     * Gives back up to {@code points} of what spend movement {@code spendId} took, into the lots it came
     * from (latest-expiring first); points whose lot has expired meanwhile expire again at once. Returns
     * the movement id, or 0 when nothing was left to give back.
     */
    long restoreIn(Connection c, long spendId, long points, String key, String actor, String reason)
            throws SQLException {
        Long replay = existing(c, key);
        if (replay != null) {
            return replay;
        }
        Movement spend = Jdbc.one(c, "SELECT * FROM " + db.t("movement") + " WHERE id = ?", LedgerService::movement,
                spendId);
        if (spend == null) {
            throw new LoyaltyException("not_found", "no movement " + spendId);
        }
        record Taken(long lotId, long open, Instant expiresAt) {
        }
        List<Taken> taken = Jdbc.list(c, "SELECT a.lot_id, -a.delta - COALESCE((SELECT SUM(r.delta) FROM "
                + db.t("allocation") + " r JOIN " + db.t("movement") + " m ON m.id = r.movement_id WHERE m.related_id = ?"
                + " AND m.kind = 'restore' AND r.lot_id = a.lot_id), 0), l.expires_at FROM " + db.t("allocation")
                + " a JOIN " + db.t("lot") + " l ON l.id = a.lot_id WHERE a.movement_id = ? AND a.delta < 0"
                + " ORDER BY CASE WHEN l.expires_at IS NULL THEN 0 ELSE 1 END, l.expires_at DESC, l.id DESC",
                rs -> new Taken(rs.getLong(1), rs.getLong(2), Jdbc.instant(rs, "expires_at")), spendId, spendId);
        long open = taken.stream().mapToLong(Taken::open).sum();
        long give = Math.min(points, open);
        if (give <= 0) {
            return 0;
        }
        long movementId = movement(c, spend.customerId(), "restore", give, 0, 0, spendId, spend.reference(), reason,
                actor, key);
        long left = give;
        for (Taken t : taken) {
            long x = Math.min(left, t.open());
            if (x <= 0) {
                continue;
            }
            // an expired lot comes back to life for these points; expireDueIn below expires them again
            Jdbc.update(c, "UPDATE " + db.t("lot") + " SET remaining = remaining + ?, status = CASE WHEN status = ?"
                    + " THEN ? ELSE status END WHERE id = ?", x, EXPIRED, AVAILABLE, t.lotId());
            allocate(c, movementId, t.lotId(), x);
            left -= x;
        }
        expireDueIn(c, spend.customerId(), now());
        return movementId;
    }

    /**
     * Manual adjustment by an admin: a reason and an actor are required. A credit makes a new lot
     * ({@code expiresAt} may be null); a debit takes FIFO like a spend and is refused beyond the balance.
     */
    public long adjust(long customerId, long delta, String reason, String actor, String key, Instant expiresAt) {
        if (delta == 0) {
            throw new LoyaltyException("invalid", "the adjustment must not be zero");
        }
        required(reason, "reason");
        required(actor, "actor");
        if (reason.length() > 255) {
            throw new LoyaltyException("invalid", "the reason is longer than 255 characters");
        }
        if (delta > 0) {
            return earn(new Earn(customerId, delta, "adjust", null, key, null, expiresAt, actor, reason));
        }
        return write(customerId, c -> spendIn(c, customerId, -delta, "adjust", null, key, actor, reason));
    }

    /**
     * Takes back the points earned by order {@code reference} up to {@code target} in all: first from
     * that order's lot (pending or available), then from the customer's other available points (FIFO);
     * what cannot be taken (already spent, balance at zero) is recorded as shortfall: the balance is
     * floored at zero (see README). Idempotent: a second call with the same target does nothing.
     */
    long reverseIn(Connection c, long customerId, String reference, long target, String actor, String reason)
            throws SQLException {
        long done = Jdbc.number(c, "SELECT COALESCE(SUM(-(points + pending_points) + shortfall), 0) FROM "
                + db.t("movement") + " WHERE customer_id = ? AND kind = 'reverse' AND reference = ?", customerId,
                reference);
        long wanted = target - done;
        if (wanted <= 0) {
            return 0;
        }
        Lot lot = Jdbc.one(c, "SELECT * FROM " + db.t("lot") + " WHERE customer_id = ? AND source = 'order'"
                + " AND reference = ?", LedgerService::lot, customerId, reference);
        long fromLot = lot == null ? 0 : Math.min(wanted, lot.remaining());
        boolean pending = lot != null && PENDING.equals(lot.status());
        boolean lotAvailable = lot != null && AVAILABLE.equals(lot.status());
        if (!pending && !lotAvailable) {
            fromLot = 0;
        }
        long pendingTaken = pending ? fromLot : 0;
        long availableFromLot = lotAvailable ? fromLot : 0;
        long rest = wanted - fromLot;
        long available = balanceIn(c, customerId).available() - availableFromLot;
        long fromOthers = Math.min(rest, Math.max(0, available));
        long shortfall = rest - fromOthers;
        String key = "reverse:" + customerId + ":" + reference + ":" + target;
        long movementId = movement(c, customerId, "reverse", -(availableFromLot + fromOthers), -pendingTaken,
                shortfall, lot == null ? null : lot.id(), reference, reason, actor, key);
        if (fromLot > 0) {
            takeFromLot(c, movementId, lot.id(), fromLot);
            if (pending && lot.remaining() == fromLot) {
                Jdbc.update(c, "UPDATE " + db.t("lot") + " SET status = ? WHERE id = ?", REVERSED, lot.id());
            }
        }
        if (fromOthers > 0 && takeFifo(c, customerId, movementId, fromOthers, lot == null ? -1 : lot.id()) != 0) {
            throw new IllegalStateException("ledger out of balance for customer " + customerId);
        }
        return movementId;
    }

    // ------------------------------------------------------------------------------------------ jobs

    /** Pending lots whose return window has ended become available. Returns the number of lots confirmed. */
    public int confirmDue() {
        Instant now = now();
        List<Long> customers = db.read(c -> Jdbc.list(c, "SELECT DISTINCT customer_id FROM " + db.t("lot")
                + " WHERE status = ? AND available_at <= ? LIMIT 500", rs -> rs.getLong(1), PENDING, now));
        int n = 0;
        for (long customer : customers) {
            n += db.tx(c -> {
                lock(c, customer);
                return confirmDueIn(c, customer, now);
            });
        }
        return n;
    }

    int confirmDueIn(Connection c, long customerId, Instant now) throws SQLException {
        List<Lot> due = Jdbc.list(c, "SELECT * FROM " + db.t("lot") + " WHERE customer_id = ? AND status = ?"
                + " AND available_at <= ?", LedgerService::lot, customerId, PENDING, now);
        for (Lot lot : due) {
            if (lot.remaining() > 0) {
                movement(c, customerId, "confirm", lot.remaining(), -lot.remaining(), 0, lot.id(), lot.reference(),
                        null, "system", "confirm:" + lot.id());
            }
            Jdbc.update(c, "UPDATE " + db.t("lot") + " SET status = ? WHERE id = ? AND status = ?",
                    lot.remaining() > 0 ? AVAILABLE : REVERSED, lot.id(), PENDING);
        }
        return due.size();
    }

    /**
     * Expires lots past their date, and, when {@code inactivity} is not zero, all points of customers
     * without an earn or spend for that long. Returns the number of points expired.
     */
    public long expireDue(Duration inactivity) {
        Instant now = now();
        List<Long> customers = new ArrayList<>(db.read(c -> Jdbc.list(c, "SELECT DISTINCT customer_id FROM "
                + db.t("lot") + " WHERE status = ? AND expires_at <= ? LIMIT 500", rs -> rs.getLong(1), AVAILABLE,
                now)));
        long expired = 0;
        for (long customer : customers) {
            expired += db.tx(c -> {
                lock(c, customer);
                return expireDueIn(c, customer, now);
            });
        }
        if (!inactivity.isZero()) {
            Instant before = now.minus(inactivity);
            List<Long> idle = db.read(c -> Jdbc.list(c, "SELECT customer_id FROM " + db.t("movement")
                    + " GROUP BY customer_id HAVING SUM(points) > 0 AND COALESCE(MAX(CASE WHEN kind IN ('earn', 'spend')"
                    + " THEN created_at END), ?) < ? LIMIT 500", rs -> rs.getLong(1), before, before));
            for (long customer : idle) {
                expired += db.tx(c -> {
                    lock(c, customer);
                    Instant last = Jdbc.one(c, "SELECT MAX(created_at) AS created_at FROM " + db.t("movement")
                            + " WHERE customer_id = ? AND kind IN ('earn', 'spend')", rs -> Jdbc.instant(rs, "created_at"),
                            customer);
                    if (last != null && !last.isBefore(before)) {
                        return 0L; // active meanwhile
                    }
                    return expireLotsIn(c, customer, Jdbc.list(c, "SELECT * FROM " + db.t("lot")
                            + " WHERE customer_id = ? AND status = ? AND remaining > 0", LedgerService::lot, customer,
                            AVAILABLE), "inactivity");
                });
            }
        }
        return expired;
    }

    long expireDueIn(Connection c, long customerId, Instant now) throws SQLException {
        List<Lot> due = Jdbc.list(c, "SELECT * FROM " + db.t("lot") + " WHERE customer_id = ? AND status = ?"
                + " AND expires_at <= ?", LedgerService::lot, customerId, AVAILABLE, now);
        return expireLotsIn(c, customerId, due, "expiry date");
    }

    private long expireLotsIn(Connection c, long customerId, List<Lot> lots, String reason) throws SQLException {
        long total = 0;
        for (Lot lot : lots) {
            if (lot.remaining() > 0) {
                long id = movement(c, customerId, "expire", -lot.remaining(), 0, 0, lot.id(), lot.reference(), reason,
                        "system", "expire:" + lot.id() + ":" + java.util.UUID.randomUUID());
                takeFromLot(c, id, lot.id(), lot.remaining());
                total += lot.remaining();
            }
            Jdbc.update(c, "UPDATE " + db.t("lot") + " SET status = ? WHERE id = ?", EXPIRED, lot.id());
        }
        return total;
    }

    // ------------------------------------------------------------------------------------------ checks

    /**
     * The reconciliation an operator runs: returns every broken invariant (empty when the ledger is
     * sound). Balances equal the sum of movements and of lots, are never negative; each lot's remaining
     * equals the sum of its allocations and lies within [0, points]; each movement equals its allocations.
     */
    public List<String> reconcile() {
        return db.read(c -> {
            List<String> problems = new ArrayList<>();
            problems.addAll(Jdbc.list(c, "SELECT m.customer_id, m.a, m.p, COALESCE(l.a, 0), COALESCE(l.p, 0) FROM"
                    + " (SELECT customer_id, SUM(points) a, SUM(pending_points) p FROM " + db.t("movement")
                    + " GROUP BY customer_id) m LEFT JOIN (SELECT customer_id, SUM(CASE WHEN status = 'available'"
                    + " THEN remaining ELSE 0 END) a, SUM(CASE WHEN status = 'pending' THEN remaining ELSE 0 END) p FROM "
                    + db.t("lot") + " GROUP BY customer_id) l ON l.customer_id = m.customer_id"
                    + " WHERE m.a < 0 OR m.p < 0 OR m.a <> COALESCE(l.a, 0) OR m.p <> COALESCE(l.p, 0)",
                    rs -> "customer " + rs.getLong(1) + ": movements give " + rs.getLong(2) + " available / "
                            + rs.getLong(3) + " pending, lots give " + rs.getLong(4) + " / " + rs.getLong(5)));
            problems.addAll(Jdbc.list(c, "SELECT l.id, l.remaining, COALESCE(SUM(a.delta), 0) FROM " + db.t("lot")
                    + " l LEFT JOIN " + db.t("allocation") + " a ON a.lot_id = l.id GROUP BY l.id, l.remaining, l.points"
                    + " HAVING l.remaining <> COALESCE(SUM(a.delta), 0) OR l.remaining < 0 OR l.remaining > l.points",
                    rs -> "lot " + rs.getLong(1) + ": remaining " + rs.getLong(2) + ", allocations " + rs.getLong(3)));
            problems.addAll(Jdbc.list(c, "SELECT m.id, m.points + m.pending_points, COALESCE(SUM(a.delta), 0) FROM "
                    + db.t("movement") + " m LEFT JOIN " + db.t("allocation") + " a ON a.movement_id = m.id"
                    + " GROUP BY m.id, m.points, m.pending_points HAVING m.points + m.pending_points"
                    + " <> COALESCE(SUM(a.delta), 0)",
                    rs -> "movement " + rs.getLong(1) + ": " + rs.getLong(2) + " points, allocations " + rs.getLong(3)));
            problems.addAll(Jdbc.list(c, "SELECT id, remaining FROM " + db.t("lot")
                    + " WHERE status IN ('expired', 'reversed') AND remaining <> 0",
                    rs -> "lot " + rs.getLong(1) + " is closed but keeps " + rs.getLong(2) + " points"));
            return problems;
        });
    }

    // ------------------------------------------------------------------------------------------ helpers

    private long movement(Connection c, long customerId, String kind, long points, long pendingPoints, long shortfall,
            Long relatedId, String reference, String reason, String actor, String key) throws SQLException {
        return Jdbc.insert(c, "INSERT INTO " + db.t("movement") + " (customer_id, kind, points, pending_points,"
                + " shortfall, related_id, reference, reason, actor, idempotency_key, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", customerId, kind, points, pendingPoints, shortfall,
                relatedId, reference, reason, actor == null ? "system" : actor, key, now());
    }

    private void allocate(Connection c, long movementId, long lotId, long delta) throws SQLException {
        Jdbc.update(c, "INSERT INTO " + db.t("allocation") + " (movement_id, lot_id, delta) VALUES (?, ?, ?)",
                movementId, lotId, delta);
    }

    static void validPoints(long points) {
        if (points <= 0 || points > MAX_POINTS) {
            throw new LoyaltyException("invalid", "points must be between 1 and " + MAX_POINTS + ": " + points);
        }
    }

    static void required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new LoyaltyException("invalid", what + " is required");
        }
        if (value.length() > 160) {
            throw new LoyaltyException("invalid", what + " is too long");
        }
    }
}
