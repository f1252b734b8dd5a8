package io.brique.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.brique.core.config.BriqueConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and the jOOQ context, with the SQL dialect chosen once at boot from what the
 * server says it is (MariaDB answers "5.5.5-10.11.x-MariaDB" through Connector/J).
 * Services run their work in {@link #tx}; after-commit callbacks run only once the commit succeeded.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final SQLDialect dialect;
    private final DSLContext dsl;

    private Database(HikariDataSource dataSource, SQLDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        Settings settings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                .withExecuteLogging(false)
                .withRenderSchema(false);
        this.dsl = DSL.using(dataSource, dialect, settings);
    }

    public static Database open(BriqueConfig config) {
        String url = jdbcUrl(config);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(config.get("db.user", url.startsWith("jdbc:h2:") ? "sa" : "root"));
        hc.setPassword(config.get("db.password", ""));
        hc.setMaximumPoolSize(config.getInt("db.pool.size", 16));
        hc.setPoolName("brique-db");
        hc.setConnectionTimeout(config.getDuration("db.connect-timeout", java.time.Duration.ofSeconds(10)).toMillis());
        hc.setAutoCommit(true);
        hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (url.startsWith("jdbc:mysql:")) {
            hc.addDataSourceProperty("rewriteBatchedStatements", "true");
            hc.addDataSourceProperty("cachePrepStmts", "true");
            hc.addDataSourceProperty("prepStmtCacheSize", "500");
            hc.addDataSourceProperty("useServerPrepStmts", "false");
            hc.addDataSourceProperty("characterEncoding", "UTF-8");
            hc.addDataSourceProperty("connectionTimeZone", "UTC");
            hc.addDataSourceProperty("forceConnectionTimeZoneToSession", "true");
        }
        HikariDataSource ds = new HikariDataSource(hc);
        try (Connection c = ds.getConnection()) {
            SQLDialect dialect = detectDialect(c.getMetaData().getDatabaseProductName(),
                    c.getMetaData().getDatabaseProductVersion());
            LOG.info("database connected: {} {} (jOOQ dialect {})", c.getMetaData().getDatabaseProductName(),
                    c.getMetaData().getDatabaseProductVersion(), dialect);
            return new Database(ds, dialect);
        } catch (SQLException e) {
            ds.close();
            throw new IllegalStateException("cannot connect to the database at " + url + ": " + e.getMessage(), e);
        }
    }

    /** The configured URL, or embedded H2 under the data folder. */
    public static String jdbcUrl(BriqueConfig config) {
        String url = config.get("db.url", "");
        if (!url.isEmpty()) {
            return url;
        }
        Path file = config.dataDir().resolve("db").resolve("brique");
        // WRITE_DELAY=0: H2 otherwise writes commits up to 500 ms later, and a killed process (kill -9)
        // would lose orders it had already confirmed
        return "jdbc:h2:file:" + file + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";NON_KEYWORDS=VALUE,KEY,POSITION;WRITE_DELAY=0";
    }

    static SQLDialect detectDialect(String product, String version) {
        String p = product.toLowerCase(java.util.Locale.ROOT);
        if (p.contains("h2")) {
            return SQLDialect.H2;
        }
        if (p.contains("mariadb") || version.contains("MariaDB")) {
            return SQLDialect.MARIADB;
        }
        if (p.contains("mysql")) {
            return SQLDialect.MYSQL;
        }
        throw new IllegalStateException("unsupported database: " + product + " " + version
                + " (Brique runs on H2 and MySQL/MariaDB)");
    }

    public DSLContext dsl() {
        return dsl;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    public boolean isH2() {
        return dialect == SQLDialect.H2;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** Runs work in one transaction; after-commit callbacks registered on the {@link Tx} run after the commit. */
    public <T> T tx(Function<Tx, T> work) {
        List<Runnable> afterCommit = new ArrayList<>();
        T result = dsl.transactionResult(cfg -> work.apply(new Tx(DSL.using(cfg), afterCommit)));
        for (Runnable r : afterCommit) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("after-commit callback failed", e);
            }
        }
        return result;
    }

    public void txRun(Consumer<Tx> work) {
        tx(t -> {
            work.accept(t);
            return null;
        });
    }

    /** Is the database answering? (readiness) */
    public boolean ping() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
