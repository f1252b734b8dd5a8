package io.brique.core.commerce.order;

import io.brique.api.event.Events;
import io.brique.core.db.Database;
import io.brique.core.db.jooq.tables.records.OrderLineRecord;
import io.brique.core.db.jooq.tables.records.OrdersRecord;
import io.brique.core.error.ConflictException;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import io.brique.core.event.EventPublisher;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The order life cycle: placed -> paid -> shipped -> delivered; placed or paid -> cancelled (a paid
 * order is refunded in full on cancellation); refunds (partial or full) from paid, shipped or delivered. Each change is one transaction that writes the
 * status history, the stock effects and their movements, and the domain event. Transitions are
 * conditional UPDATEs on the current status, so of two concurrent transitions only one can win; the
 * loser gets a 409 naming the state it found.
 */
public final class OrderService {

    public static final String PLACED = "placed";
    public static final String PAID = "paid";
    public static final String SHIPPED = "shipped";
    public static final String DELIVERED = "delivered";
    public static final String CANCELLED = "cancelled";
    public static final String REFUNDED = "refunded";
    public static final Set<String> STATUSES = Set.of(PLACED, PAID, SHIPPED, DELIVERED, CANCELLED, REFUNDED);

    private static final Map<String, Set<String>> NEXT = Map.of(
            PLACED, Set.of(PAID, CANCELLED),
            PAID, Set.of(SHIPPED, CANCELLED),
            SHIPPED, Set.of(DELIVERED),
            DELIVERED, Set.of(),
            CANCELLED, Set.of(),
            REFUNDED, Set.of());
    private static final List<String> REFUNDABLE = List.of(PAID, SHIPPED, DELIVERED);

    /** A page of orders. */
    public record Page(List<OrdersRecord> items, int page, int size, int total) {
    }

    private final Database db;
    private final OrderRepository orders;
    private final StockRepository stock;
    private final EventPublisher events;
    private final Clock clock;

    public OrderService(Database db, OrderRepository orders, StockRepository stock, EventPublisher events,
            Clock clock) {
        this.db = db;
        this.orders = orders;
        this.stock = stock;
        this.events = events;
        this.clock = clock;
    }

    /** The statuses an order in {@code status} may move to (what the back office offers). */
    public static List<String> nextStatuses(String status) {
        return NEXT.getOrDefault(status, Set.of()).stream().sorted(Comparator.comparingInt(List.of(PAID, SHIPPED,
                DELIVERED, CANCELLED)::indexOf)).toList();
    }

    /** Whether an order in {@code status} can be refunded. */
    public static boolean refundable(String status) {
        return REFUNDABLE.contains(status);
    }

    public OrderDetails byNumber(String number) {
        DSLContext dsl = db.dsl();
        return details(dsl, find(dsl, number));
    }

    /** The order behind a confirmation-page token; 404 for anything else (no hint whether it exists). */
    public OrderDetails byAccessToken(String token) {
        if (token == null || token.length() != 43) {
            throw new NotFoundException("no such order");
        }
        DSLContext dsl = db.dsl();
        return details(dsl, orders.byAccessToken(dsl, token).orElseThrow(() -> new NotFoundException("no such order")));
    }

    /** An order of one customer; someone else's order is a 404, as if it did not exist. */
    public OrderDetails ofCustomer(long customerId, String number) {
        DSLContext dsl = db.dsl();
        OrdersRecord o = find(dsl, number);
        if (o.getCustomerId() == null || o.getCustomerId() != customerId) {
            throw new NotFoundException("no such order");
        }
        return details(dsl, o);
    }

    public Page list(String status, Long customerId, int page, int size) {
        if (status != null && !STATUSES.contains(status)) {
            throw new ValidationException("status", "error.range");
        }
        DSLContext dsl = db.dsl();
        return new Page(orders.page(dsl, status, customerId, (page - 1) * size, size), page, size,
                orders.count(dsl, status, customerId));
    }

    public OrderDetails details(DSLContext dsl, OrdersRecord o) {
        return new OrderDetails(o, orders.lines(dsl, o.getId()), orders.adjustments(dsl, o.getId()),
                orders.history(dsl, o.getId()), orders.payments(dsl, o.getId()), orders.refunds(dsl, o.getId()),
                orders.storeName(dsl, o.getStoreId()).orElse(null));
    }

    public OrderDetails transition(String number, String to, String note, String actor) {
        if (to == null || !STATUSES.contains(to)) {
            throw new ValidationException("to", "commerce.error.status");
        }
        if (note != null && note.length() > 500) {
            throw new ValidationException("note", "error.too_long");
        }
        return db.tx(tx -> {
            DSLContext dsl = tx.dsl();
            OrdersRecord o = findForUpdate(dsl, number);
            String from = o.getStatus();
            if (!NEXT.getOrDefault(from, Set.of()).contains(to)) {
                throw illegal(o, to);
            }
            LocalDateTime now = now();
            if (PAID.equals(from) && CANCELLED.equals(to)) {
                refundOutstandingOnCancel(tx, o, actor, now);
            }
            if (!orders.transition(dsl, o.getId(), from, to, now)) {
                throw illegal(find(dsl, number), to);
            }
            applyStock(dsl, o, from, to, now);
            if (PAID.equals(to)) {
                orders.updatePaymentsStatus(dsl, o.getId(), "pending", "captured", now);
            } else if (CANCELLED.equals(to) && PLACED.equals(from)) {
                orders.updatePaymentsStatus(dsl, o.getId(), "pending", "voided", now);
            }
            orders.insertStatusChange(dsl, o.getId(), from, to, note, actor, now);
            events.publish(tx, new Events.OrderStatusChanged(o.getId(), o.getNumber(), o.getCustomerId(), from, to,
                    o.getCurrency(), o.getTotalMinor()));
            return details(dsl, find(dsl, number));
        });
    }

    /**
     * Cancelling a paid order gives the money back: what is not refunded yet is refunded in the same
     * transaction (refund row, payment marked refunded, {@code order.refund_issued} event), so the
     * books never hold a cancelled order with captured money.
     */
    private void refundOutstandingOnCancel(io.brique.core.db.Tx tx, OrdersRecord o, String actor, LocalDateTime now) {
        DSLContext dsl = tx.dsl();
        long left = o.getTotalMinor() - o.getRefundedMinor();
        if (left <= 0) {
            return;
        }
        if (!orders.addRefunded(dsl, o.getId(), left, REFUNDABLE, now)) {
            throw new ConflictException("refund_conflict", "order " + o.getNumber() + " changed meanwhile; try again");
        }
        orders.insertRefund(dsl, o.getId(), left, "order cancelled", false, now);
        orders.updatePaymentsStatus(dsl, o.getId(), "captured", "refunded", now);
        events.publish(tx, new Events.OrderRefunded(o.getId(), o.getNumber(), o.getCustomerId(), o.getCurrency(),
                left, o.getTotalMinor(), true, "order cancelled"));
    }

    /**
     * Refunds {@code amount} (0 < amount <= total - already refunded). The refund that reaches the total
     * moves the order to {@code refunded}: a paid order's reservations are released, and with
     * {@code restock} a shipped or delivered order's units go back on hand.
     */
    public OrderDetails refund(String number, long amount, String reason, boolean restock, String actor) {
        return refund(number, amount, reason, restock, Map.of(), actor);
    }

    /**
     * A refund that also puts returned units back on hand, line by line ({@code returnedUnits}: order
     * line id to units, for a shipped or delivered order): what came back is known, so it works for a
     * partial refund too. A line never goes back on hand more than its quantity over all refunds (the
     * units already returned are read from the order's {@code refund_restock} stock movements); with
     * {@code restock} on the refund that completes the order, the units not yet returned go back.
     */
    public OrderDetails refund(String number, long amount, String reason, boolean restock,
            Map<Long, Integer> returnedUnits, String actor) {
        if (reason != null && reason.length() > 500) {
            throw new ValidationException("reason", "error.too_long");
        }
        if (amount <= 0) {
            throw new ValidationException("amount", "commerce.error.amount");
        }
        return db.tx(tx -> {
            DSLContext dsl = tx.dsl();
            OrdersRecord o = findForUpdate(dsl, number);
            if (!REFUNDABLE.contains(o.getStatus())) {
                throw new ConflictException("illegal_state", "order " + number + " is " + o.getStatus()
                        + " and cannot be refunded");
            }
            long left = o.getTotalMinor() - o.getRefundedMinor();
            if (amount > left) {
                throw new ValidationException("amount", "commerce.error.refund_too_much");
            }
            boolean shipped = SHIPPED.equals(o.getStatus()) || DELIVERED.equals(o.getStatus());
            if (restock && amount < left) {
                // a bare "restock" does not say which units came back: the lines must
                throw new ValidationException("restock", "commerce.error.restock_partial");
            }
            List<OrderLineRecord> lines = sortedLines(dsl, o.getId());
            Map<Long, Integer> returned = restockedUnits(dsl, number);
            Map<String, String> errors = new java.util.LinkedHashMap<>();
            returnedUnits.forEach((lineId, units) -> {
                OrderLineRecord l = lines.stream().filter(x -> x.getId().equals(lineId)).findFirst().orElse(null);
                if (l == null || units == null || units < 0) {
                    errors.put("restock_" + lineId, "error.range");
                } else if (units > 0 && !shipped) {
                    errors.put("restock_" + lineId, "commerce.error.restock_not_shipped");
                } else if (units > l.getQuantity() - returned.getOrDefault(l.getVariantId(), 0)) {
                    errors.put("restock_" + lineId, "commerce.error.restock_too_many");
                }
            });
            if (!errors.isEmpty()) {
                throw new ValidationException("invalid returned units", errors);
            }
            boolean anyReturned = returnedUnits.values().stream().anyMatch(u -> u != null && u > 0);
            LocalDateTime now = now();
            if (!orders.addRefunded(dsl, o.getId(), amount, REFUNDABLE, now)) {
                throw new ConflictException("refund_conflict", "order " + number + " changed meanwhile; try again");
            }
            orders.insertRefund(dsl, o.getId(), amount, reason, restock || anyReturned, now);
            for (OrderLineRecord l : lines) {
                int units = returnedUnits.getOrDefault(l.getId(), 0);
                if (units > 0) {
                    stock.restock(dsl, l.getVariantId(), units);
                    stock.movement(dsl, l.getVariantId(), units, 0, "refund_restock", number, now);
                    returned.merge(l.getVariantId(), units, Integer::sum);
                }
            }
            long refunded = o.getRefundedMinor() + amount;
            boolean full = refunded == o.getTotalMinor();
            if (full) {
                if (!orders.transition(dsl, o.getId(), o.getStatus(), REFUNDED, now)) {
                    throw new ConflictException("refund_conflict", "order " + number + " changed meanwhile");
                }
                for (OrderLineRecord l : lines) {
                    if (PAID.equals(o.getStatus())) {
                        stock.release(dsl, l.getVariantId(), l.getQuantity());
                        stock.movement(dsl, l.getVariantId(), 0, -l.getQuantity(), "order_refunded", number, now);
                    } else if (restock) {
                        int rest = l.getQuantity() - returned.getOrDefault(l.getVariantId(), 0);
                        if (rest > 0) {
                            stock.restock(dsl, l.getVariantId(), rest);
                            stock.movement(dsl, l.getVariantId(), rest, 0, "refund_restock", number, now);
                        }
                    }
                }
                orders.updatePaymentsStatus(dsl, o.getId(), "captured", "refunded", now);
                orders.insertStatusChange(dsl, o.getId(), o.getStatus(), REFUNDED, reason, actor, now);
                events.publish(tx, new Events.OrderStatusChanged(o.getId(), number, o.getCustomerId(), o.getStatus(),
                        REFUNDED, o.getCurrency(), o.getTotalMinor()));
            }
            events.publish(tx, new Events.OrderRefunded(o.getId(), number, o.getCustomerId(), o.getCurrency(), amount,
                    refunded, full, reason));
            return details(dsl, find(dsl, number));
        });
    }

    /** Units already put back on hand by refunds of this order, per variant (from the stock ledger). */
    public Map<Long, Integer> restockedUnits(String number) {
        return restockedUnits(db.dsl(), number);
    }

    private static Map<Long, Integer> restockedUnits(DSLContext dsl, String number) {
        var sm = io.brique.core.db.jooq.Tables.STOCK_MOVEMENT;
        Map<Long, Integer> out = new java.util.HashMap<>();
        dsl.select(sm.VARIANT_ID, org.jooq.impl.DSL.sum(sm.DELTA_ON_HAND)).from(sm).where(sm.REFERENCE.eq(number))
                .and(sm.REASON.eq("refund_restock")).groupBy(sm.VARIANT_ID).fetch()
                .forEach(r -> out.put(r.value1(), r.value2() == null ? 0 : r.value2().intValue()));
        return out;
    }

    private void applyStock(DSLContext dsl, OrdersRecord o, String from, String to, LocalDateTime now) {
        if (CANCELLED.equals(to)) {
            for (OrderLineRecord l : sortedLines(dsl, o.getId())) {
                stock.release(dsl, l.getVariantId(), l.getQuantity());
                stock.movement(dsl, l.getVariantId(), 0, -l.getQuantity(), "order_cancelled", o.getNumber(), now);
            }
        } else if (SHIPPED.equals(to)) {
            for (OrderLineRecord l : sortedLines(dsl, o.getId())) {
                stock.consume(dsl, l.getVariantId(), l.getQuantity());
                stock.movement(dsl, l.getVariantId(), -l.getQuantity(), -l.getQuantity(), "order_shipped",
                        o.getNumber(), now);
            }
        }
    }

    /** Lines with a variant, in variant id order (the lock order used everywhere, against deadlocks). */
    private List<OrderLineRecord> sortedLines(DSLContext dsl, long orderId) {
        return orders.lines(dsl, orderId).stream().filter(l -> l.getVariantId() != null)
                .sorted(Comparator.comparing(OrderLineRecord::getVariantId)).toList();
    }

    private static ConflictException illegal(OrdersRecord o, String to) {
        return new ConflictException("illegal_transition", "order " + o.getNumber() + " is " + o.getStatus()
                + "; it cannot become " + to);
    }

    private OrdersRecord find(DSLContext dsl, String number) {
        if (number == null || number.length() > 20) {
            throw new NotFoundException("no such order");
        }
        return orders.byNumber(dsl, number).orElseThrow(() -> new NotFoundException("no such order: " + number));
    }

    /**
     * The order, row-locked: concurrent changes of one order run one after the other, so amounts read
     * here (already refunded) are current. The conditional UPDATEs stay as a second guard.
     */
    private OrdersRecord findForUpdate(DSLContext dsl, String number) {
        if (number == null || number.length() > 20) {
            throw new NotFoundException("no such order");
        }
        return orders.byNumberForUpdate(dsl, number).orElseThrow(() -> new NotFoundException("no such order: " + number));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

}
