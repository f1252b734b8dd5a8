package io.brique.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Load driver for storefront pages. It starts the real server as a CHILD PROCESS (demo catalog, H2 or
 * MariaDB), waits for readiness, then drives it over HTTP from this process:
 * <ol>
 * <li>closed loop with N concurrent connections for the maximum throughput;</li>
 * <li>open loop at half that rate, latency measured from the intended start time (no coordinated
 * omission), for the p99 at half load.</li>
 * </ol>
 * Usage: {@code ./brique bench [--db h2|mariadb] [--seconds 20] [--connections 32] [--pages product,category]}.
 * MariaDB: {@code BRIQUE_BENCH_MARIADB_URL} (default jdbc:mysql://127.0.0.1:3306/), user root, empty
 * password, database {@code brique_bench} recreated at each run.
 */
public final class LoadBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(String page, String db, double maxRps, long errors, double p50, double p99, double p999,
            double halfRate, double halfP50, double halfP99, double halfMax) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        String db = opts.getOrDefault("db", "h2");
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
        int connections = Integer.parseInt(opts.getOrDefault("connections", "32"));
        List<String> pages = List.of(opts.getOrDefault("pages", "product,category").split(","));
        int port = Integer.parseInt(opts.getOrDefault("port", "18080"));

        Path dataDir = Files.createTempDirectory("brique-bench");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BRIQUE_HTTP_PORT", Integer.toString(port));
        env.put("BRIQUE_HTTP_HOST", "127.0.0.1");
        env.put("BRIQUE_DATA_DIR", dataDir.toString());
        env.put("BRIQUE_DEMO_ENABLED", "true");
        if (db.equals("mariadb")) {
            String base = System.getenv().getOrDefault("BRIQUE_BENCH_MARIADB_URL", "jdbc:mysql://127.0.0.1:3306/");
            try (Connection c = DriverManager.getConnection(base, "root", ""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS brique_bench");
                s.execute("CREATE DATABASE brique_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
            env.put("BRIQUE_DB_URL", base + (base.endsWith("/") ? "" : "/") + "brique_bench");
            env.put("BRIQUE_DB_USER", "root");
            env.put("BRIQUE_DB_PASSWORD", "");
        }
        Process server = startServer(env, dataDir);
        try {
            String base = "http://127.0.0.1:" + port;
            waitReady(base, server);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            List<Result> results = new ArrayList<>();
            for (String page : pages) {
                List<String> urls = urls(client, base, page.trim());
                System.out.printf(Locale.ROOT, "%n== %s pages on %s: %d URLs, %d connections, %d s ==%n", page, db,
                        urls.size(), connections, seconds);
                runClosed(client, urls, connections, 5); // warm-up (JIT, caches)
                Histogram h = new Histogram(60_000_000_000L, 3);
                long[] errors = new long[1];
                double rps = runClosed(client, urls, connections, seconds, h, errors);
                Histogram half = new Histogram(60_000_000_000L, 3);
                double rate = Math.max(1, rps / 2);
                runOpen(client, urls, rate, Math.max(10, seconds / 2), half);
                Result r = new Result(page, db, rps, errors[0], ms(h, 50), ms(h, 99), ms(h, 99.9), rate,
                        ms(half, 50), ms(half, 99), half.getMaxValue() / 1e6);
                results.add(r);
                System.out.printf(Locale.ROOT, "max %.0f req/s (errors %d), p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms%n",
                        r.maxRps(), r.errors(), r.p50(), r.p99(), r.p999());
                System.out.printf(Locale.ROOT, "at half load (%.0f req/s): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        r.halfRate(), r.halfP50(), r.halfP99(), r.halfMax());
            }
            System.out.println();
            System.out.println("| date | page | database | max pages/s | p50 ms | p99 ms | p99 ms at half load | errors |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
            for (Result r : results) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %.0f | %.2f | %.2f | %.2f | %d |%n", LocalDate.now(),
                        r.page(), r.db(), r.maxRps(), r.p50(), r.p99(), r.halfP99(), r.errors());
            }
        } finally {
            server.destroy();
            if (!server.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    static Process startServer(Map<String, String> env, Path dataDir) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx1g", "-XX:+UseParallelGC"));
        String extra = System.getenv("BRIQUE_BENCH_SERVER_OPTS"); // e.g. a JFR recording
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        // the load comes from one address: the per-address abuse limits would answer 429 to the driver
        cmd.addAll(List.of("-Dbrique.http.rate-limit.login=off", "-Dbrique.http.rate-limit.search=off",
                "-Dbrique.http.rate-limit.collect=off"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.brique.server.Main"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(dataDir.resolve("server.log").toFile());
        System.out.println("server log: " + dataDir.resolve("server.log"));
        return pb.start();
    }

    static void waitReady(String base, Process server) throws Exception {
        HttpClient c = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited with " + server.exitValue() + "; see its log");
            }
            try {
                HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("server not ready after 180 s");
    }

    /** Page URLs taken from the public API, so the bench follows the real catalog. */
    static List<String> urls(HttpClient client, String base, String page) throws Exception {
        List<String> urls = new ArrayList<>();
        switch (page) {
            case "product" -> {
                JsonNode list = get(client, base + "/api/v1/products?locale=fr&size=100");
                for (JsonNode p : list.path("items")) {
                    urls.add(base + "/fr/p/" + p.path("slug").asText());
                }
            }
            case "category" -> {
                JsonNode tree = get(client, base + "/api/v1/categories?locale=fr");
                collectCategories(tree.path("categories"), base, urls);
            }
            case "home" -> urls.add(base + "/fr/");
            case "search" -> {
                for (String q : List.of("coton", "chaussure", "sac", "bleu", "lampe", "veste")) {
                    urls.add(base + "/fr/search?q=" + q);
                }
            }
            case "bare" -> urls.add(base + "/health/live");
            default -> throw new IllegalArgumentException("unknown page kind " + page);
        }
        if (urls.isEmpty()) {
            throw new IllegalStateException("no URLs for " + page + " (is the demo catalog loaded?)");
        }
        return urls;
    }

    private static void collectCategories(JsonNode nodes, String base, List<String> urls) {
        for (JsonNode c : nodes) {
            urls.add(base + "/fr/c/" + c.path("slug").asText());
            collectCategories(c.path("children"), base, urls);
        }
    }

    private static JsonNode get(HttpClient client, String url) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    static void runClosed(HttpClient client, List<String> urls, int connections, int seconds)
            throws InterruptedException {
        runClosed(client, urls, connections, seconds, new Histogram(60_000_000_000L, 3), new long[1]);
    }

    /** N workers, each sending its next request when the previous answered; returns requests/s. */
    static double runClosed(HttpClient client, List<String> urls, int connections, int seconds, Histogram h,
            long[] errors) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            workers.add(Thread.ofVirtual().start(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    String url = urls.get(rnd.nextInt(urls.size()));
                    long t0 = System.nanoTime();
                    if (!fetch(client, url)) {
                        failed.incrementAndGet();
                    }
                    recorder.recordValue(Math.min(System.nanoTime() - t0, 59_000_000_000L));
                    done.incrementAndGet();
                }
            }));
        }
        long start = System.nanoTime();
        for (Thread t : workers) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        h.add(recorder.getIntervalHistogram());
        errors[0] = failed.get();
        return done.get() / elapsed;
    }

    /** Requests started at a fixed rate; latency counted from the intended start (no coordinated omission). */
    private static void runOpen(HttpClient client, List<String> urls, double rate, int seconds, Histogram h)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long total = (long) (rate * seconds);
        List<Thread> inflight = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String url = urls.get(ThreadLocalRandom.current().nextInt(urls.size()));
            inflight.add(Thread.ofVirtual().start(() -> {
                fetch(client, url);
                recorder.recordValue(Math.min(System.nanoTime() - intended, 59_000_000_000L));
            }));
            if (inflight.size() > 10_000) {
                inflight.removeIf(t -> !t.isAlive());
            }
        }
        for (Thread t : inflight) {
            t.join();
        }
        h.add(recorder.getIntervalHistogram());
    }

    private static boolean fetch(HttpClient client, String url) {
        try {
            // A time-out per request: one stuck exchange must not hang the whole run.
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        return m;
    }
}
