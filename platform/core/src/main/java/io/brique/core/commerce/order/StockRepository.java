package io.brique.core.commerce.order;

import static io.brique.core.db.jooq.Tables.STOCK_MOVEMENT;
import static io.brique.core.db.jooq.Tables.VARIANT;

import java.time.LocalDateTime;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Stock changes, each one a single conditional UPDATE (no read-modify-write race) plus an
 * append-only {@code stock_movement} row saying why.
 */
public final class StockRepository {

    /** Reserves {@code q} units if available ({@code on_hand - reserved >= q}); false when not enough. */
    public boolean reserve(DSLContext dsl, long variantId, int q) {
        return dsl.update(VARIANT).set(VARIANT.STOCK_RESERVED, VARIANT.STOCK_RESERVED.plus(q))
                .where(VARIANT.ID.eq(variantId))
                .and(VARIANT.STOCK_ON_HAND.minus(VARIANT.STOCK_RESERVED).ge(q)).execute() == 1;
    }

    /** Gives a reservation back (order cancelled). */
    public void release(DSLContext dsl, long variantId, int q) {
        dsl.update(VARIANT).set(VARIANT.STOCK_RESERVED, DSL.greatest(VARIANT.STOCK_RESERVED.minus(q), DSL.inline(0)))
                .where(VARIANT.ID.eq(variantId)).execute();
    }

    /** Turns a reservation into a shipment: the units leave the warehouse. */
    public void consume(DSLContext dsl, long variantId, int q) {
        dsl.update(VARIANT)
                .set(VARIANT.STOCK_ON_HAND, VARIANT.STOCK_ON_HAND.minus(q))
                .set(VARIANT.STOCK_RESERVED, DSL.greatest(VARIANT.STOCK_RESERVED.minus(q), DSL.inline(0)))
                .where(VARIANT.ID.eq(variantId)).execute();
    }

    public void restock(DSLContext dsl, long variantId, int q) {
        dsl.update(VARIANT).set(VARIANT.STOCK_ON_HAND, VARIANT.STOCK_ON_HAND.plus(q)).where(VARIANT.ID.eq(variantId))
                .execute();
    }

    /**
     * Sold in a physical store: on-hand goes down by {@code q} but never below zero (the store sold what
     * it had on the shelf; the online count may lag). Returns the delta actually applied.
     */
    public int sellOffline(DSLContext dsl, long variantId, int q) {
        Integer onHand = dsl.select(VARIANT.STOCK_ON_HAND).from(VARIANT).where(VARIANT.ID.eq(variantId)).forUpdate()
                .fetchOne(VARIANT.STOCK_ON_HAND);
        if (onHand == null) {
            return 0;
        }
        int delta = -Math.min(q, Math.max(0, onHand));
        if (delta != 0) {
            dsl.update(VARIANT).set(VARIANT.STOCK_ON_HAND, VARIANT.STOCK_ON_HAND.plus(delta))
                    .where(VARIANT.ID.eq(variantId)).execute();
        }
        return delta;
    }

    public void movement(DSLContext dsl, long variantId, int deltaOnHand, int deltaReserved, String reason,
            String reference, LocalDateTime now) {
        dsl.insertInto(STOCK_MOVEMENT).set(STOCK_MOVEMENT.VARIANT_ID, variantId)
                .set(STOCK_MOVEMENT.DELTA_ON_HAND, deltaOnHand).set(STOCK_MOVEMENT.DELTA_RESERVED, deltaReserved)
                .set(STOCK_MOVEMENT.REASON, reason).set(STOCK_MOVEMENT.REFERENCE, reference)
                .set(STOCK_MOVEMENT.CREATED_AT, now).execute();
    }
}
