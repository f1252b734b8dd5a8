package io.brique.loyalty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The plugin's small data-access helper on plain JDBC (the SDK gives a {@link DataSource}, nothing more):
 * explicit transactions with retry on deadlock/serialisation failures, bind values always, and table
 * names through the plugin's prefix only.
 */
final class Jdbc {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;
    private final String prefix;

    Jdbc(DataSource dataSource, String prefix) {
        this.dataSource = dataSource;
        this.prefix = prefix;
    }

    /** {@code loyalty_lot} for {@code lot}. */
    String t(String table) {
        return prefix + table;
    }

    /** Runs {@code work} in one transaction; retried up to 5 times on a deadlock or lock time-out. */
    <T> T tx(Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                boolean auto = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollback(c);
                    throw e;
                } finally {
                    c.setAutoCommit(auto);
                }
            } catch (SQLException e) {
                if (attempt < 5 && transientFailure(e)) {
                    continue;
                }
                throw new LoyaltyException("database", e.getMessage(), e);
            }
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: nothing was committed
        }
    }

    static boolean transientFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if ("40001".equals(state) || "40P01".equals(state) || s.getErrorCode() == 1213
                        || s.getErrorCode() == 1205 || "HYT00".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean duplicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        bind(s, args);
        return s;
    }

    static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            switch (a) {
                case null -> s.setNull(i + 1, Types.VARCHAR);
                case Instant in -> s.setTimestamp(i + 1, Timestamp.from(in));
                case Long l -> s.setLong(i + 1, l);
                case Integer n -> s.setInt(i + 1, n);
                case Boolean b -> s.setBoolean(i + 1, b);
                default -> s.setString(i + 1, a.toString());
            }
        }
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, args)) {
            return s.executeUpdate();
        }
    }

    /** Inserts and returns the generated key. */
    static long insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql, java.sql.Statement.RETURN_GENERATED_KEYS)) {
            bind(s, args);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, args); ResultSet rs = s.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    static <T> T one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        List<T> all = list(c, sql, row, args);
        return all.isEmpty() ? null : all.get(0);
    }

    static long number(Connection c, String sql, Object... args) throws SQLException {
        Long v = one(c, sql, rs -> rs.getLong(1), args);
        return v == null ? 0 : v;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** Reads with auto-commit (no transaction needed). */
    <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new LoyaltyException("database", e.getMessage(), e);
        }
    }
}
