package io.brique.core.commerce.cart;

import static io.brique.core.db.jooq.Tables.CART;
import static io.brique.core.db.jooq.Tables.CART_LINE;

import io.brique.core.db.jooq.tables.records.CartLineRecord;
import io.brique.core.db.jooq.tables.records.CartRecord;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** SQL for carts and their lines. */
public final class CartRepository {

    public static final String ACTIVE = "active";
    public static final String ORDERED = "ordered";
    public static final String MERGED = "merged";

    public CartRecord create(DSLContext dsl, String token, Long customerId, String currency, String country,
            String locale, LocalDateTime now) {
        CartRecord r = dsl.newRecord(CART);
        r.setToken(token);
        r.setCustomerId(customerId);
        r.setCurrency(currency);
        r.setCountryCode(country);
        r.setLocale(locale);
        r.setStatus(ACTIVE);
        r.setCreatedAt(now);
        r.setUpdatedAt(now);
        r.setVersion(0);
        // Plain INSERT then read back by the unique token: jOOQ's INSERT .. RETURNING is not supported
        // through Connector/J on MariaDB.
        dsl.insertInto(CART).set(r).execute();
        return byToken(dsl, token).orElseThrow();
    }

    public Optional<CartRecord> byToken(DSLContext dsl, String token) {
        return dsl.selectFrom(CART).where(CART.TOKEN.eq(token)).fetchOptional();
    }

    /** Locks the cart row for the rest of the transaction (serialises checkouts and merges of one cart). */
    public Optional<CartRecord> byTokenForUpdate(DSLContext dsl, String token) {
        return dsl.selectFrom(CART).where(CART.TOKEN.eq(token)).forUpdate().fetchOptional();
    }

    public Optional<CartRecord> activeOfCustomer(DSLContext dsl, long customerId) {
        return dsl.selectFrom(CART).where(CART.CUSTOMER_ID.eq(customerId)).and(CART.STATUS.eq(ACTIVE))
                .orderBy(CART.UPDATED_AT.desc(), CART.ID.desc()).limit(1).fetchOptional();
    }

    public List<CartLineRecord> lines(DSLContext dsl, long cartId) {
        return dsl.selectFrom(CART_LINE).where(CART_LINE.CART_ID.eq(cartId)).orderBy(CART_LINE.ID).fetch();
    }

    public Optional<CartLineRecord> line(DSLContext dsl, long cartId, long variantId) {
        return dsl.selectFrom(CART_LINE).where(CART_LINE.CART_ID.eq(cartId)).and(CART_LINE.VARIANT_ID.eq(variantId))
                .fetchOptional();
    }

    public void insertLine(DSLContext dsl, long cartId, long variantId, int quantity, LocalDateTime now) {
        dsl.insertInto(CART_LINE).set(CART_LINE.CART_ID, cartId).set(CART_LINE.VARIANT_ID, variantId)
                .set(CART_LINE.QUANTITY, quantity).set(CART_LINE.ADDED_AT, now).execute();
    }

    public void updateLine(DSLContext dsl, long cartId, long variantId, int quantity) {
        dsl.update(CART_LINE).set(CART_LINE.QUANTITY, quantity).where(CART_LINE.CART_ID.eq(cartId))
                .and(CART_LINE.VARIANT_ID.eq(variantId)).execute();
    }

    public int deleteLine(DSLContext dsl, long cartId, long variantId) {
        return dsl.deleteFrom(CART_LINE).where(CART_LINE.CART_ID.eq(cartId)).and(CART_LINE.VARIANT_ID.eq(variantId))
                .execute();
    }

    public void touch(DSLContext dsl, long cartId, LocalDateTime now) {
        dsl.update(CART).set(CART.UPDATED_AT, now).set(CART.VERSION, CART.VERSION.plus(1)).where(CART.ID.eq(cartId))
                .execute();
    }

    public void attachCustomer(DSLContext dsl, long cartId, long customerId, LocalDateTime now) {
        dsl.update(CART).set(CART.CUSTOMER_ID, customerId).set(CART.UPDATED_AT, now).where(CART.ID.eq(cartId)).execute();
    }

    /** Closes an active cart; false when it was no longer active (someone else closed it first). */
    public boolean close(DSLContext dsl, long cartId, String status, Long orderId, LocalDateTime now) {
        return dsl.update(CART).set(CART.STATUS, status).set(CART.ORDER_ID, orderId).set(CART.UPDATED_AT, now)
                .set(CART.VERSION, CART.VERSION.plus(1))
                .where(CART.ID.eq(cartId)).and(CART.STATUS.eq(ACTIVE)).execute() == 1;
    }

    public int itemCount(DSLContext dsl, long cartId) {
        Integer n = dsl.select(DSL.sum(CART_LINE.QUANTITY).cast(Integer.class)).from(CART_LINE)
                .where(CART_LINE.CART_ID.eq(cartId)).fetchOne(0, Integer.class);
        return n == null ? 0 : n;
    }
}
