package io.brique.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Reads the plugin's tables for reports. Login stitching happens here: every visitor key seen with a
 * customer id (consented mode only) is read as that customer ({@code c:<id>}), so the visits before
 * and after the login are one visitor.
 */
final class ReportData {

    private final DataSource dataSource;
    private final String p;

    ReportData(DataSource dataSource, String prefix) {
        this.dataSource = dataSource;
        this.p = prefix;
    }

    DataSource dataSource() {
        return dataSource;
    }

    String prefix() {
        return p;
    }

    List<Sessions.Ev> events(Instant from, Instant to) throws SQLException {
        return events(from, to, List.of(), List.of());
    }

    List<Sessions.Ev> events(Instant from, Instant to, List<String> visitorKeys) throws SQLException {
        return events(from, to, visitorKeys, List.of());
    }

    /**
     * Events in [from, to), of the given visitor keys only when that list is not empty, and of the given
     * names only (plus every event with a customer, for login stitching) when that list is not empty.
     */
    List<Sessions.Ev> events(Instant from, Instant to, List<String> visitorKeys, List<String> names) throws SQLException {
        List<Sessions.Ev> raw = new ArrayList<>();
        Map<String, Long> stitched = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT visitor_key, occurred_at, name, channel, source, medium,"
                        + " campaign, page, value_minor, currency, transaction_id, search_term, result_count, customer_id,"
                        + " target"
                        + " FROM " + p + "event WHERE occurred_at >= ? AND occurred_at < ?" + (visitorKeys.isEmpty() ? ""
                        : " AND visitor_key IN (" + marks(visitorKeys.size()) + ")") + (names.isEmpty() ? ""
                        : " AND (name IN (" + marks(names.size()) + ") OR customer_id IS NOT NULL)"))) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            int k = 3;
            for (String v : visitorKeys) {
                s.setString(k++, v);
            }
            for (String n : names) {
                s.setString(k++, n);
            }
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Long customer = (Long) rs.getObject(14, Long.class);
                    Sessions.Ev e = new Sessions.Ev(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getObject(9, Long.class), rs.getString(10), rs.getString(11), rs.getString(12),
                            rs.getObject(13, Integer.class), customer, cartOf(rs.getString(15)));
                    if (customer != null && !e.visitor().startsWith("a:") && !e.visitor().equals("-")) {
                        stitched.put(e.visitor(), customer);
                    }
                    raw.add(e);
                }
            }
        }
        // the cart links an anonymous shopper's server events (add to cart, purchase: visitor "-") to
        // the web visitor whose tracker reported that cart (cart and checkout pages)
        Map<String, String> cartVisitor = new HashMap<>();
        for (Sessions.Ev e : raw) {
            if (e.cart() != null && !e.visitor().equals("-")) {
                cartVisitor.putIfAbsent(e.cart(), e.visitor());
            }
        }
        if (!cartVisitor.isEmpty()) {
            List<Sessions.Ev> linked = new ArrayList<>(raw.size());
            for (Sessions.Ev e : raw) {
                String v = e.visitor().equals("-") && e.cart() != null ? cartVisitor.get(e.cart()) : null;
                linked.add(v == null ? e : e.withVisitor(v, e.customerId()));
            }
            raw = linked;
        }
        if (stitched.isEmpty()) {
            return raw;
        }
        List<Sessions.Ev> out = new ArrayList<>(raw.size());
        for (Sessions.Ev e : raw) {
            Long customer = stitched.get(e.visitor());
            out.add(customer == null ? e : e.withVisitor("c:" + customer, customer));
        }
        return out;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static String cartOf(String target) {
        return target != null && target.startsWith("cart:") ? target : null;
    }

    /** Orders placed in [from, to), with their lines (cancelled ones have net 0). */
    List<Segments.Ord> orders(Instant from, Instant to) throws SQLException {
        Map<String, List<Segments.Line>> lines = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT l.order_key, l.item_id, l.category, l.quantity,"
                    + " l.total_minor FROM " + p + "order_line l JOIN " + p + "order o ON o.order_key = l.order_key"
                    + " WHERE o.placed_at >= ? AND o.placed_at < ?")) {
                s.setTimestamp(1, Timestamp.from(from));
                s.setTimestamp(2, Timestamp.from(to));
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        lines.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Segments.Line(
                                rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5)));
                    }
                }
            }
            List<Segments.Ord> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT order_key, placed_at, customer_id, origin, currency,"
                    + " total_minor - refunded_minor, status FROM " + p + "order WHERE placed_at >= ? AND placed_at < ?")) {
                s.setTimestamp(1, Timestamp.from(from));
                s.setTimestamp(2, Timestamp.from(to));
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        boolean cancelled = "cancelled".equals(rs.getString(7));
                        out.add(new Segments.Ord(rs.getString(1), rs.getTimestamp(2).toInstant(),
                                rs.getObject(3, Long.class), rs.getString(4), rs.getString(5),
                                cancelled ? 0 : Math.max(0, rs.getLong(6)), lines.getOrDefault(rs.getString(1), List.of())));
                    }
                }
            }
            return out;
        }
    }

    /** Customers seen on the site (consented mode) or in orders. */
    Set<Long> seenCustomers() throws SQLException {
        Set<Long> out = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT DISTINCT customer_id FROM " + p
                        + "event WHERE customer_id IS NOT NULL");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** Abandoned carts: carts with an add to cart in [from, to) and no order; count and value per currency. */
    record Abandoned(long carts, Map<String, Long> valueMinor) {
    }

    Abandoned abandonedCarts(Instant from, Instant to) throws SQLException {
        Map<String, Long> value = new LinkedHashMap<>();
        long carts = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT e.target, e.currency, SUM(CASE WHEN e.name = 'add_to_cart'"
                        + " THEN e.value_minor ELSE -e.value_minor END) FROM " + p + "event e WHERE e.target LIKE 'cart:%'"
                        + " AND e.name IN ('add_to_cart', 'remove_from_cart') AND e.occurred_at >= ? AND e.occurred_at < ?"
                        + " AND NOT EXISTS (SELECT 1 FROM " + p + "event b WHERE b.target = e.target AND b.name = 'purchase')"
                        + " GROUP BY e.target, e.currency")) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long v = rs.getLong(3);
                    if (v > 0) {
                        carts++;
                        value.merge(rs.getString(2), v, Long::sum);
                    }
                }
            }
        }
        return new Abandoned(carts, value);
    }
}
