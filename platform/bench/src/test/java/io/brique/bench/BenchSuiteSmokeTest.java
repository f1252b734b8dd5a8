package io.brique.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The benchmark suite end to end with tiny data and one-second phases, on H2 and on MariaDB: real server
 * processes, every brick of the distribution enabled, every scenario driven over HTTP. It fails on errors
 * (non-2xx answers, exceptions, events lost, a node that does not follow a toggle), never on speed.
 */
class BenchSuiteSmokeTest {

    private static final Path BRICKS = Path.of("../server/target/bricks");

    @Test
    void runsEveryScenarioWithoutErrorsOnH2() throws Exception {
        check(run("h2", null));
    }

    @Test
    void runsEveryScenarioWithoutErrorsOnMariaDb() throws Exception {
        String base = System.getenv().getOrDefault("BRIQUE_BENCH_MARIADB_URL", "jdbc:mysql://127.0.0.1:3306/");
        try (Connection c = DriverManager.getConnection(base, "root", "")) {
            assertTrue(c.isValid(2));
        } catch (SQLException e) {
            String msg = "MariaDB not reachable at " + base + ": " + e.getMessage();
            if ("required".equals(System.getProperty("brique.test.mariadb", "auto"))) {
                Assertions.fail(msg);
            }
            Assumptions.abort(msg);
        }
        check(run("mariadb", "brique_t_suite_" + UUID.randomUUID().toString().substring(0, 8)));
    }

    private static BenchSuite.Report run(String db, String database) throws Exception {
        assertTrue(Files.isDirectory(BRICKS), "the server distribution's bricks folder is missing: " + BRICKS.toAbsolutePath()
                + " (package platform/server first)");
        Map<String, String> opts = new HashMap<>();
        opts.put("quick", "true");
        opts.put("db", db);
        if (database != null) {
            opts.put("database", database);
        }
        opts.put("bricks", BRICKS.toString());
        opts.put("products", "120");
        opts.put("customers", "50");
        opts.put("orders", "300");
        opts.put("events", "200");
        opts.put("seconds", "1");
        opts.put("warmup", "0");
        opts.put("half-seconds", "1");
        opts.put("connections", "4");
        opts.put("sync-interval", "200ms");
        opts.put("port", Integer.toString(freePort()));
        opts.put("port-b", Integer.toString(freePort()));
        BenchSuite.Report r = BenchSuite.run(opts);
        BenchSuite.print(r);
        return r;
    }

    private static void check(BenchSuite.Report r) {
        for (BenchSuite.Figure f : r.figures()) {
            assertEquals(0, f.errors(), f.name() + ": " + f.errors() + " failed requests");
            if (!f.name().startsWith("raw JDBC")) {
                assertTrue(f.requests() > 0, f.name() + " made no request");
            }
        }
        assertTrue(r.figures().stream().anyMatch(f -> f.name().startsWith("checkout")), "checkout measured");
        assertTrue(r.figures().stream().anyMatch(f -> f.name().startsWith("bare Jetty")), "bare servlet measured");
        assertTrue(r.facts().keySet().stream().anyMatch(k -> k.startsWith("toggle propagation")),
                "toggle propagation measured: " + r.facts());
        assertTrue(r.facts().get("start-up with bricks").contains("bricks enabled"), r.facts().toString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
