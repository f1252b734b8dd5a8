package io.brique.core.commerce.order;

import static io.brique.core.db.jooq.Tables.ORDERS;
import static io.brique.core.db.jooq.Tables.ORDER_ADJUSTMENT;
import static io.brique.core.db.jooq.Tables.ORDER_LINE;
import static io.brique.core.db.jooq.Tables.ORDER_STATUS_CHANGE;
import static io.brique.core.db.jooq.Tables.PAYMENT;
import static io.brique.core.db.jooq.Tables.REFUND;
import static io.brique.core.db.jooq.Tables.STORE;

import io.brique.core.db.jooq.tables.records.OrderAdjustmentRecord;
import io.brique.core.db.jooq.tables.records.OrderLineRecord;
import io.brique.core.db.jooq.tables.records.OrderStatusChangeRecord;
import io.brique.core.db.jooq.tables.records.OrdersRecord;
import io.brique.core.db.jooq.tables.records.PaymentRecord;
import io.brique.core.db.jooq.tables.records.RefundRecord;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** SQL for orders and what hangs off them (lines, adjustments, history, payments, refunds). */
public final class OrderRepository {

    /**
     * Inserts an order under a unique placeholder number and returns its id; the caller then sets the
     * real number, derived from the id. (A plain INSERT read back by a unique key: jOOQ's
     * INSERT .. RETURNING does not work through Connector/J on MariaDB.)
     */
    public long insert(DSLContext dsl, OrdersRecord order) {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        String placeholder = "~" + java.util.HexFormat.of().formatHex(b).substring(0, 19);
        order.setNumber(placeholder);
        dsl.insertInto(ORDERS).set(order).execute();
        long id = dsl.select(ORDERS.ID).from(ORDERS).where(ORDERS.NUMBER.eq(placeholder)).fetchOne(ORDERS.ID);
        order.setId(id);
        return id;
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    public void setNumber(DSLContext dsl, long id, String number) {
        dsl.update(ORDERS).set(ORDERS.NUMBER, number).where(ORDERS.ID.eq(id)).execute();
    }

    public void insertLine(DSLContext dsl, OrderLineRecord line) {
        dsl.executeInsert(line);
    }

    public void insertAdjustment(DSLContext dsl, OrderAdjustmentRecord a) {
        dsl.executeInsert(a);
    }

    public void insertStatusChange(DSLContext dsl, long orderId, String from, String to, String note, String actor,
            LocalDateTime now) {
        dsl.insertInto(ORDER_STATUS_CHANGE).set(ORDER_STATUS_CHANGE.ORDER_ID, orderId)
                .set(ORDER_STATUS_CHANGE.FROM_STATUS, from).set(ORDER_STATUS_CHANGE.TO_STATUS, to)
                .set(ORDER_STATUS_CHANGE.NOTE, note).set(ORDER_STATUS_CHANGE.ACTOR, actor)
                .set(ORDER_STATUS_CHANGE.CREATED_AT, now).execute();
    }

    public void insertPayment(DSLContext dsl, long orderId, String provider, String method, String status,
            long amount, String currency, String reference, LocalDateTime now) {
        dsl.insertInto(PAYMENT).set(PAYMENT.ORDER_ID, orderId).set(PAYMENT.PROVIDER, provider)
                .set(PAYMENT.METHOD, method).set(PAYMENT.STATUS, status).set(PAYMENT.AMOUNT_MINOR, amount)
                .set(PAYMENT.CURRENCY, currency).set(PAYMENT.REFERENCE, reference).set(PAYMENT.CREATED_AT, now)
                .set(PAYMENT.UPDATED_AT, now).execute();
    }

    public void updatePaymentsStatus(DSLContext dsl, long orderId, String from, String to, LocalDateTime now) {
        dsl.update(PAYMENT).set(PAYMENT.STATUS, to).set(PAYMENT.UPDATED_AT, now).where(PAYMENT.ORDER_ID.eq(orderId))
                .and(PAYMENT.STATUS.eq(from)).execute();
    }

    public Optional<OrdersRecord> byId(DSLContext dsl, long id) {
        return dsl.selectFrom(ORDERS).where(ORDERS.ID.eq(id)).fetchOptional();
    }

    public Optional<OrdersRecord> byNumber(DSLContext dsl, String number) {
        return dsl.selectFrom(ORDERS).where(ORDERS.NUMBER.eq(number)).fetchOptional();
    }

    /** Locks the order row for the rest of the transaction (one change of an order at a time). */
    public Optional<OrdersRecord> byNumberForUpdate(DSLContext dsl, String number) {
        return dsl.selectFrom(ORDERS).where(ORDERS.NUMBER.eq(number)).forUpdate().fetchOptional();
    }

    public Optional<OrdersRecord> byIdempotencyKey(DSLContext dsl, String key) {
        return dsl.selectFrom(ORDERS).where(ORDERS.IDEMPOTENCY_KEY.eq(key)).fetchOptional();
    }

    public Optional<OrdersRecord> byCartId(DSLContext dsl, long cartId) {
        return dsl.selectFrom(ORDERS).where(ORDERS.CART_ID.eq(cartId)).fetchOptional();
    }

    public Optional<OrdersRecord> byAccessToken(DSLContext dsl, String token) {
        return dsl.selectFrom(ORDERS).where(ORDERS.ACCESS_TOKEN.eq(token)).fetchOptional();
    }

    public boolean existsExternal(DSLContext dsl, long storeId, String externalRef) {
        return dsl.fetchExists(ORDERS, ORDERS.STORE_ID.eq(storeId).and(ORDERS.EXTERNAL_REF.eq(externalRef)));
    }

    public List<OrderLineRecord> lines(DSLContext dsl, long orderId) {
        return dsl.selectFrom(ORDER_LINE).where(ORDER_LINE.ORDER_ID.eq(orderId)).orderBy(ORDER_LINE.ID).fetch();
    }

    public List<OrderAdjustmentRecord> adjustments(DSLContext dsl, long orderId) {
        return dsl.selectFrom(ORDER_ADJUSTMENT).where(ORDER_ADJUSTMENT.ORDER_ID.eq(orderId))
                .orderBy(ORDER_ADJUSTMENT.ID).fetch();
    }

    public List<OrderStatusChangeRecord> history(DSLContext dsl, long orderId) {
        return dsl.selectFrom(ORDER_STATUS_CHANGE).where(ORDER_STATUS_CHANGE.ORDER_ID.eq(orderId))
                .orderBy(ORDER_STATUS_CHANGE.ID).fetch();
    }

    public List<PaymentRecord> payments(DSLContext dsl, long orderId) {
        return dsl.selectFrom(PAYMENT).where(PAYMENT.ORDER_ID.eq(orderId)).orderBy(PAYMENT.ID).fetch();
    }

    public List<RefundRecord> refunds(DSLContext dsl, long orderId) {
        return dsl.selectFrom(REFUND).where(REFUND.ORDER_ID.eq(orderId)).orderBy(REFUND.ID).fetch();
    }

    public Optional<String> storeName(DSLContext dsl, Long storeId) {
        if (storeId == null) {
            return Optional.empty();
        }
        return dsl.select(STORE.NAME).from(STORE).where(STORE.ID.eq(storeId)).fetchOptional(STORE.NAME);
    }

    /** Moves an order from one status to another; false when it was no longer in {@code from} (lost a race). */
    public boolean transition(DSLContext dsl, long id, String from, String to, LocalDateTime now) {
        return dsl.update(ORDERS).set(ORDERS.STATUS, to).set(ORDERS.UPDATED_AT, now)
                .set(ORDERS.VERSION, ORDERS.VERSION.plus(1))
                .where(ORDERS.ID.eq(id)).and(ORDERS.STATUS.eq(from)).execute() == 1;
    }

    /** Adds a refund amount if it still fits under the total, in the given statuses; false otherwise. */
    public boolean addRefunded(DSLContext dsl, long id, long amount, List<String> statuses, LocalDateTime now) {
        return dsl.update(ORDERS).set(ORDERS.REFUNDED_MINOR, ORDERS.REFUNDED_MINOR.plus(amount))
                .set(ORDERS.UPDATED_AT, now).set(ORDERS.VERSION, ORDERS.VERSION.plus(1))
                .where(ORDERS.ID.eq(id)).and(ORDERS.STATUS.in(statuses))
                .and(ORDERS.REFUNDED_MINOR.plus(amount).le(ORDERS.TOTAL_MINOR)).execute() == 1;
    }

    public void insertRefund(DSLContext dsl, long orderId, long amount, String reason, boolean restock,
            LocalDateTime now) {
        dsl.insertInto(REFUND).set(REFUND.ORDER_ID, orderId).set(REFUND.AMOUNT_MINOR, amount)
                .set(REFUND.REASON, reason).set(REFUND.RESTOCK, restock).set(REFUND.CREATED_AT, now).execute();
    }

    public List<OrdersRecord> page(DSLContext dsl, String status, Long customerId, int offset, int limit) {
        return dsl.selectFrom(ORDERS).where(filter(status, customerId)).orderBy(ORDERS.PLACED_AT.desc(),
                ORDERS.ID.desc()).limit(limit).offset(offset).fetch();
    }

    public int count(DSLContext dsl, String status, Long customerId) {
        return dsl.fetchCount(ORDERS, filter(status, customerId));
    }

    private static Condition filter(String status, Long customerId) {
        Condition c = DSL.noCondition();
        if (status != null) {
            c = c.and(ORDERS.STATUS.eq(status));
        }
        if (customerId != null) {
            c = c.and(ORDERS.CUSTOMER_ID.eq(customerId));
        }
        return c;
    }
}
