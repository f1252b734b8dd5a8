package io.brique.synonyms;

import io.brique.api.plugin.PluginContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The plugin's tables: rules per locale and the change counter other nodes watch. */
final class SynonymStore {

    private final PluginContext context;

    SynonymStore(PluginContext context) {
        this.context = context;
    }

    private String table(String name) {
        return context.tablePrefix() + name;
    }

    long version() throws SQLException {
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT version FROM " + table("version") + " WHERE id = 1");
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** All rules, by locale, in id order. */
    Map<String, List<SynonymRule>> all() throws SQLException {
        Map<String, List<SynonymRule>> out = new HashMap<>();
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, locale, rule_type, from_terms, to_terms, weight FROM "
                        + table("rule") + " ORDER BY id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                try {
                    out.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(new SynonymRule(rs.getLong(1),
                            SynonymRule.Type.valueOf(rs.getString(3)), lines(rs.getString(4)), lines(rs.getString(5)),
                            rs.getDouble(6)));
                } catch (IllegalArgumentException e) {
                    context.logger().warn("synonym rule {} skipped: {}", rs.getLong(1), e.getMessage());
                }
            }
        }
        return out;
    }

    private static List<String> lines(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
    }

    /** Adds rules to a locale (or replaces all of its rules) in one transaction, and bumps the version. */
    void save(String locale, List<SynonymRule> rules, boolean replace) throws SQLException {
        try (Connection c = context.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                if (replace) {
                    try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table("rule") + " WHERE locale = ?")) {
                        d.setString(1, locale);
                        d.executeUpdate();
                    }
                }
                try (PreparedStatement i = c.prepareStatement("INSERT INTO " + table("rule")
                        + " (locale, rule_type, from_terms, to_terms, weight) VALUES (?, ?, ?, ?, ?)")) {
                    for (SynonymRule r : rules) {
                        i.setString(1, locale);
                        i.setString(2, r.type().name());
                        i.setString(3, String.join("\n", r.from()));
                        i.setString(4, String.join("\n", r.to()));
                        i.setDouble(5, r.weight());
                        i.addBatch();
                    }
                    i.executeBatch();
                }
                try (PreparedStatement u = c.prepareStatement("UPDATE " + table("version")
                        + " SET version = version + 1 WHERE id = 1")) {
                    u.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
