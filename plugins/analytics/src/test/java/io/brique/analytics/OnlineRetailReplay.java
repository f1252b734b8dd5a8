package io.brique.analytics;

import io.brique.testkit.BriqueTestServer;
import io.brique.testing.HttpSession;
import java.io.BufferedReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluation (not a test, needs the dataset): replays {@code ../shared/datasets/online-retail} as
 * purchase and refund events through the HTTP collection API of a real shop, then compares the
 * plugin's reports with an independent computation made here from the CSV with plain maps.
 * Run: {@code ./brique replay-analytics [csv] [h2|mariadb]}.
 * <p>Rules (the same on both sides): an invoice is an order of its CustomerID (guests: no customer),
 * dated by its first line (UTC), worth the sum of quantity x unit price rounded to pence; invoices with
 * a total <= 0 that are not cancellations are skipped; a cancellation (invoice {@code C...}) refunds the
 * customer's latest earlier order (capped at its total), guest cancellations cannot be matched and are
 * dropped; an order counts when its net (total - refunds) is > 0.
 */
public final class OnlineRetailReplay {

    static final Instant NOW = Instant.parse("2011-10-01T00:00:00Z");

    record Inv(String no, Instant at, Long customer, long totalMinor, List<String[]> lines) {
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args.length > 0 ? args[0]
                : "../shared/datasets/online-retail/online_retail_2010-12_2011-09.csv");
        if (args.length > 1) {
            System.setProperty("brique.test.db", args[1]);
        }
        List<Inv> invoices = read(csv);
        // ------------------------------------------------ independent computation
        Map<String, Inv> purchases = new LinkedHashMap<>();
        Map<String, Long> refunded = new HashMap<>();
        Map<String, String> refundTarget = new HashMap<>();
        Map<Long, List<Inv>> byCustomer = new HashMap<>();
        int droppedCancellations = 0;
        int skipped = 0;
        for (Inv i : invoices) {
            if (i.no().startsWith("C")) {
                Inv target = i.customer() == null ? null : latestBefore(byCustomer.get(i.customer()), i.at());
                if (target == null) {
                    droppedCancellations++;
                    continue;
                }
                refundTarget.put(i.no(), target.no());
                refunded.merge(target.no(), -i.totalMinor(), Long::sum);
            } else if (i.totalMinor() > 0) {
                purchases.put(i.no(), i);
                if (i.customer() != null) {
                    byCustomer.computeIfAbsent(i.customer(), k -> new ArrayList<>()).add(i);
                }
            } else {
                skipped++;
            }
        }
        long orders = 0;
        long revenue = 0;
        Map<Long, long[]> perCustomer = new HashMap<>(); // orders, net, last order epoch minutes
        for (Inv p : purchases.values()) {
            long net = p.totalMinor() - Math.min(p.totalMinor(), refunded.getOrDefault(p.no(), 0L));
            if (net <= 0) {
                continue;
            }
            orders++;
            revenue += net;
            if (p.customer() != null) {
                long[] a = perCustomer.computeIfAbsent(p.customer(), k -> new long[] {0, 0, Long.MIN_VALUE});
                a[0]++;
                a[1] += net;
                a[2] = Math.max(a[2], p.at().getEpochSecond() / 60);
            }
        }
        long customers = perCustomer.size();
        long repeat = perCustomer.values().stream().filter(a -> a[0] >= 2).count();
        Map<String, Long> rfmExpected = rfm(perCustomer);

        // ------------------------------------------------ replay through the collection API
        try (BriqueTestServer shop = replayShop()) {
            HttpSession http = shop.http();
            long t0 = System.nanoTime();
            List<String> batch = new ArrayList<>();
            int size = 0;
            int requests = 0;
            int sentEvents = 0;
            for (Inv i : invoices) {
                String event = i.no().startsWith("C") ? refundEvent(i, refundTarget.get(i.no()))
                        : i.totalMinor() > 0 ? purchaseEvent(i) : null;
                if (event == null) {
                    continue;
                }
                if (!batch.isEmpty() && (batch.size() == 20 || size + event.length() > 60_000)) {
                    send(http, HEADERS, batch);
                    requests++;
                    batch.clear();
                    size = 0;
                }
                batch.add(event);
                size += event.length() + 1;
                sentEvents++;
            }
            if (!batch.isEmpty()) {
                send(http, HEADERS, batch);
                requests++;
            }
            shop.disable("analytics"); // the collector writes everything accepted before it stops
            double seconds = (System.nanoTime() - t0) / 1e9;
            shop.enable("analytics");
            var ctx = shop.pluginContext("analytics");
            Reports reports = new Reports(new ReportData(ctx.dataSource(), ctx.tablePrefix()), NOW);
            Reports.Range all = new Reports.Range(LocalDate.parse("2010-12-01"), LocalDate.parse("2011-09-30"));
            Map<String, Reports.Kpi> k = new HashMap<>();
            reports.build("ecommerce", all, null).kpis().forEach(x -> k.put(x.label(), x));
            Map<Long, Segments.Customer> seg = reports.customers();
            long pCustomers = seg.values().stream().filter(c -> c.orders() > 0).count();
            long pRepeat = seg.values().stream().filter(c -> c.orders() >= 2).count();
            Map<String, Long> rfmPlugin = Segments.countBy(seg.values(), Segments.Customer::rfmSegment, Segments.RFM_NAMES);

            System.out.printf(Locale.ROOT, "%ninvoices read %d, events sent %d in %d requests (%.1f s incl. final flush),"
                    + " database %s; skipped non-positive invoices %d, unmatched (guest or first) cancellations %d%n%n",
                    invoices.size(), sentEvents, requests, seconds, BriqueTestServer.databaseKind(), skipped,
                    droppedCancellations);
            System.out.println("| figure | independent (CSV) | plugin (reports) | equal |");
            System.out.println("| --- | --- | --- | --- |");
            row("orders", Long.toString(orders), k.get("Orders").value());
            row("revenue net of refunds", BigDecimal.valueOf(revenue, 2).toPlainString() + " GBP",
                    k.get("Revenue (net of refunds)").value());
            row("average order value", BigDecimal.valueOf(revenue / orders, 2).toPlainString() + " GBP",
                    k.get("Average order value").value());
            row("customers with an order", Long.toString(customers), Long.toString(pCustomers));
            row("repeat customers (2+ orders)", Long.toString(repeat), Long.toString(pRepeat));
            row("repeat-purchase rate", String.format(Locale.ROOT, "%.2f %%", 100.0 * repeat / customers),
                    String.format(Locale.ROOT, "%.2f %%", 100.0 * pRepeat / pCustomers));
            for (String name : Segments.RFM_NAMES) {
                row("RFM " + name, Long.toString(rfmExpected.getOrDefault(name, 0L)), Long.toString(rfmPlugin.get(name)));
            }
        }
    }

    /** Headers of replay requests: the import token (old timestamps, no bot filter). */
    static final Map<String, String> HEADERS = Map.of("Authorization", "Bearer replay-token", "User-Agent", "brique-replay");

    /** A shop with the plugin enabled in consented mode, long retention and the import token of {@link #HEADERS}. */
    static BriqueTestServer replayShop() {
        BriqueTestServer shop = BriqueTestServer.start();
        shop.installFolder(Path.of("target/classes"));
        shop.enable("analytics");
        shop.saveSettings("analytics", Map.of("mode", "consented", "retention_days", "3650", "queue_batches", "5000",
                "tracker", "true", "import_token", "replay-token"));
        return shop;
    }

    static void row(String name, String expected, String actual) {
        System.out.printf("| %s | %s | %s | %s |%n", name, expected, actual, expected.equals(actual) ? "yes" : "**NO**");
    }

    static void send(HttpSession http, Map<String, String> headers, List<String> events) {
        String body = "{\"consent\":true,\"events\":[" + String.join(",", events) + "]}";
        HttpSession.Response r = http.postJson(OnlineRetailReplay.API, body, headers);
        if (r.status() != 202) {
            throw new IllegalStateException(r.status() + " " + r.body());
        }
    }

    static final String API = "/api/v1/plugins/analytics/collect";

    static String purchaseEvent(Inv i) {
        StringBuilder b = new StringBuilder("{\"name\":\"purchase\",\"ts\":").append(i.at().toEpochMilli());
        if (i.customer() != null) {
            b.append(",\"user_id\":\"").append(i.customer()).append('"');
        }
        b.append(",\"params\":{\"transaction_id\":").append(Json.quote(i.no())).append(",\"currency\":\"GBP\",\"value\":")
                .append(BigDecimal.valueOf(i.totalMinor(), 2).toPlainString()).append("},\"items\":[");
        int n = 0;
        for (String[] l : i.lines()) {
            int qty = Integer.parseInt(l[3]);
            if (qty < 1 || n == 200) {
                continue;
            }
            BigDecimal price = new BigDecimal(l[5]).setScale(2, RoundingMode.HALF_UP);
            b.append(n++ == 0 ? "" : ",").append("{\"item_id\":").append(Json.quote(l[1])).append(",\"item_name\":")
                    .append(Json.quote(l[2].length() > 200 ? l[2].substring(0, 200) : l[2])).append(",\"price\":")
                    .append(price.toPlainString()).append(",\"quantity\":").append(qty).append('}');
        }
        return b.append("]}").toString();
    }

    static String refundEvent(Inv i, String target) {
        if (target == null) {
            return null;
        }
        return "{\"name\":\"refund\",\"ts\":" + i.at().toEpochMilli() + ",\"user_id\":\"" + i.customer()
                + "\",\"params\":{\"transaction_id\":" + Json.quote(target) + ",\"currency\":\"GBP\",\"value\":"
                + BigDecimal.valueOf(-i.totalMinor(), 2).toPlainString() + "}}";
    }

    static Inv latestBefore(List<Inv> orders, Instant at) {
        if (orders == null) {
            return null;
        }
        Inv best = null;
        for (Inv o : orders) {
            if (!o.at().isAfter(at) && (best == null || !o.at().isBefore(best.at()))) {
                best = o;
            }
        }
        return best;
    }

    /** RFM named-segment sizes, written again here (not the plugin's code): quintiles of ranks, ties share. */
    static Map<String, Long> rfm(Map<Long, long[]> perCustomer) {
        List<Map.Entry<Long, long[]>> entries = new ArrayList<>(perCustomer.entrySet());
        Map<Long, Integer> r = quintiles(entries, e -> (double) e.getValue()[2]); // later last order = better
        Map<Long, Integer> f = quintiles(entries, e -> (double) e.getValue()[0]);
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<Long, long[]> e : entries) {
            int rs = r.get(e.getKey());
            int fs = f.get(e.getKey());
            String name = rs >= 4 && fs >= 4 ? "champions" : rs >= 3 && fs >= 3 ? "loyal" : rs <= 2 && fs >= 3 ? "at_risk"
                    : rs >= 4 ? "promising" : "hibernating";
            out.merge(name, 1L, Long::sum);
        }
        return out;
    }

    static Map<Long, Integer> quintiles(Collection<Map.Entry<Long, long[]>> entries,
            java.util.function.ToDoubleFunction<Map.Entry<Long, long[]>> value) {
        List<Map.Entry<Long, long[]>> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingDouble(value));
        Map<Long, Integer> out = new HashMap<>();
        int score = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i == 0 || value.applyAsDouble(sorted.get(i)) != value.applyAsDouble(sorted.get(i - 1))) {
                score = 1 + (int) ((long) i * 5 / sorted.size());
            }
            out.put(sorted.get(i).getKey(), score);
        }
        return out;
    }

    static List<Inv> read(Path csv) throws Exception {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        Map<String, List<String[]>> lines = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] c = OnlineCsv.split(line);
                lines.computeIfAbsent(c[0], k -> new ArrayList<>()).add(c);
            }
        }
        List<Inv> out = new ArrayList<>();
        lines.forEach((no, ls) -> {
            String[] first = ls.get(0);
            Instant at = LocalDateTime.parse(first[4], f).toInstant(ZoneOffset.UTC);
            Long customer = first[6].isBlank() ? null : new BigDecimal(first[6]).longValueExact();
            BigDecimal total = BigDecimal.ZERO;
            for (String[] l : ls) {
                total = total.add(new BigDecimal(l[3]).multiply(new BigDecimal(l[5])));
            }
            out.add(new Inv(no, at, customer, total.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact(), ls));
        });
        out.sort(Comparator.comparing(Inv::at));
        return out;
    }
}
