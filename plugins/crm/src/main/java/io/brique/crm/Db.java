package io.brique.crm;

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
 * Plain JDBC on the plugin's tables (the SDK gives a {@link DataSource}, nothing more): explicit
 * transactions retried on deadlocks, bind values always, table names through the prefix only.
 */
final class Db {

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

    Db(DataSource dataSource, String prefix) {
        this.dataSource = dataSource;
        this.prefix = prefix;
    }

    /** {@code crm_outbox} for {@code outbox}. */
    String t(String table) {
        return prefix + table;
    }

    /** One transaction; retried up to 5 times on a deadlock or lock time-out. */
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
                    try {
                        c.rollback();
                    } catch (SQLException ignored) {
                        // the connection is gone: nothing was committed
                    }
                    throw e;
                } finally {
                    c.setAutoCommit(auto);
                }
            } catch (SQLException e) {
                if (attempt < 5 && transientFailure(e)) {
                    continue;
                }
                throw new IllegalStateException("crm database: " + e.getMessage(), e);
            }
        }
    }

    /** Reads with auto-commit. */
    <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("crm database: " + e.getMessage(), e);
        }
    }

    static boolean transientFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && ("40001".equals(s.getSQLState()) || s.getErrorCode() == 1213
                    || s.getErrorCode() == 1205 || "HYT00".equals(s.getSQLState()))) {
                return true;
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
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case null -> s.setNull(i + 1, Types.VARCHAR);
                case Instant in -> s.setTimestamp(i + 1, Timestamp.from(in));
                case Long l -> s.setLong(i + 1, l);
                case Integer n -> s.setInt(i + 1, n);
                case Boolean b -> s.setBoolean(i + 1, b);
                default -> s.setString(i + 1, args[i].toString());
            }
        }
        return s;
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, args)) {
            return s.executeUpdate();
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
}
