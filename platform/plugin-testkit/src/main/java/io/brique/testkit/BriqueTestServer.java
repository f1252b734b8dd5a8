package io.brique.testkit;

import io.brique.testing.HttpSession;
import io.brique.testing.TestDatabases;
import static io.brique.core.db.jooq.Tables.CATEGORY;
import static io.brique.core.db.jooq.Tables.CATEGORY_TRANSLATION;
import static io.brique.core.db.jooq.Tables.PRODUCT;
import static io.brique.core.db.jooq.Tables.PRODUCT_TRANSLATION;

import io.brique.api.event.DomainEvent;
import io.brique.core.Brique;
import io.brique.core.config.BriqueConfig;
import io.brique.core.config.ConfigLoader;
import io.brique.core.plugin.PluginFolders;
import io.brique.core.plugin.PluginHost.InstalledPlugin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.jooq.Record1;
import org.jooq.impl.DSL;

/**
 * A real Brique node for a plugin's tests: a fresh database (in-memory H2 by default, a fresh MariaDB
 * database with {@code BRIQUE_TEST_DB=mariadb}), a temporary data folder, HTTP on a free port, no
 * demo data. Install your plugin from its jar ({@link #installJar}) or straight from its build output
 * folder ({@link #installFolder}), then drive it over HTTP ({@link #http()}) like a shopper or a
 * back-office client would.
 *
 * <pre>{@code
 * try (BriqueTestServer shop = BriqueTestServer.start()) {
 *     String id = shop.installFolder(Path.of("target/classes")).id();
 *     shop.enable(id);
 *     assertEquals(200, shop.http().get("/api/v1/plugins/" + id + "/ping").status());
 * }
 * }</pre>
 */
public final class BriqueTestServer implements AutoCloseable {

    private final Brique app;
    private final Path dataDir;
    private final Map<String, String> db;
    private String apiToken;

    private BriqueTestServer(Brique app, Path dataDir, Map<String, String> db) {
        this.app = app;
        this.dataDir = dataDir;
        this.db = db;
    }

    /** The owner account of every test server (never use these outside tests). */
    public static final String ADMIN_EMAIL = "owner@testkit.local";
    public static final String ADMIN_PASSWORD = "testkit owner password";

    public static BriqueTestServer start() {
        return start(Map.of());
    }

    /** Starts a node with extra configuration ({@code brique-defaults.properties} keys, e.g. {@code shop.country}). */
    public static BriqueTestServer start(Map<String, String> config) {
        Map<String, String> db = TestDatabases.fresh();
        Path dataDir = null;
        try {
            dataDir = Files.createTempDirectory("brique-testkit");
            Map<String, String> cfg = new HashMap<>(db);
            cfg.put("http.port", "0");
            cfg.put("http.host", "127.0.0.1");
            cfg.put("data.dir", dataDir.toString());
            cfg.put("demo.enabled", "false");
            // events are delivered fast in tests (the default waits longer for slow transactions)
            cfg.put("events.gap-grace", "1s");
            // the shop's owner account, for adminHttp()
            cfg.put("admin.bootstrap.email", ADMIN_EMAIL);
            cfg.put("admin.bootstrap.password", ADMIN_PASSWORD);
            cfg.putAll(config);
            BriqueConfig brique = ConfigLoader.load(null, Map.of(), new Properties()).with(cfg);
            // with the admin console, as the shop runs: plugin admin pages are reachable by an admin
            Brique app = Brique.start(brique, java.util.List.of(new io.brique.admin.AdminModule()));
            // start-up does not wait for the search index; tests want ranked results from the first request
            app.catalog().search().awaitStartupRebuild(java.time.Duration.ofSeconds(60));
            return new BriqueTestServer(app, dataDir, db);
        } catch (Exception e) {
            TestDatabases.drop(db);
            deleteTree(dataDir);
            throw new IllegalStateException("the Brique test server did not start: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- plugins

    /** Installs (or upgrades) a packaged plugin; it stays disabled until {@link #enable}. */
    public InstalledPlugin installJar(Path jar) {
        return app.plugins().install(jar);
    }

    /**
     * Installs a plugin from its build output folder ({@code target/classes}), as tests run before
     * Maven packages the jar. The manifest attributes come from {@code META-INF/MANIFEST.MF} or
     * PF4J's {@code plugin.properties} in the folder.
     */
    public InstalledPlugin installFolder(Path classes) {
        return installFolder(classes, Map.of());
    }

    /** Same, with manifest attributes ({@code Plugin-Id}, {@code Plugin-Class}...) given or overridden here. */
    public InstalledPlugin installFolder(Path classes, Map<String, String> manifest) {
        return installJar(jarFolder(classes, manifest));
    }

    /** The plugin jar made of a build output folder (in the server's temporary folder). */
    public Path jarFolder(Path classes, Map<String, String> manifest) {
        try {
            Path jar = Files.createTempFile(dataDir, "plugin-", ".jar");
            return PluginFolders.jar(classes, manifest, jar);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void enable(String pluginId) {
        app.plugins().enable(pluginId);
    }

    public void disable(String pluginId) {
        app.plugins().disable(pluginId);
    }

    /** With {@code keepData=false} the plugin's tables are dropped and its settings removed. */
    public void uninstall(String pluginId, boolean keepData) {
        app.plugins().uninstall(pluginId, keepData);
    }

    public InstalledPlugin plugin(String pluginId) {
        return app.plugins().get(pluginId).orElseThrow(() -> new AssertionError("plugin " + pluginId
                + " is not installed"));
    }

    /**
     * Saves settings as the merchant would in the admin console: validated against the plugin's
     * {@code SettingsDeclaration} (a bad value throws with the field errors); applies at once.
     */
    public void saveSettings(String pluginId, Map<String, String> values) {
        app.pluginSettings().save(pluginId, values);
    }

    /** Whether a table exists in the shop database (e.g. to check an uninstall dropped yours). */
    public boolean tableExists(String name) {
        return app.core().db().dsl().fetchCount(DSL.selectOne()
                .from(DSL.table("information_schema.tables"))
                .where(DSL.field("table_schema").eq(DSL.currentSchema()))
                .and(DSL.lower(DSL.field("table_name", String.class)).eq(name.toLowerCase(java.util.Locale.ROOT))))
                > 0;
    }

    /**
     * A plugin context on this server (database, settings, clock), to build one of your extensions
     * and call it directly: {@code new MyListener(shop.pluginContext("my-plugin"))}.
     */
    public io.brique.api.plugin.PluginContext pluginContext(String pluginId) {
        return new TestPluginContext(pluginId, app);
    }

    // ---------------------------------------------------------------- events

    /** Publishes a domain event as the core would (outbox, after commit): listeners get it asynchronously. */
    public void publish(DomainEvent event) {
        app.core().db().txRun(tx -> app.core().events().publish(tx, event));
    }

    /** Waits until every listener has seen every published event (fails after 20 s). */
    public void drainEvents() {
        if (!app.dispatcher().drain(Duration.ofSeconds(20))) {
            throw new AssertionError("events not delivered within 20 s");
        }
    }

    // ---------------------------------------------------------------- shop data and HTTP

    /** A product the test made: its id and its storefront URLs. */
    public record Product(long id, String handle, String urlFr, String urlEn) {
    }

    /**
     * Creates an active product with one variant through the back-office CSV import (the way a
     * merchant does), in a "Test kit" category made on first use.
     */
    public Product createProduct(String handle, String name, String price) {
        String category = ensureCategory();
        String csv = "handle,status,name_fr,name_en,category,sku,price,currency,stock\n"
                + csv(handle) + ",active," + csv(name) + "," + csv(name) + "," + category + "," + csv(handle.toUpperCase(
                        java.util.Locale.ROOT)) + "," + price + ",EUR,10\n";
        HttpSession.Response r = http().send("POST", "/api/v1/imports/products", "text/csv; charset=utf-8",
                csv.getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "Bearer " + apiToken()));
        if (r.status() != 200 || r.json().get("created").asInt() != 1) {
            throw new AssertionError("product import failed (" + r.status() + "): " + r.body());
        }
        var dsl = app.core().db().dsl();
        long id = dsl.select(PRODUCT.ID).from(PRODUCT).where(PRODUCT.HANDLE.eq(handle)).fetchOne(PRODUCT.ID);
        Map<String, String> slugs = new HashMap<>();
        dsl.select(PRODUCT_TRANSLATION.LOCALE, PRODUCT_TRANSLATION.SLUG).from(PRODUCT_TRANSLATION)
                .where(PRODUCT_TRANSLATION.PRODUCT_ID.eq(id))
                .forEach(rec -> slugs.put(rec.value1(), rec.value2()));
        return new Product(id, handle, "/fr/p/" + slugs.get("fr"), "/en/p/" + slugs.get("en"));
    }

    private String ensureCategory() {
        String slug = "testkit";
        app.core().db().txRun(tx -> {
            Record1<Long> existing = tx.dsl().select(CATEGORY_TRANSLATION.CATEGORY_ID).from(CATEGORY_TRANSLATION)
                    .where(CATEGORY_TRANSLATION.SLUG.eq(slug)).limit(1).fetchOne();
            if (existing == null) {
                tx.dsl().insertInto(CATEGORY).set(CATEGORY.POSITION, 0).execute();
                // the newest row of this transaction (portable; no RETURNING on MariaDB)
                long id = tx.dsl().select(DSL.max(CATEGORY.ID)).from(CATEGORY).fetchOne().value1();
                tx.dsl().insertInto(CATEGORY_TRANSLATION, CATEGORY_TRANSLATION.CATEGORY_ID,
                        CATEGORY_TRANSLATION.LOCALE, CATEGORY_TRANSLATION.NAME, CATEGORY_TRANSLATION.SLUG)
                        .values(id, "fr", "Kit de test", slug).values(id, "en", "Test kit", slug).execute();
            }
        });
        app.catalog().catalog().catalogChanged();
        return slug;
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /** A new HTTP client (its own cookies: one visitor) for this server. */
    /**
     * A session signed in to the admin console as the shop's owner (every permission, plugins' included):
     * to test a plugin's admin pages. Use {@link #http()} for an anonymous visitor.
     */
    public HttpSession adminHttp() {
        HttpSession s = http();
        s.get("/admin/login");
        HttpSession.Response r = s.postForm("/admin/login", Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
        if (r.status() != 303) {
            throw new IllegalStateException("admin login failed: " + r.status());
        }
        return s;
    }

    public HttpSession http() {
        return new HttpSession(app.baseUrl());
    }

    /** A back-office API token with all scopes, for {@code Authorization: Bearer ...}. */
    public synchronized String apiToken() {
        if (apiToken == null) {
            apiToken = app.core().apiTokens().create("testkit", "*");
        }
        return apiToken;
    }

    public String baseUrl() {
        return app.baseUrl();
    }

    /** The node itself, for what this kit does not cover (its API is not part of the SDK: it may change). */
    public Brique brique() {
        return app;
    }

    /** {@code h2} or {@code mariadb}. */
    public static String databaseKind() {
        return TestDatabases.kind();
    }

    @Override
    public void close() {
        app.close();
        TestDatabases.drop(db);
        deleteTree(dataDir);
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            all.forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: not worth failing a test for
        }
    }
}
