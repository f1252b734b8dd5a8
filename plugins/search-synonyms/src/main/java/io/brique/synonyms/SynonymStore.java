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

    record Page(List<SynonymRule> rules, long total) {
    }

    /** One page of a locale's rules whose terms contain {@code search} (folded, any case), newest first. */
    Page page(String locale, String search, int page, int size) throws SQLException {
        String where = " WHERE locale = ?" + (search.isEmpty() ? "" : " AND (LOWER(from_terms) LIKE ? ESCAPE '!'"
                + " OR LOWER(to_terms) LIKE ? ESCAPE '!')");
        String like = "%" + search.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%")
                .replace("_", "!_") + "%";
        try (Connection c = context.dataSource().getConnection()) {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table("rule") + where)) {
                bind(s, locale, search, like);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<SynonymRule> rules = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, rule_type, from_terms, to_terms, weight FROM "
                    + table("rule") + where + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
                int n = bind(s, locale, search, like);
                s.setInt(n, size);
                s.setLong(n + 1, (long) (page - 1) * size);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rules.add(new SynonymRule(rs.getLong(1), SynonymRule.Type.valueOf(rs.getString(2)),
                                lines(rs.getString(3)), lines(rs.getString(4)), rs.getDouble(5)));
                    }
                }
            }
            return new Page(rules, total);
        }
    }

    private static int bind(PreparedStatement s, String locale, String search, String like) throws SQLException {
        s.setString(1, locale);
        if (search.isEmpty()) {
            return 2;
        }
        s.setString(2, like);
        s.setString(3, like);
        return 4;
    }

    /** Deletes one rule of a locale; false when there is none. */
    boolean delete(String locale, long id) throws SQLException {
        try (Connection c = context.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table("rule") + " WHERE id = ? AND locale = ?");
                    PreparedStatement u = c.prepareStatement("UPDATE " + table("version")
                            + " SET version = version + 1 WHERE id = 1")) {
                d.setLong(1, id);
                d.setString(2, locale);
                boolean deleted = d.executeUpdate() == 1;
                u.executeUpdate();
                c.commit();
                return deleted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Changes one rule of a locale in place (same id, so its place in the list and any reference to it
     * stay) and bumps the version; false when the locale has no such rule.
     */
    boolean update(String locale, long id, SynonymRule rule) throws SQLException {
        try (Connection c = context.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("UPDATE " + table("rule")
                    + " SET rule_type = ?, from_terms = ?, to_terms = ?, weight = ? WHERE id = ? AND locale = ?");
                    PreparedStatement u = c.prepareStatement("UPDATE " + table("version")
                            + " SET version = version + 1 WHERE id = 1")) {
                s.setString(1, rule.type().name());
                s.setString(2, String.join("\n", rule.from()));
                s.setString(3, String.join("\n", rule.to()));
                s.setDouble(4, rule.weight());
                s.setLong(5, id);
                s.setString(6, locale);
                boolean updated = s.executeUpdate() == 1;
                if (updated) {
                    u.executeUpdate();
                }
                c.commit();
                return updated;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
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
