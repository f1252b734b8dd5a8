package io.brique.crm;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What the plugin remembers of the shop from its events, in its own tables: customers (e-mail, name,
 * marketing consent: a cart is only followed up with a known e-mail and consent) and open carts
 * (lines and value, for abandoned-cart messages and recovery tracking).
 */
final class ShopMirror {

    record Customer(long customerId, String email, String firstName, String lastName, String locale,
            boolean consentMarketing) {
    }

    record Cart(String cartToken, Long customerId, String currency, long valueMinor, int itemCount, String status,
            Instant lastChangeAt, Instant abandonedAt, String orderNumber) {
    }

    record CartLine(long variantId, String sku, int quantity, long unitPriceMinor) {
    }

    static final String OPEN = "open";
    static final String ABANDONED = "abandoned";
    static final String RECOVERED = "recovered";
    static final String CONVERTED = "converted";
    static final String NOT_FOLLOWED = "not_followed";

    private final Db db;

    ShopMirror(Db db) {
        this.db = db;
    }

    void saveCustomer(Connection c, Customer k, Instant now) throws SQLException {
        int n = Db.update(c, "UPDATE " + db.t("customer") + " SET email = ?, first_name = ?, last_name = ?, locale = ?,"
                + " consent_marketing = ?, updated_at = ? WHERE customer_id = ?", k.email(), k.firstName(),
                k.lastName(), k.locale(), k.consentMarketing(), now, k.customerId());
        if (n == 0) {
            try {
                Db.update(c, "INSERT INTO " + db.t("customer") + " (customer_id, email, first_name, last_name, locale,"
                        + " consent_marketing, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", k.customerId(), k.email(),
                        k.firstName(), k.lastName(), k.locale(), k.consentMarketing(), now);
            } catch (SQLException e) {
                if (!Db.duplicate(e)) {
                    throw e;
                }
            }
        }
    }

    Customer customer(Connection c, long customerId) throws SQLException {
        return Db.one(c, "SELECT customer_id, email, first_name, last_name, locale, consent_marketing FROM "
                + db.t("customer") + " WHERE customer_id = ?", rs -> new Customer(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6)), customerId);
    }

    Customer customer(long customerId) {
        return db.read(c -> customer(c, customerId));
    }

    /** A cart line changed: the line is set to its new quantity, the cart re-opened and re-valued. */
    void cartChanged(Connection c, String token, Long customerId, long variantId, String sku, int quantity,
            long unitPriceMinor, String currency, Instant at) throws SQLException {
        Cart cart = cart(c, token);
        if (cart == null) {
            try {
                Db.update(c, "INSERT INTO " + db.t("cart") + " (cart_token, customer_id, currency, value_minor,"
                        + " item_count, status, last_change_at) VALUES (?, ?, ?, 0, 0, ?, ?)", token, customerId,
                        currency, OPEN, at);
            } catch (SQLException e) {
                if (!Db.duplicate(e)) {
                    throw e;
                }
            }
        } else if (CONVERTED.equals(cart.status()) || RECOVERED.equals(cart.status())) {
            return; // an ordered cart does not come back
        }
        Db.update(c, "DELETE FROM " + db.t("cart_line") + " WHERE cart_token = ? AND variant_id = ?", token, variantId);
        if (quantity > 0) {
            Db.update(c, "INSERT INTO " + db.t("cart_line") + " (cart_token, variant_id, sku, quantity,"
                    + " unit_price_minor) VALUES (?, ?, ?, ?, ?)", token, variantId, sku, quantity, unitPriceMinor);
        }
        Db.update(c, "UPDATE " + db.t("cart") + " SET customer_id = COALESCE(?, customer_id), currency = ?,"
                + " value_minor = (SELECT COALESCE(SUM(quantity * unit_price_minor), 0) FROM " + db.t("cart_line")
                + " WHERE cart_token = ?), item_count = (SELECT COALESCE(SUM(quantity), 0) FROM " + db.t("cart_line")
                + " WHERE cart_token = ?), status = CASE WHEN status = ? THEN status ELSE ? END,"
                + " last_change_at = ? WHERE cart_token = ?", customerId, currency, token, token, ABANDONED, OPEN, at,
                token);
    }

    Cart cart(Connection c, String token) throws SQLException {
        return Db.one(c, "SELECT cart_token, customer_id, currency, value_minor, item_count, status, last_change_at,"
                + " abandoned_at, order_number FROM " + db.t("cart") + " WHERE cart_token = ?", ShopMirror::cart,
                token);
    }

    private static Cart cart(java.sql.ResultSet rs) throws SQLException {
        long cid = rs.getLong("customer_id");
        return new Cart(rs.getString("cart_token"), rs.wasNull() ? null : cid, rs.getString("currency"),
                rs.getLong("value_minor"), rs.getInt("item_count"), rs.getString("status"),
                Db.instant(rs, "last_change_at"), Db.instant(rs, "abandoned_at"), rs.getString("order_number"));
    }

    List<CartLine> lines(Connection c, String token) throws SQLException {
        return Db.list(c, "SELECT variant_id, sku, quantity, unit_price_minor FROM " + db.t("cart_line")
                + " WHERE cart_token = ? ORDER BY variant_id", rs -> new CartLine(rs.getLong(1), rs.getString(2),
                        rs.getInt(3), rs.getLong(4)), token);
    }

    /** Open carts without a change since {@code before}, oldest first. */
    List<Cart> idleOpenCarts(Instant before, int limit) {
        return db.read(c -> Db.list(c, "SELECT cart_token, customer_id, currency, value_minor, item_count, status,"
                + " last_change_at, abandoned_at, order_number FROM " + db.t("cart") + " WHERE status = ?"
                + " AND last_change_at < ? ORDER BY last_change_at LIMIT " + limit, ShopMirror::cart, OPEN, before));
    }

    /** Moves a cart from {@code from} to {@code to}; false when another node did it first. */
    boolean markCart(Connection c, String token, String from, String to, Instant abandonedAt, String orderNumber)
            throws SQLException {
        return Db.update(c, "UPDATE " + db.t("cart") + " SET status = ?, abandoned_at = COALESCE(?, abandoned_at),"
                + " order_number = COALESCE(?, order_number) WHERE cart_token = ? AND status = ?", to, abandonedAt,
                orderNumber, token, from) == 1;
    }

    long countCarts(String status) {
        return db.read(c -> Db.number(c, "SELECT COUNT(*) FROM " + db.t("cart") + " WHERE status = ?", status));
    }

    int eraseCustomer(Connection c, long customerId) throws SQLException {
        Db.update(c, "DELETE FROM " + db.t("cart_line") + " WHERE cart_token IN (SELECT cart_token FROM "
                + db.t("cart") + " WHERE customer_id = ?)", customerId);
        int n = Db.update(c, "DELETE FROM " + db.t("cart") + " WHERE customer_id = ?", customerId);
        return n + Db.update(c, "DELETE FROM " + db.t("customer") + " WHERE customer_id = ?", customerId);
    }
}
