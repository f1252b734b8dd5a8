package io.brique.analytics;

import io.brique.testkit.BriqueTestServer;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Benchmark (not a test): events/s through the HTTP collection API in batches of 20 into the
 * database, next to raw JDBC batch inserts of the same rows into copies of the same tables, in the
 * same run and the same connection pool; p50/p99 of the endpoint. Run:
 * {@code ./brique bench-analytics [seconds] [clients] [h2|mariadb]} (default 20 s, 32 clients, mariadb).
 */
public final class AnalyticsBench {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        System.setProperty("brique.test.db", args.length > 2 ? args[2] : "mariadb");
        try (BriqueTestServer shop = BriqueTestServer.start(Map.of("log.level", "WARN"))) {
            shop.installFolder(java.nio.file.Path.of("target/classes"));
            shop.enable("analytics");
            DataSource db = shop.pluginContext("analytics").dataSource();
            String url = shop.baseUrl() + "/api/v1/plugins/analytics/collect";
            Object client = null;
            List<String> bodies = new ArrayList<>();
            for (int b = 0; b < 64; b++) {
                bodies.add(batch(b));
            }
            System.out.println("warm-up 8 s...");
            long[] warm = run(client, url, bodies, clients, 8, new ArrayList<>());
            waitWritten(db, warm[0]);
            List<long[]> latencies = new ArrayList<>();
            long t0 = System.nanoTime();
            long[] r = run(client, url, bodies, clients, seconds, latencies);
            double acceptSeconds = (System.nanoTime() - t0) / 1e9;
            waitWritten(db, warm[0] + r[0]);
            double httpSeconds = (System.nanoTime() - t0) / 1e9;
            double httpRate = r[0] / httpSeconds;
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();

            // raw JDBC: the same rows (events and items) into copies of the tables, batches of 2,000 events
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench_raw_event AS SELECT * FROM analytics_event WHERE 1 = 0");
                s.execute("CREATE TABLE bench_raw_item AS SELECT * FROM analytics_event_item WHERE 1 = 0");
            }
            long rows = r[0];
            long t1 = System.nanoTime();
            rawInsert(db, rows);
            double rawSeconds = (System.nanoTime() - t1) / 1e9;
            double rawRate = rows / rawSeconds;
            System.out.printf(Locale.ROOT, "%nHTTP: %d events accepted in %.1f s (%d refused 503), all written after %.1f s;"
                    + " raw JDBC: %d events in %.1f s%n%n", r[0], acceptSeconds, r[1], httpSeconds, rows, rawSeconds);
            System.out.println("| date | database | clients | HTTP API events/s (batches of 20, written) | raw JDBC events/s"
                    + " | ratio | p50 ms | p99 ms | 503s |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f | %.2f | %.2f | %.2f | %d |%n", LocalDate.now(),
                    BriqueTestServer.databaseKind(), clients, httpRate, rawRate, httpRate / rawRate,
                    pct(all, 50) / 1e6, pct(all, 99) / 1e6, r[1]);
        }
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }

    /** Returns {events accepted, batches refused}. */
    static long[] run(Object unusedClient, String url, List<String> bodies, int clients, int seconds, List<long[]> latencies)
            throws InterruptedException {
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int offset = i;
            long[][] mine = new long[1][];
            threads.add(Thread.ofPlatform().start(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                int k = offset;
                // a minimal HTTP/1.1 keep-alive client: the load generator shares the 2 cores with the
                // server, and java.net.http costs several times more CPU per request than this
                URI u = URI.create(url);
                try (java.net.Socket sock = new java.net.Socket(u.getHost(), u.getPort())) {
                    sock.setTcpNoDelay(true);
                    java.io.OutputStream out = new java.io.BufferedOutputStream(sock.getOutputStream());
                    java.io.InputStream in = new java.io.BufferedInputStream(sock.getInputStream());
                    while (System.nanoTime() < end) {
                        byte[] body = bodies.get(k++ % bodies.size()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        String head = "POST " + u.getRawPath() + " HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort()
                                + "\r\nContent-Type: application/json\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)"
                                + " Chrome/140.0 Safari/537.36\r\nContent-Length: " + body.length + "\r\n\r\n";
                        long t = System.nanoTime();
                        out.write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                        out.write(body);
                        out.flush();
                        int status = readResponse(in);
                        if (status == 202) {
                            accepted.addAndGet(20);
                        } else if (status == 503) {
                            refused.incrementAndGet();
                            try {
                                Thread.sleep(1000); // as the answer's Retry-After: 1 asks
                            } catch (InterruptedException e) {
                                return;
                            }
                        } else {
                            throw new IllegalStateException("status " + status);
                        }
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = System.nanoTime() - t;
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                mine[0] = Arrays.copyOf(lat, n);
                synchronized (latencies) {
                    latencies.add(mine[0]);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new long[] {accepted.get(), refused.get()};
    }

    /** Reads one response (Content-Length or chunked body) and returns its status. */
    static int readResponse(java.io.InputStream in) throws java.io.IOException {
        String status = line(in);
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        String h;
        while (!(h = line(in)).isEmpty()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            int size;
            while ((size = Integer.parseInt(line(in).trim(), 16)) > 0) {
                in.readNBytes(size + 2);
            }
            line(in);
        } else if (length > 0) {
            in.readNBytes(length);
        }
        return code;
    }

    static String line(java.io.InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        if (c == -1 && b.isEmpty()) {
            throw new java.io.EOFException("connection closed");
        }
        return b.toString();
    }

    static void waitWritten(DataSource db, long expected) throws Exception {
        long deadline = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < deadline) {
            try (Connection c = db.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM analytics_event")) {
                rs.next();
                if (rs.getLong(1) >= expected) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("events not written within 10 minutes");
    }

    /** The rows the writer makes for {@link #batch}: same columns, same kinds of values. */
    static void rawInsert(DataSource db, long rows) throws Exception {
        long id = 1;
        Timestamp now = new Timestamp(System.currentTimeMillis());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            for (long done = 0; done < rows; ) {
                int n = (int) Math.min(2000, rows - done);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO bench_raw_event (id, event_uid, occurred_at, name,"
                        + " origin, visitor_key, customer_id, consented, page, referrer_host, channel, source, medium, campaign,"
                        + " value_minor, currency, transaction_id, search_term, result_count, target)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                        PreparedStatement it = c.prepareStatement("INSERT INTO bench_raw_item (event_id, idx, item_id,"
                                + " item_name, category, price_minor, quantity) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < n; i++) {
                        long eid = id++;
                        s.setLong(1, eid);
                        s.setString(2, null);
                        s.setTimestamp(3, now);
                        s.setString(4, "add_to_cart");
                        s.setString(5, "web");
                        s.setString(6, "a:0123456789abcdef0123456789abcdef");
                        s.setNull(7, java.sql.Types.BIGINT);
                        s.setBoolean(8, false);
                        s.setString(9, "/en/p/product-" + (eid % 500));
                        s.setString(10, null);
                        s.setString(11, eid % 20 == 0 ? "organic" : null);
                        s.setString(12, eid % 20 == 0 ? "www.google.com" : null);
                        s.setString(13, null);
                        s.setString(14, null);
                        s.setLong(15, 1250);
                        s.setString(16, "EUR");
                        s.setString(17, null);
                        s.setString(18, null);
                        s.setNull(19, java.sql.Types.INTEGER);
                        s.setString(20, null);
                        s.addBatch();
                        it.setLong(1, eid);
                        it.setInt(2, 0);
                        it.setString(3, "SKU-" + (eid % 500));
                        it.setString(4, "Product " + (eid % 500));
                        it.setString(5, "Category " + (eid % 12));
                        it.setLong(6, 1250);
                        it.setInt(7, 1);
                        it.addBatch();
                    }
                    s.executeBatch();
                    it.executeBatch();
                }
                c.commit();
                done += n;
            }
            c.setAutoCommit(true);
        }
    }

    /** 20 GA4-shaped events, one item each (the first a landing from Google). */
    static String batch(int b) {
        StringBuilder s = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 20; i++) {
            int p = (b * 20 + i) % 500;
            s.append(i == 0 ? "" : ",").append("{\"name\":\"add_to_cart\",\"params\":{\"page_location\":")
                    .append("\"https://shop.example/en/p/product-").append(p).append("\",")
                    .append(i == 0 ? "\"page_referrer\":\"https://www.google.com/\"," : "")
                    .append("\"currency\":\"EUR\",\"value\":12.50},\"items\":[{\"item_id\":\"SKU-").append(p)
                    .append("\",\"item_name\":\"Product ").append(p).append("\",\"item_category\":\"Category ")
                    .append(p % 12).append("\",\"price\":12.50,\"quantity\":1}]}");
        }
        return s.append("]}").toString();
    }
}
