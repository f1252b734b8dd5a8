package io.brique.analytics;

import io.brique.api.customer.CustomerDataHandler;
import io.brique.api.plugin.PluginContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * GDPR export and erasure of one customer's analytics data. Erasure deletes the customer's events
 * and those of every visitor id stitched to them, and anonymises their orders (customer and visitor
 * removed, amounts kept) so revenue totals stay right.
 */
@Extension
public class CustomerData implements CustomerDataHandler {

    private final PluginContext context;

    public CustomerData(PluginContext context) {
        this.context = context;
    }

    private String p() {
        return context.tablePrefix();
    }

    @Override
    public Map<String, Object> export(long customerId, String email) {
        try (Connection c = context.dataSource().getConnection()) {
            Map<String, Object> out = new LinkedHashMap<>();
            List<Map<String, Object>> events = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT occurred_at, name, page, channel, source, campaign,"
                    + " search_term, value_minor, currency FROM " + p() + "event WHERE customer_id = ? OR visitor_key IN ("
                    + marks(keys(c, customerId).size()) + ") ORDER BY occurred_at")) {
                bindKeys(s, customerId, keys(c, customerId));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> e = new LinkedHashMap<>();
                        e.put("at", rs.getTimestamp(1).toInstant().toString());
                        e.put("name", rs.getString(2));
                        putIf(e, "page", rs.getString(3));
                        putIf(e, "channel", rs.getString(4));
                        putIf(e, "source", rs.getString(5));
                        putIf(e, "campaign", rs.getString(6));
                        putIf(e, "search", rs.getString(7));
                        if (rs.getObject(8) != null) {
                            e.put("valueMinor", rs.getLong(8));
                            e.put("currency", rs.getString(9));
                        }
                        events.add(e);
                    }
                }
            }
            out.put("events", events);
            List<Map<String, Object>> orders = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT number, placed_at, currency, total_minor, refunded_minor,"
                    + " origin FROM " + p() + "order WHERE customer_id = ? ORDER BY placed_at")) {
                s.setLong(1, customerId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> o = new LinkedHashMap<>();
                        o.put("number", rs.getString(1));
                        o.put("placedAt", rs.getTimestamp(2).toInstant().toString());
                        o.put("currency", rs.getString(3));
                        o.put("totalMinor", rs.getLong(4));
                        o.put("refundedMinor", rs.getLong(5));
                        o.put("origin", rs.getString(6));
                        orders.add(o);
                    }
                }
            }
            out.put("orders", orders);
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("analytics export failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String erase(long customerId, String email) {
        try (Connection c = context.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                List<String> keys = keys(c, customerId);
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT id FROM " + p() + "event WHERE customer_id = ?"
                        + " OR visitor_key IN (" + marks(keys.size()) + ")")) {
                    bindKeys(s, customerId, keys);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                }
                try (PreparedStatement items = c.prepareStatement("DELETE FROM " + p() + "event_item WHERE event_id = ?");
                        PreparedStatement events = c.prepareStatement("DELETE FROM " + p() + "event WHERE id = ?")) {
                    for (long id : ids) {
                        items.setLong(1, id);
                        items.addBatch();
                        events.setLong(1, id);
                        events.addBatch();
                    }
                    items.executeBatch();
                    events.executeBatch();
                }
                // their visits in the daily rollup too (the keys are the only personal data there)
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + p() + "session WHERE visitor_key IN ("
                        + marks(keys.size()) + ")")) {
                    for (int i = 0; i < keys.size(); i++) {
                        s.setString(i + 1, keys.get(i));
                    }
                    s.executeUpdate();
                }
                int orders;
                try (PreparedStatement s = c.prepareStatement("UPDATE " + p() + "order SET customer_id = NULL,"
                        + " visitor_key = NULL WHERE customer_id = ?")) {
                    s.setLong(1, customerId);
                    orders = s.executeUpdate();
                }
                c.commit();
                return "analytics: " + ids.size() + " events deleted, " + orders + " orders anonymised";
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("analytics erasure failed: " + e.getMessage(), e);
        }
    }

    /** The customer's own key and every visitor id that was ever seen with this customer (login stitching). */
    private List<String> keys(Connection c, long customerId) throws SQLException {
        List<String> keys = new ArrayList<>(List.of("c:" + customerId));
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT visitor_key FROM " + p()
                + "event WHERE customer_id = ?")) {
            s.setLong(1, customerId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (!keys.contains(rs.getString(1))) {
                        keys.add(rs.getString(1));
                    }
                }
            }
        }
        return keys;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static void bindKeys(PreparedStatement s, long customerId, List<String> keys) throws SQLException {
        s.setLong(1, customerId);
        for (int i = 0; i < keys.size(); i++) {
            s.setString(i + 2, keys.get(i));
        }
    }

    private static void putIf(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
