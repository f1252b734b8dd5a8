package io.brique.crm;

import io.brique.api.customer.CustomerDirectory;
import io.brique.api.event.Events;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The initial back-fill: every existing customer (as {@code contact.upsert}) then every order (as
 * {@code order.placed}, plus its current status when it moved on) goes through the outbox like live
 * updates, a page per run of the job, with its progress in {@code crm_backfill}. Message ids are
 * {@code backfill:<run>:...}: a page done twice (a crash between pages) adds nothing, and a new run
 * sends everything again (the CRM upserts).
 */
final class Backfill {

    /** Progress, for the status page. */
    record Progress(int run, String status, String phase, long doneCustomers, long totalCustomers, long doneOrders,
            long totalOrders, Instant startedAt, Instant finishedAt, String lastError) {
    }

    static final int PAGE = 200;

    private final Crm crm;

    Backfill(Crm crm) {
        this.crm = crm;
    }

    Progress progress() {
        return crm.db().read(this::progress);
    }

    private Progress progress(Connection c) throws SQLException {
        return Db.one(c, "SELECT run, status, phase, done_customers, total_customers, done_orders, total_orders,"
                + " started_at, finished_at, last_error FROM " + crm.db().t("backfill") + " WHERE id = 1",
                rs -> new Progress(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), Db.instant(rs, "started_at"), Db.instant(rs, "finished_at"),
                        rs.getString(10)));
    }

    /** Starts a run (refused while one is running); false when the shop offers no customer directory. */
    boolean start() {
        CustomerDirectory dir = directory();
        if (dir == null) {
            return false;
        }
        long customers = dir.customerCount();
        long orders = dir.orderCount();
        Instant now = crm.clock().instant();
        return crm.db().tx(c -> {
            Progress p = progress(c);
            if (p != null && "running".equals(p.status())) {
                return true;
            }
            if (p == null) {
                Db.update(c, "INSERT INTO " + crm.db().t("backfill") + " (id, run, status, phase, cursor_id,"
                        + " done_customers, done_orders, total_customers, total_orders, started_at) VALUES (1, 1,"
                        + " 'running', 'customers', 0, 0, 0, ?, ?, ?)", customers, orders, now);
            } else {
                Db.update(c, "UPDATE " + crm.db().t("backfill") + " SET run = run + 1, status = 'running', phase ="
                        + " 'customers', cursor_id = 0, done_customers = 0, done_orders = 0, total_customers = ?,"
                        + " total_orders = ?, started_at = ?, finished_at = NULL, last_error = NULL WHERE id = 1",
                        customers, orders, now);
            }
            return true;
        });
    }

    /** One page; returns the updates queued. Called by a once-per-cluster job. */
    int step() {
        Progress p = progress();
        if (p == null || !"running".equals(p.status())) {
            return 0;
        }
        CustomerDirectory dir = directory();
        if (dir == null) {
            return 0;
        }
        long cursor = crm.db().read(c -> Db.number(c, "SELECT cursor_id FROM " + crm.db().t("backfill")
                + " WHERE id = 1"));
        Instant now = crm.clock().instant();
        if ("customers".equals(p.phase())) {
            List<CustomerDirectory.Customer> page = dir.customersAfter(cursor, PAGE);
            return crm.db().tx(c -> {
                int n = 0;
                for (CustomerDirectory.Customer k : page) {
                    crm.mirror().saveCustomer(c, new ShopMirror.Customer(k.id(), k.email(), k.firstName(),
                            k.lastName(), k.locale(), k.consentMarketing()), now);
                    String id = "backfill:" + p.run() + ":c:" + k.id();
                    String key = Messages.customerKey(k.id(), null);
                    n += crm.outbox().enqueue(c, id, key, Messages.CONTACT_UPSERT, Long.toString(k.id()),
                            Messages.envelope(id, Messages.CONTACT_UPSERT, k.createdAt() == null ? now : k.createdAt(),
                                    key, Messages.contact(k.id(), k.email(), k.firstName(), k.lastName(), k.locale(),
                                            k.consentMarketing(), "backfill")), now, now) ? 1 : 0;
                }
                advance(c, page.isEmpty(), page.isEmpty() ? 0 : page.get(page.size() - 1).id(), page.size(), 0,
                        "orders", now);
                return n;
            });
        }
        List<CustomerDirectory.Order> page = dir.ordersAfter(cursor, PAGE);
        return crm.db().tx(c -> {
            int n = 0;
            for (CustomerDirectory.Order o : page) {
                Events.OrderPlaced placed = o.placed();
                String key = Messages.customerKey(placed.customerId(), placed.number());
                Instant at = o.placedAt() == null ? now : o.placedAt();
                String id = "backfill:" + p.run() + ":o:" + placed.orderId();
                n += crm.outbox().enqueue(c, id, key, Messages.ORDER_PLACED, placed.number(), Messages.envelope(id,
                        Messages.ORDER_PLACED, at, key, Messages.order(placed)), at, now) ? 1 : 0;
                if (!"placed".equals(o.status())) {
                    String sid = id + ":" + o.status();
                    n += crm.outbox().enqueue(c, sid, key, Messages.ORDER_STATUS, placed.number(), Messages.envelope(
                            sid, Messages.ORDER_STATUS, now, key, Messages.status(new Events.OrderStatusChanged(
                                    placed.orderId(), placed.number(), placed.customerId(), "placed", o.status(),
                                    placed.currency(), placed.totalMinor()))), now, now) ? 1 : 0;
                }
            }
            advance(c, page.isEmpty(), page.isEmpty() ? 0 : page.get(page.size() - 1).placed().orderId(), 0, page.size(),
                    null, now);
            return n;
        });
    }

    /** Moves the cursor; at the end of a phase, to the next phase (or done). */
    private void advance(Connection c, boolean phaseDone, long lastId, int customers, int orders, String nextPhase,
            Instant now) throws SQLException {
        String t = crm.db().t("backfill");
        if (!phaseDone) {
            Db.update(c, "UPDATE " + t + " SET cursor_id = ?, done_customers = done_customers + ?, done_orders ="
                    + " done_orders + ? WHERE id = 1", lastId, customers, orders);
        } else if (nextPhase != null) {
            Db.update(c, "UPDATE " + t + " SET phase = ?, cursor_id = 0 WHERE id = 1", nextPhase);
        } else {
            Db.update(c, "UPDATE " + t + " SET status = 'done', finished_at = ? WHERE id = 1", now);
        }
    }

    private CustomerDirectory directory() {
        try {
            return crm.context().customers();
        } catch (UnsupportedOperationException | LinkageError e) {
            return null; // an older shop: no back-fill, live updates only
        }
    }
}
