package io.brique.core.testing;

import io.brique.testing.TestDatabases;
import io.brique.testing.HttpSession;
import io.brique.core.Brique;
import io.brique.core.BriqueModule;
import io.brique.core.config.BriqueConfig;
import io.brique.core.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real Brique node for tests: a fresh database (H2 or MariaDB, see {@link TestDatabases}), a temp
 * data folder, HTTP on a free port. Demo data is off unless asked for.
 */
public final class TestApp implements AutoCloseable {

    private final Brique app;
    private final Path dataDir;
    private final Map<String, String> db;
    private boolean ownsDatabase;

    private TestApp(Brique app, Path dataDir, Map<String, String> db, boolean ownsDatabase) {
        this.app = app;
        this.dataDir = dataDir;
        this.db = db;
        this.ownsDatabase = ownsDatabase;
    }

    public static TestApp start() {
        return start(Map.of());
    }

    public static TestApp start(Map<String, String> overrides) {
        return start(overrides, List.of());
    }

    /** A node with extra modules (the admin console's tests pass {@code new AdminModule()}). */
    public static TestApp start(Map<String, String> overrides, List<BriqueModule> modules) {
        Map<String, String> db = TestDatabases.fresh();
        return boot(db, overrides, modules, true);
    }

    /** Another node on the same database (multi-node tests); the first node's database is not dropped by it. */
    public static TestApp startOn(Map<String, String> db, Map<String, String> overrides) {
        return boot(db, overrides, List.of(), false);
    }

    private static TestApp boot(Map<String, String> db, Map<String, String> overrides, List<BriqueModule> modules,
            boolean ownsDatabase) {
        try {
            Path dataDir = Files.createTempDirectory("brique-test");
            Map<String, String> cfg = new HashMap<>(db);
            cfg.put("http.port", "0");
            cfg.put("http.host", "127.0.0.1");
            cfg.put("data.dir", dataDir.toString());
            cfg.put("demo.enabled", "false");
            cfg.put("db.pool.size", "20");
            cfg.put("events.gap-grace", "1s");
            cfg.putAll(overrides);
            BriqueConfig config = ConfigLoader.load(null, Map.of(), new Properties()).with(cfg);
            Brique app = Brique.start(config, modules);
            // Start-up does not wait for the search index; tests want ranked results from the first request.
            app.catalog().search().awaitStartupRebuild(Duration.ofSeconds(60));
            return new TestApp(app, dataDir, db, ownsDatabase);
        } catch (Exception e) {
            throw new IllegalStateException("test app did not start: " + e.getMessage(), e);
        }
    }

    /** Hands the duty of dropping the shared test database to another node (to stop this one first). */
    public void handDatabaseTo(TestApp other) {
        if (ownsDatabase) {
            ownsDatabase = false;
            other.ownsDatabase = true;
        }
    }

    public Brique app() {
        return app;
    }

    public Map<String, String> dbConfig() {
        return db;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String url(String path) {
        return app.baseUrl() + path;
    }

    /** A fresh back-office API token with all scopes. */
    public String apiToken() {
        return app.core().apiTokens().create("test", "*");
    }

    public HttpSession http() {
        return new HttpSession(app.baseUrl());
    }

    /** Waits until all listeners have seen every event (events are asynchronous). */
    public void drainEvents() {
        if (!app.dispatcher().drain(Duration.ofSeconds(20))) {
            throw new AssertionError("events not delivered within 20 s");
        }
    }

    @Override
    public void close() {
        app.close();
        if (ownsDatabase) {
            TestDatabases.drop(db);
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp folder; not worth failing a test
        }
    }
}
