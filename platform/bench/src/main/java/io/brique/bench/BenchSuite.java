package io.brique.bench;

import io.brique.testing.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The benchmark suite of issue 10: one run, one database with realistic data, the real server as a child
 * process driven over HTTP from this process. See docs/benchmarks.md ("Benchmark suite") for what it
 * measures and how to read it.
 * <p>
 * Usage: {@code ./brique bench-suite [--quick] [--db mariadb|h2] [--products 50000] [--customers 100000]
 * [--orders 1000000] [--events 1000000] [--seconds 10] [--rounds 3] [--connections 32]}.
 * <p>
 * {@link #run} returns every scenario's figures and error count, so the smoke test
 * ({@code BenchSuiteSmokeTest}) can run it small and fail on errors, never on speed.
 */
public final class BenchSuite {

    /** One measured scenario. {@code rate} is requests/s (orders/s for checkout, events/s for events). */
    public record Figure(String name, double rate, double p50, double p99, double halfRate, double halfP50,
            double halfP99, long requests, long errors, String note) {
    }

    /** What a run measured; {@code errors()} sums every scenario's failed requests. */
    public record Report(List<Figure> figures, Map<String, String> facts) {
        public long errors() {
            return figures.stream().mapToLong(Figure::errors).sum();
        }
    }

    private final Map<String, String> opts;
    private final boolean quick;
    private final int seconds;
    private final int rounds;
    private final int connections;
    private final int warmup;
    private final int halfSeconds;
    private final Path work;
    private final Path bricks;
    private final String dbKind;
    private String jdbcUrl;
    private String jdbcUser = "root";
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    BenchSuite(Map<String, String> opts) throws IOException {
        this.opts = opts;
        this.quick = opts.containsKey("quick");
        this.seconds = Integer.parseInt(opts.getOrDefault("seconds", quick ? "3" : "10"));
        this.rounds = Integer.parseInt(opts.getOrDefault("rounds", quick ? "1" : "3"));
        this.connections = Integer.parseInt(opts.getOrDefault("connections", "32"));
        this.warmup = Integer.parseInt(opts.getOrDefault("warmup", quick ? "1" : "5"));
        this.halfSeconds = Integer.parseInt(opts.getOrDefault("half-seconds", Integer.toString(Math.max(3, seconds))));
        this.dbKind = opts.getOrDefault("db", "mariadb");
        this.work = Files.createTempDirectory("brique-suite");
        this.bricks = Path.of(opts.getOrDefault("bricks", "platform/server/target/bricks")).toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                opts.put("quick", "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
        }
        Report r = run(opts);
        print(r);
        System.exit(r.errors() == 0 ? 0 : 1);
    }

    public static Report run(Map<String, String> opts) throws Exception {
        return new BenchSuite(opts).execute();
    }

    // ------------------------------------------------------------------ the run

    private Report execute() throws Exception {
        int products = Integer.parseInt(opts.getOrDefault("products", quick ? "500" : "50000"));
        int customers = Integer.parseInt(opts.getOrDefault("customers", quick ? "500" : "100000"));
        int orders = Integer.parseInt(opts.getOrDefault("orders", quick ? "2000" : "1000000"));
        int events = Integer.parseInt(opts.getOrDefault("events", quick ? "2000" : "1000000"));
        prepareDatabase();
        Path dataA = Files.createDirectories(work.resolve("node-a"));
        int portA = Integer.parseInt(opts.getOrDefault("port", "18180"));
        log("work folder " + work + ", database " + jdbcUrl);

        // 1. first boot: migrations, bricks installed (disabled), owner account
        ServerNode a = ServerNode.start(nodeConfig(dataA, portA, true), dataA);
        a.awaitReady(client);
        a.stop();

        // 2. realistic data, straight into the tables (the server is stopped)
        long t0 = System.nanoTime();
        try (Connection c = connect()) {
            DataGen.generate(c, products, customers, orders, 20261122L);
        }
        facts.put("data", String.format(Locale.ROOT, "%,d products (2 variants each), %,d customers, %,d past orders"
                + " (one line each) generated in %.0f s", products, customers, orders, (System.nanoTime() - t0) / 1e9));
        log(facts.get("data"));
        deleteTree(dataA.resolve("search-index")); // rebuilt from the generated catalog at the next boot

        // 3. enable every brick found in the distribution's bricks folder
        a = ServerNode.start(nodeConfig(dataA, portA, true), dataA);
        a.awaitReady(client);
        List<String> brickIds = installedPlugins();
        facts.put("bricks", String.join(", ", brickIds));
        HttpSession adminA = admin(a);
        for (String id : brickIds) {
            toggle(adminA, id, true);
        }
        if (brickIds.contains("analytics") && events > 0) {
            t0 = System.nanoTime();
            try (Connection c = connect()) {
                DataGen.pastEvents(c, "analytics_event", "analytics_event_item", events, 1);
            }
            facts.put("past events", String.format(Locale.ROOT, "%,d analytics events (with one item each) in %.0f s",
                    events, (System.nanoTime() - t0) / 1e9));
        }
        a.stop();

        // 4. start-up with every brick enabled, and memory
        a = ServerNode.start(nodeConfig(dataA, portA, true), dataA);
        double startup = a.awaitReady(client);
        facts.put("start-up with bricks", String.format(Locale.ROOT, "%.2f s to /health/ready (JVM start included),"
                + " %d bricks enabled", startup, enabledPlugins().size()));
        log(facts.get("start-up with bricks"));
        try {
            adminA = admin(a);
            String base = a.base();
            List<String> productUrls = productUrls(base, quick ? 100 : 2000);
            // product pages: bricks on, bricks off, bare servlet, in alternating rounds
            if (wants("product")) {
                productRounds(adminA, base, brickIds, productUrls);
                facts.put("memory after the product rounds", a.memory());
            }
            // the other pages with every brick on
            if (wants("pages")) {
                reEnable(adminA, brickIds, "product rounds");
                figures.add(measure("category page (bricks on)", categoryUrls(base), null));
                reEnable(adminA, brickIds, "category pages");
                figures.add(measure("search (bricks on)", searchUrls(base), null));
            }
            if (wants("cart")) {
                reEnable(adminA, brickIds, "search");
                figures.add(cartScenario(base));
            }
            if (wants("checkout")) {
                reEnable(adminA, brickIds, "add to cart");
                figures.add(checkoutScenario(base));
            }
            if (wants("events") && brickIds.contains("analytics")) {
                reEnable(adminA, brickIds, "checkout");
                eventsScenario(base);
                reEnable(adminA, brickIds, "events");
            }
            facts.put("memory at the end", a.memory());
            // plugin toggle propagation across two nodes on the same database
            if (wants("propagation") && !brickIds.isEmpty()) {
                propagation(adminA, brickIds.contains("analytics") ? "analytics" : brickIds.get(0),
                        Integer.parseInt(opts.getOrDefault("port-b", Integer.toString(portA + 1))));
            }
        } finally {
            a.stop();
            if (dbKind.equals("mariadb") && !opts.containsKey("keep")) {
                dropDatabase();
            }
        }
        return new Report(List.copyOf(figures), Map.copyOf(facts));
    }

    /**
     * The host disables a brick automatically after repeated failures (slot renderers over their 150 ms
     * budget count, and a starved CPU makes them late): say so in the report, and enable it again so that
     * the next scenario measures what it claims ("bricks on").
     */
    private void reEnable(HttpSession admin, List<String> brickIds, String after) throws Exception {
        List<String> enabled = enabledPlugins();
        for (String id : brickIds) {
            if (!enabled.contains(id)) {
                facts.merge("bricks disabled automatically", id + " (after " + after + ")", (a, b) -> a + ", " + b);
                toggle(admin, id, true);
            }
        }
    }

    /** {@code --scenarios product,pages,cart,checkout,events,propagation} (default: all). */
    private boolean wants(String scenario) {
        String only = opts.get("scenarios");
        return only == null || List.of(only.split(",")).contains(scenario);
    }

    private void productRounds(HttpSession adminA, String base, List<String> brickIds, List<String> urls)
            throws Exception {
        List<String> bare = List.of(base + "/__bench/bare");
        Histogram[] h = {hist(), hist(), hist()};
        long[] requests = new long[3];
        long[] errors = new long[3];
        double[] elapsed = new double[3];
        List<String> ratios = new ArrayList<>();
        // the first run of 2026-11-22 measured round 1 cold (JIT, page cache of 2,000 products empty): prime
        // both configurations on every URL first, so that every round measures a warm server
        for (boolean on : new boolean[] {false, true}) {
            for (String id : brickIds) {
                toggle(adminA, id, on);
            }
            closedOp(new Op() {
                private final AtomicLong next = new AtomicLong();

                public boolean run(ThreadLocalRandom rnd, String[] state, int[] counter) {
                    return get(urls.get((int) (next.getAndIncrement() % urls.size()))) == 200;
                }
            }, connections, warmup * 2, hist(), new long[2]);
        }
        for (int r = 0; r < rounds; r++) {
            double[] rate = new double[3];
            // alternate which configuration goes first, so drift on a shared machine hits all alike
            int[] order = r % 2 == 0 ? new int[] {0, 1, 2} : new int[] {1, 0, 2};
            for (int k : order) {
                if (k < 2) {
                    for (String id : brickIds) {
                        toggle(adminA, id, k == 0);
                    }
                }
                List<String> u = k == 2 ? bare : urls;
                closed(u, connections, warmup, hist(), new long[2]); // warm-up
                long[] re = new long[2];
                Histogram round = hist();
                double s = closed(u, connections, seconds, round, re);
                rate[k] = re[0] / s;
                if (k == 0) {
                    reEnable(adminA, brickIds, "product round " + (r + 1));
                }
                h[k].add(round);
                requests[k] += re[0];
                errors[k] += re[1];
                elapsed[k] += s;
            }
            String line = String.format(Locale.ROOT, "round %d: on %.0f/s, off %.0f/s, bare %.0f/s: on/off %.3f,"
                    + " on/bare %.3f", r + 1, rate[0], rate[1], rate[2], rate[0] / rate[1], rate[0] / rate[2]);
            ratios.add(line);
            log(line);
        }
        for (String id : brickIds) {
            toggle(adminA, id, true);
        }
        String[] names = {"product page, all bricks on", "product page, all bricks off", "bare Jetty JSON servlet"};
        for (int k = 0; k < 3; k++) {
            double rate = requests[k] / elapsed[k];
            Histogram half = hist();
            long halfErrors = open(k == 2 ? bare : urls, rate / 2, halfSeconds, half);
            figures.add(new Figure(names[k], rate, ms(h[k], 50), ms(h[k], 99), rate / 2, ms(half, 50), ms(half, 99),
                    requests[k], errors[k] + halfErrors, ""));
        }
        double on = requests[0] / elapsed[0];
        facts.put("product on/off", String.format(Locale.ROOT, "%.3f", on / (requests[1] / elapsed[1])));
        facts.put("product on/bare", String.format(Locale.ROOT, "%.3f", on / (requests[2] / elapsed[2])));
        facts.put("product rounds", String.join("; ", ratios));
    }

    private Figure measure(String name, List<String> urls, String note) throws Exception {
        log(name + ": " + urls.size() + " URLs");
        closed(urls, connections, warmup, hist(), new long[2]);
        Histogram h = hist();
        long[] re = new long[2];
        double s = closed(urls, connections, seconds, h, re);
        double rate = re[0] / s;
        Histogram half = hist();
        long halfErrors = open(urls, rate / 2, halfSeconds, half);
        Figure f = new Figure(name, rate, ms(h, 50), ms(h, 99), rate / 2, ms(half, 50), ms(half, 99), re[0],
                re[1] + halfErrors, note == null ? "" : note);
        log(String.format(Locale.ROOT, "  %.0f/s p50 %.1f p99 %.1f ms; at half p50 %.1f p99 %.1f ms; errors %d",
                f.rate(), f.p50(), f.p99(), f.halfP50(), f.halfP99(), f.errors()));
        return f;
    }

    /** Add to cart: each worker adds random variants to its own cart (a new cart every 10 lines). */
    private Figure cartScenario(String base) throws Exception {
        List<Long> variants = variantIds(quick ? 200 : 5000);
        Op op = new Op() {
            public boolean run(ThreadLocalRandom rnd, String[] state, int[] counter) {
                if (state[0] == null || counter[0]++ % 10 == 0) {
                    state[0] = newCart(base);
                    if (state[0] == null) {
                        return false;
                    }
                }
                return post(base + "/api/v1/carts/" + state[0] + "/lines",
                        "{\"variantId\":" + variants.get(rnd.nextInt(variants.size())) + ",\"quantity\":1}", null) == 200;
            }
        };
        return opScenario("add to cart (bricks on)", op, 1, "one POST /api/v1/carts/{token}/lines; a new cart every 10 lines");
    }

    /** Checkout: create a cart, add one line, place the order (bank transfer, home delivery). */
    private Figure checkoutScenario(String base) throws Exception {
        List<Long> variants = variantIds(quick ? 200 : 5000);
        Op op = (rnd, state, counter) -> {
            String cart = newCart(base);
            if (cart == null || post(base + "/api/v1/carts/" + cart + "/lines",
                    "{\"variantId\":" + variants.get(rnd.nextInt(variants.size())) + ",\"quantity\":1}", null) != 200) {
                return false;
            }
            int s = post(base + "/api/v1/carts/" + cart + "/checkout", CHECKOUT, UUID.randomUUID().toString());
            return s == 201;
        };
        return opScenario("checkout (bricks on)", op, 16,
                "orders/s; each order = create cart + add line + checkout, 3 requests; latency of the three");
    }

    private static final String CHECKOUT = """
            {"email":"bench@example.test","address":{"firstName":"Ada","lastName":"Lovelace","line1":"1 rue de Rivoli",
            "postcode":"75001","city":"Paris","country":"FR","phone":"+33 1 23 45 67 89"},
            "shippingMethod":"home","paymentMethod":"bank_transfer","locale":"fr"}""";

    interface Op {
        boolean run(ThreadLocalRandom rnd, String[] state, int[] counter);
    }

    private Figure opScenario(String name, Op op, int conns, String note) throws Exception {
        log(name);
        int c = Math.min(conns == 1 ? connections : conns, connections);
        closedOp(op, c, warmup, hist(), new long[2]);
        Histogram h = hist();
        long[] re = new long[2];
        double s = closedOp(op, c, seconds, h, re);
        double rate = re[0] / s;
        Histogram half = hist();
        long halfErrors = openOp(op, rate / 2, halfSeconds, half);
        Figure f = new Figure(name, rate, ms(h, 50), ms(h, 99), rate / 2, ms(half, 50), ms(half, 99), re[0],
                re[1] + halfErrors, note + ", " + c + " connections");
        log(String.format(Locale.ROOT, "  %.0f/s p50 %.1f p99 %.1f ms; at half p50 %.1f p99 %.1f ms; errors %d",
                f.rate(), f.p50(), f.p99(), f.halfP50(), f.halfP99(), f.errors()));
        return f;
    }

    /** Events through the analytics collection API (batches of 20, written) vs raw JDBC batches of the same rows. */
    private void eventsScenario(String base) throws Exception {
        log("event collection");
        long before = count("analytics_event");
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Recorder rec = new Recorder(3);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int w = i;
            workers.add(Thread.ofVirtual().start(() -> {
                int b = w * 1_000_000;
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    int s = post(base + "/api/v1/plugins/analytics/collect", eventBatch(b++), null);
                    rec.recordValue(Math.min(System.nanoTime() - t, 59_000_000_000L));
                    if (s / 100 == 2) {
                        accepted.addAndGet(20);
                    } else if (s == 503) {
                        refused.incrementAndGet();
                        sleep(1000); // honour Retry-After
                    } else {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (count("analytics_event") - before < accepted.get() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long written = count("analytics_event") - before;
        double httpSeconds = (System.nanoTime() - start) / 1e9;
        double httpRate = written / httpSeconds;
        Histogram h = rec.getIntervalHistogram();
        long lost = Math.max(0, accepted.get() - written);
        figures.add(new Figure("event collection API (batches of 20, written)", httpRate, ms(h, 50), ms(h, 99), 0, 0, 0,
                accepted.get() / 20, failed.get() + lost, refused.get() + " batches refused with 503 (back-pressure)"));
        // raw JDBC: the same number of rows into copies of the tables
        double rawRate;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_raw_event");
            s.execute("DROP TABLE IF EXISTS bench_raw_item");
            s.execute("CREATE TABLE bench_raw_event AS SELECT * FROM analytics_event WHERE 1 = 0");
            s.execute("CREATE TABLE bench_raw_item AS SELECT * FROM analytics_event_item WHERE 1 = 0");
            long t = System.nanoTime();
            DataGen.pastEvents(c, "bench_raw_event", "bench_raw_item", Math.max(written, 1000), 1);
            rawRate = Math.max(written, 1000) / ((System.nanoTime() - t) / 1e9);
            s.execute("DROP TABLE bench_raw_event");
            s.execute("DROP TABLE bench_raw_item");
        }
        figures.add(new Figure("raw JDBC batch inserts (same rows, 2,000 per batch)", rawRate, 0, 0, 0, 0, 0, 0, 0, ""));
        facts.put("events API / raw JDBC", String.format(Locale.ROOT, "%.3f", httpRate / rawRate));
        log(String.format(Locale.ROOT, "  API %.0f events/s written, raw %.0f/s, ratio %.3f", httpRate, rawRate,
                httpRate / rawRate));
    }

    /** Toggle a brick on node A and time until node B (same database, its own data folder) serves the change. */
    private void propagation(HttpSession adminA, String id, int portB) throws Exception {
        Path dataB = Files.createDirectories(work.resolve("node-b"));
        ServerNode b = ServerNode.start(nodeConfig(dataB, portB, false), dataB);
        try {
            b.awaitReady(client);
            List<String> times = new ArrayList<>();
            for (int i = 0; i < (quick ? 1 : 3); i++) {
                for (boolean enable : new boolean[] {false, true}) {
                    long t = System.nanoTime();
                    toggle(adminA, id, enable);
                    double onA = (System.nanoTime() - t) / 1e6;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (servesPlugin(b.base(), id) != enable) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("node B did not follow " + id + " enable=" + enable);
                        }
                        Thread.sleep(20);
                    }
                    times.add(String.format(Locale.ROOT, "%s %.0f ms (on A %.0f ms)", enable ? "enable" : "disable",
                            (System.nanoTime() - t) / 1e6, onA));
                }
            }
            facts.put("toggle propagation A -> B (" + id + ")", String.join(", ", times));
            log("propagation: " + times);
        } finally {
            b.stop();
        }
    }

    /** A brick's public route answers on a node only while it runs there (404 once disabled). */
    private boolean servesPlugin(String base, String id) {
        int s = id.equals("analytics") ? post(base + "/api/v1/plugins/analytics/collect", "{}", null)
                : get(base + "/api/v1/plugins/" + id + "/");
        return s != 404;
    }

    // ------------------------------------------------------------------ nodes and database

    private Map<String, String> nodeConfig(Path data, int port, boolean bricksFolder) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("http.port", Integer.toString(port));
        c.put("http.host", "127.0.0.1");
        c.put("data.dir", data.toString());
        c.put("demo.enabled", "false");
        c.put("db.url", jdbcUrl);
        c.put("db.user", jdbcUser);
        c.put("db.password", "");
        c.put("admin.bootstrap.email", ADMIN);
        c.put("admin.bootstrap.password", PASSWORD);
        c.put("bench.bare-endpoint", "true");
        // the load comes from one address: the per-address abuse limits would answer 429 to the driver
        c.put("http.rate-limit.login", "off");
        c.put("http.rate-limit.search", "off");
        c.put("http.rate-limit.collect", "off");
        c.put("plugins.sync-interval", opts.getOrDefault("sync-interval", "2s"));
        c.put("plugins.bundled-dir", bricksFolder ? bricks.toString() : work.resolve("no-bricks").toString());
        return c;
    }

    private static final String ADMIN = "owner@bench.example";
    private static final String PASSWORD = "bench owner password 2026";

    private void prepareDatabase() throws Exception {
        if (dbKind.equals("mariadb")) {
            String base = System.getenv().getOrDefault("BRIQUE_BENCH_MARIADB_URL", "jdbc:mysql://127.0.0.1:3306/");
            String name = opts.getOrDefault("database", "brique_suite");
            try (Connection c = DriverManager.getConnection(base, "root", ""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
                s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
            jdbcUrl = base + (base.endsWith("/") ? "" : "/") + name;
            jdbcUser = "root";
        } else if (dbKind.equals("h2")) {
            // a file database in server mode, so that two nodes and this driver can share it
            jdbcUrl = "jdbc:h2:file:" + work.resolve("h2").resolve("brique") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE"
                    + ";DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE,KEY,POSITION;AUTO_SERVER=TRUE";
            jdbcUser = "sa";
        } else {
            throw new IllegalArgumentException("--db mariadb or h2");
        }
    }

    private void dropDatabase() {
        String base = System.getenv().getOrDefault("BRIQUE_BENCH_MARIADB_URL", "jdbc:mysql://127.0.0.1:3306/");
        try (Connection c = DriverManager.getConnection(base, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + opts.getOrDefault("database", "brique_suite"));
        } catch (Exception e) {
            log("could not drop the bench database: " + e);
        }
    }

    private Connection connect() throws Exception {
        String url = jdbcUrl.startsWith("jdbc:mysql") ? jdbcUrl + "?rewriteBatchedStatements=true" : jdbcUrl;
        return DriverManager.getConnection(url, jdbcUser, "");
    }

    private long count(String table) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    private List<String> strings(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private List<String> installedPlugins() throws Exception {
        return strings("SELECT plugin_id FROM plugin_installation ORDER BY plugin_id");
    }

    private List<String> enabledPlugins() throws Exception {
        return strings("SELECT plugin_id FROM plugin_installation WHERE status = 'enabled' ORDER BY plugin_id");
    }

    private List<String> productUrls(String base, int n) throws Exception {
        List<String> urls = new ArrayList<>();
        for (String slug : strings("SELECT slug FROM product_translation WHERE locale = 'fr' ORDER BY product_id")) {
            urls.add(base + "/fr/p/" + slug);
        }
        return sample(urls, n);
    }

    private List<String> categoryUrls(String base) throws Exception {
        List<String> urls = new ArrayList<>();
        for (String slug : strings("SELECT slug FROM category_translation WHERE locale = 'fr'")) {
            urls.add(base + "/fr/c/" + slug);
        }
        return urls;
    }

    private List<String> searchUrls(String base) {
        List<String> urls = new ArrayList<>();
        for (String q : DataGen.SEARCH_TERMS) {
            urls.add(base + "/fr/search?q=" + q.replace(" ", "+"));
        }
        return urls;
    }

    private List<Long> variantIds(int n) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (String id : strings("SELECT id FROM variant ORDER BY id")) {
            ids.add(Long.parseLong(id));
        }
        return sample(ids, n);
    }

    private static <T> List<T> sample(List<T> all, int n) {
        if (all.isEmpty()) {
            throw new IllegalStateException("no rows to sample");
        }
        List<T> out = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(42);
        for (int i = 0; i < n; i++) {
            out.add(all.get(rnd.nextInt(all.size())));
        }
        return out;
    }

    private HttpSession admin(ServerNode node) {
        HttpSession s = new HttpSession(node.base());
        s.get("/admin/login");
        HttpSession.Response r = s.postForm("/admin/login", Map.of("email", ADMIN, "password", PASSWORD));
        if (r.status() / 100 != 3 && r.status() != 200) {
            throw new IllegalStateException("admin login failed: " + r.status());
        }
        return s;
    }

    private void toggle(HttpSession admin, String id, boolean enable) throws Exception {
        HttpSession.Response r = admin.postForm("/admin/plugin-manager/" + id + "/toggle",
                Map.of("action", enable ? "enable" : "disable"));
        if (r.status() / 100 != 3 && r.status() != 200) {
            throw new IllegalStateException("toggle " + id + " answered " + r.status());
        }
        String want = enable ? "enabled" : "disabled";
        List<String> st = strings("SELECT status FROM plugin_installation WHERE plugin_id = '" + id + "'");
        if (st.isEmpty() || !st.get(0).equals(want)) {
            throw new IllegalStateException(id + " is " + st + " after asking " + want);
        }
    }

    // ------------------------------------------------------------------ load loops

    private double closed(List<String> urls, int conns, int secs, Histogram h, long[] requestsErrors)
            throws InterruptedException {
        return closedOp((rnd, state, counter) -> get(urls.get(rnd.nextInt(urls.size()))) == 200, conns, secs, h,
                requestsErrors);
    }

    private long open(List<String> urls, double rate, int secs, Histogram h) throws InterruptedException {
        return openOp((rnd, state, counter) -> get(urls.get(rnd.nextInt(urls.size()))) == 200, rate, secs, h);
    }

    /** N workers, each starting its next operation when the previous ended; returns the measured seconds. */
    private static double closedOp(Op op, int conns, int secs, Histogram h, long[] requestsErrors)
            throws InterruptedException {
        Recorder rec = new Recorder(3);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + secs * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < conns; i++) {
            workers.add(Thread.ofVirtual().start(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                String[] state = new String[1];
                int[] counter = new int[1];
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    if (!op.run(rnd, state, counter)) {
                        failed.incrementAndGet();
                    }
                    rec.recordValue(Math.min(System.nanoTime() - t, 59_000_000_000L));
                    done.incrementAndGet();
                }
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        h.add(rec.getIntervalHistogram());
        requestsErrors[0] = done.get();
        requestsErrors[1] = failed.get();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Operations started at a fixed rate, latency from the intended start (no coordinated omission). */
    private static long openOp(Op op, double rate, int secs, Histogram h) throws InterruptedException {
        Recorder rec = new Recorder(3);
        AtomicLong failed = new AtomicLong();
        long interval = (long) (1e9 / Math.max(1, rate));
        long start = System.nanoTime();
        long total = (long) (Math.max(1, rate) * secs);
        List<Thread> inflight = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            inflight.add(Thread.ofVirtual().start(() -> {
                if (!op.run(ThreadLocalRandom.current(), new String[1], new int[1])) {
                    failed.incrementAndGet();
                }
                rec.recordValue(Math.min(System.nanoTime() - intended, 59_000_000_000L));
            }));
            if (inflight.size() > 10_000) {
                inflight.removeIf(t -> !t.isAlive());
            }
        }
        for (Thread t : inflight) {
            t.join();
        }
        h.add(rec.getIntervalHistogram());
        return failed.get();
    }

    private int get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private int post(String url, String json, String idempotencyKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b.build());
    }

    private int send(HttpRequest req) {
        try {
            return client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String newCart(String base) {
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/carts"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            String loc = r.headers().firstValue("Location").orElse(null);
            return r.statusCode() == 201 && loc != null ? loc.substring(loc.lastIndexOf('/') + 1) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static String eventBatch(int b) {
        StringBuilder s = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 20; i++) {
            int p = (b * 20 + i) % 500;
            s.append(i == 0 ? "" : ",").append("{\"name\":\"add_to_cart\",\"params\":{\"page_location\":")
                    .append("\"https://shop.example/en/p/product-").append(p).append("\",")
                    .append("\"currency\":\"EUR\",\"value\":12.50},\"items\":[{\"item_id\":\"SKU-").append(p)
                    .append("\",\"item_name\":\"Product ").append(p).append("\",\"price\":12.50,\"quantity\":1}]}");
        }
        return s.append("]}").toString();
    }

    // ------------------------------------------------------------------ output

    private static Histogram hist() {
        return new Histogram(60_000_000_000L, 3);
    }

    private static double ms(Histogram h, double p) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p) / 1e6;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void log(String s) {
        System.out.println("[bench-suite] " + s);
    }

    static void print(Report r) {
        System.out.println();
        System.out.println("Benchmark suite, " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, JDK " + Runtime.version());
        System.out.println();
        System.out.println("| scenario | max rate /s | p50 ms | p99 ms | p50 / p99 ms at half rate | requests | errors | note |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Figure f : r.figures()) {
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %.1f | %.1f | %.1f / %.1f | %,d | %d | %s |%n", f.name(),
                    f.rate(), f.p50(), f.p99(), f.halfP50(), f.halfP99(), f.requests(), f.errors(), f.note());
        }
        System.out.println();
        r.facts().forEach((k, v) -> System.out.println("- " + k + ": " + v));
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
