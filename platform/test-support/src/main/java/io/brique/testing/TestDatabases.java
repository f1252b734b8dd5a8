package io.brique.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The database a test run uses, chosen by the system property {@code brique.test.db} (or the
 * environment variable {@code BRIQUE_TEST_DB}): {@code h2}
 * (default, in-memory) or {@code mariadb} (the real server; Maven runs the {@code db}-tagged tests a
 * second time that way). Each call makes a fresh, empty database. MariaDB settings come from
 * {@code BRIQUE_TEST_MARIADB_URL} (default {@code jdbc:mysql://127.0.0.1:3306/}),
 * {@code BRIQUE_TEST_MARIADB_USER} (root) and {@code BRIQUE_TEST_MARIADB_PASSWORD} (empty).
 * When the server cannot be reached: {@code -Dbrique.test.mariadb=required} fails the test (CI),
 * {@code auto} (default) aborts it with a loud message.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** {@code -Dbrique.test.db}, else the environment variable {@code BRIQUE_TEST_DB}, else {@code h2}. */
    public static String kind() {
        String kind = System.getProperty("brique.test.db");
        if (kind == null || kind.isBlank()) {
            kind = env("BRIQUE_TEST_DB", "h2");
        }
        return kind.toLowerCase(Locale.ROOT);
    }

    public static boolean isMariaDb() {
        return kind().equals("mariadb");
    }

    /** A fresh database; returns the config overrides ({@code db.url}, {@code db.user}, {@code db.password}). */
    public static Map<String, String> fresh() {
        Map<String, String> cfg = new HashMap<>();
        String name = "brique_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (!isMariaDb()) {
            cfg.put("db.url", "jdbc:h2:mem:" + name + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"
                    + ";DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE,KEY,POSITION");
            cfg.put("db.user", "sa");
            cfg.put("db.password", "");
            return cfg;
        }
        String base = env("BRIQUE_TEST_MARIADB_URL", "jdbc:mysql://127.0.0.1:3306/");
        String user = env("BRIQUE_TEST_MARIADB_USER", "root");
        String password = env("BRIQUE_TEST_MARIADB_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(base, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            String msg = "MariaDB/MySQL test server not reachable at " + base + " as " + user + ": " + e.getMessage();
            if ("required".equals(System.getProperty("brique.test.mariadb", "auto"))) {
                Assertions.fail(msg);
            }
            System.err.println("\n*** SKIPPING MariaDB run: " + msg
                    + "\n*** (CI runs with -Dbrique.test.mariadb=required; start the server to run these tests)\n");
            Assumptions.abort(msg);
        }
        String sep = base.endsWith("/") ? "" : "/";
        cfg.put("db.url", base + sep + name + "?useUnicode=true&characterEncoding=UTF-8");
        cfg.put("db.user", user);
        cfg.put("db.password", password);
        cfg.put("test.db.name", name);
        return cfg;
    }

    /** Drops a MariaDB database made by {@link #fresh()} (no-op for H2, which vanishes with its pool). */
    public static void drop(Map<String, String> cfg) {
        String name = cfg.get("test.db.name");
        if (name == null) {
            return;
        }
        String base = env("BRIQUE_TEST_MARIADB_URL", "jdbc:mysql://127.0.0.1:3306/");
        try (Connection c = DriverManager.getConnection(base, env("BRIQUE_TEST_MARIADB_USER", "root"),
                env("BRIQUE_TEST_MARIADB_PASSWORD", "")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }
}
