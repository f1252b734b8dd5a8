package io.brique.crm.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Plain-JDBC access to the identity tables ({@code crm_identity_*}); bind values always. */
final class IdentityStore {
    private final DataSource dataSource;
    private final String prefix;

    IdentityStore(DataSource dataSource, String prefix) {
        this.dataSource = dataSource;
        this.prefix = prefix;
    }

    private String t(String table) {
        return prefix + "identity_" + table;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T tx(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("identity store: " + e.getMessage(), e);
        }
    }

    record Stored(long id, String recordKey, Long customerId, PersonRecord person) {}

    /** Inserts or updates the record under its key; returns its row id. */
    long upsert(Connection c, String recordKey, Long customerId, PersonRecord p, Instant now) throws SQLException {
        Optional<Stored> existing = byKey(c, recordKey);
        if (existing.isPresent()) {
            PersonRecord old = existing.get().person();
            // an event may carry fewer fields than the record has: keep what we knew
            PersonRecord merged = new PersonRecord(p.id(), old.source(), first(p.givenName(), old.givenName()),
                    first(p.familyName(), old.familyName()), first(p.email(), old.email()), first(p.phone(), old.phone()),
                    null, first(p.street(), old.street()), null, first(p.city(), old.city()),
                    first(p.postcode(), old.postcode()), first(p.country(), old.country()), first(p.birthDate(), old.birthDate()));
            try (PreparedStatement s = c.prepareStatement("UPDATE " + t("record") + " SET given_name = ?, family_name = ?, "
                    + "email = ?, phone = ?, street = ?, city = ?, postcode = ?, country = ?, birth_date = ?, updated_at = ? WHERE id = ?")) {
                bindPerson(s, merged, 1);
                s.setTimestamp(10, Timestamp.from(now));
                s.setLong(11, existing.get().id());
                s.executeUpdate();
            }
            return existing.get().id();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + t("record") + " (given_name, family_name, email, phone, "
                + "street, city, postcode, country, birth_date, record_key, customer_id, source, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            bindPerson(s, p, 1);
            s.setString(10, recordKey);
            if (customerId == null) s.setNull(11, java.sql.Types.BIGINT);
            else s.setLong(11, customerId);
            s.setString(12, p.source());
            s.setTimestamp(13, Timestamp.from(now));
            s.setTimestamp(14, Timestamp.from(now));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static void bindPerson(PreparedStatement s, PersonRecord p, int at) throws SQLException {
        s.setString(at, cut(p.givenName(), 200));
        s.setString(at + 1, cut(p.familyName(), 200));
        s.setString(at + 2, cut(p.email(), 320));
        s.setString(at + 3, cut(p.phone(), 60));
        s.setString(at + 4, cut(p.street(), 300));
        s.setString(at + 5, cut(p.city(), 200));
        s.setString(at + 6, cut(p.postcode(), 30));
        s.setString(at + 7, cut(p.country(), 2));
        s.setString(at + 8, cut(p.birthDate(), 20));
    }

    private static String cut(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max);
    }

    Optional<Stored> byKey(Connection c, String recordKey) throws SQLException {
        List<Stored> found = select(c, "record_key = ?", List.of(recordKey));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    List<Stored> byIds(Connection c, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) return List.of();
        return select(c, "id IN (" + "?,".repeat(ids.size() - 1) + "?)", new ArrayList<>(ids));
    }

    private List<Stored> select(Connection c, String where, List<?> args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, record_key, customer_id, source, given_name, family_name, "
                + "email, phone, street, city, postcode, country, birth_date FROM " + t("record") + " WHERE " + where)) {
            for (int i = 0; i < args.size(); i++) s.setObject(i + 1, args.get(i));
            List<Stored> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long customer = rs.getLong(3);
                    Long customerId = rs.wasNull() ? null : customer;
                    out.add(new Stored(rs.getLong(1), rs.getString(2), customerId, new PersonRecord(Long.toString(rs.getLong(1)),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), null,
                            rs.getString(9), null, rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13))));
                }
            }
            return out;
        }
    }

    /** Replaces the record's blocking keys. */
    void replaceKeys(Connection c, long recordId, List<String> keys) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM " + t("key") + " WHERE record_id = ?")) {
            d.setLong(1, recordId);
            d.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + t("key") + " (block_key, record_id) VALUES (?, ?)")) {
            for (String k : new java.util.LinkedHashSet<>(keys)) {
                s.setString(1, k.length() <= 255 ? k : k.substring(0, 255));
                s.setLong(2, recordId);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Records sharing a key with {@code keys}, except {@code self}. A key held by more than
     * {@code maxBlock} records is skipped, as in {@link BlockIndex}: the work per new record stays bounded.
     */
    List<Long> candidates(Connection c, long self, List<String> keys, int maxBlock) throws SQLException {
        java.util.LinkedHashSet<Long> out = new java.util.LinkedHashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT record_id FROM " + t("key") + " WHERE block_key = ? LIMIT ?")) {
            for (String k : new java.util.LinkedHashSet<>(keys)) {
                s.setString(1, k.length() <= 255 ? k : k.substring(0, 255));
                s.setInt(2, maxBlock + 1);
                List<Long> block = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) block.add(rs.getLong(1));
                }
                if (block.size() > maxBlock) continue;
                for (long id : block) if (id != self) out.add(id);
            }
        }
        return new ArrayList<>(out);
    }

    record MatchRow(long id, long recordA, long recordB, double probability, double weight, long pattern, String status,
                    Instant createdAt, Instant decidedAt, String decidedBy, Long coreMergeId) {}

    /** Inserts the pair, or refreshes its score while nobody has decided on it. */
    void saveMatch(Connection c, long a, long b, double probability, double weight, long pattern, String status, Instant now)
            throws SQLException {
        long lo = Math.min(a, b), hi = Math.max(a, b);
        Optional<MatchRow> existing = matchByPair(c, lo, hi);
        if (existing.isPresent()) {
            MatchRow m = existing.get();
            if (m.decidedBy() != null) return; // the merchant's decision stands
            try (PreparedStatement s = c.prepareStatement("UPDATE " + t("match") + " SET probability = ?, weight = ?, pattern = ?, status = ? WHERE id = ?")) {
                s.setDouble(1, probability);
                s.setDouble(2, weight);
                s.setLong(3, pattern);
                s.setString(4, status);
                s.setLong(5, m.id());
                s.executeUpdate();
            }
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + t("match") + " (record_a, record_b, probability, weight, "
                + "pattern, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, lo);
            s.setLong(2, hi);
            s.setDouble(3, probability);
            s.setDouble(4, weight);
            s.setLong(5, pattern);
            s.setString(6, status);
            s.setTimestamp(7, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    private static final String MATCH_COLUMNS = "id, record_a, record_b, probability, weight, pattern, status, created_at, decided_at, decided_by, core_merge_id";

    Optional<MatchRow> matchByPair(Connection c, long a, long b) throws SQLException {
        List<MatchRow> rows = matches(c, "record_a = ? AND record_b = ?", List.of(a, b), 1, 0);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    Optional<MatchRow> match(Connection c, long id) throws SQLException {
        List<MatchRow> rows = matches(c, "id = ?", List.of(id), 1, 0);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Pairs involving any record of this customer (account and its orders), best first. */
    List<MatchRow> matchesOfCustomer(Connection c, long customerId, int limit) throws SQLException {
        return matches(c, "record_a IN (SELECT id FROM " + t("record") + " WHERE customer_id = ?) OR record_b IN (SELECT id FROM "
                + t("record") + " WHERE customer_id = ?)", List.of(customerId, customerId), limit, 0);
    }

    Optional<Stored> byCustomer(Connection c, long customerId) throws SQLException {
        return byKey(c, "customer:" + customerId);
    }

    List<MatchRow> matchesByStatus(Connection c, String status, int limit, int offset) throws SQLException {
        return matches(c, "status = ?", List.of(status), limit, offset);
    }

    Map<String, Long> countsByStatus(Connection c) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT status, COUNT(*) FROM " + t("match") + " GROUP BY status");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
        }
        return out;
    }

    private List<MatchRow> matches(Connection c, String where, List<?> args, int limit, int offset) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + MATCH_COLUMNS + " FROM " + t("match") + " WHERE " + where
                + " ORDER BY probability DESC, id LIMIT ? OFFSET ?")) {
            int i = 1;
            for (Object a : args) s.setObject(i++, a);
            s.setInt(i++, limit);
            s.setInt(i, offset);
            List<MatchRow> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp decided = rs.getTimestamp(9);
                    long merge = rs.getLong(11);
                    Long coreMergeId = rs.wasNull() ? null : merge;
                    out.add(new MatchRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4), rs.getDouble(5),
                            rs.getLong(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
                            decided == null ? null : decided.toInstant(), rs.getString(10), coreMergeId));
                }
            }
            return out;
        }
    }

    /** Sets the status, only if it is still {@code from} (two admins deciding at once: one wins); logs the decision. */
    boolean decide(Connection c, long matchId, String from, String to, String actor, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + t("match") + " SET status = ?, decided_at = ?, decided_by = ? WHERE id = ? AND status = ?")) {
            s.setString(1, to);
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, actor);
            s.setLong(4, matchId);
            s.setString(5, from);
            if (s.executeUpdate() != 1) return false;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + t("decision") + " (match_id, from_status, to_status, actor, decided_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, matchId);
            s.setString(2, from);
            s.setString(3, to);
            s.setString(4, actor);
            s.setTimestamp(5, Timestamp.from(now));
            s.executeUpdate();
        }
        return true;
    }

    void setCoreMerge(Connection c, long matchId, Long coreMergeId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + t("match") + " SET core_merge_id = ? WHERE id = ?")) {
            if (coreMergeId == null) s.setNull(1, java.sql.Types.BIGINT);
            else s.setLong(1, coreMergeId);
            s.setLong(2, matchId);
            s.executeUpdate();
        }
    }

    /** The status before the last decision on this pair, if any. */
    Optional<String> previousStatus(Connection c, long matchId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT from_status FROM " + t("decision") + " WHERE match_id = ? ORDER BY id DESC LIMIT 1")) {
            s.setLong(1, matchId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    List<String> history(Connection c, long matchId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT from_status, to_status, actor FROM " + t("decision") + " WHERE match_id = ? ORDER BY id")) {
            s.setLong(1, matchId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1) + " -> " + rs.getString(2) + " (" + rs.getString(3) + ")");
            }
            return out;
        }
    }
}
