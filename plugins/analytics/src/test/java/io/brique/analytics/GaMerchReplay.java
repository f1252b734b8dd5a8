package io.brique.analytics;

import io.brique.testkit.BriqueTestServer;
import io.brique.testing.HttpSession;
import java.io.BufferedReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluation (not a test, needs the dataset): replays the hits of {@code ../shared/datasets/ga-merch-store}
 * (Google Merchandise Store extract: visitor id, visit start, hit time, channel grouping, page, e-commerce
 * action, transactions) through the HTTP collection API of a real shop (consented mode, one client id per
 * GA visitor, the import token for the 2016-2017 timestamps), then compares the traffic, acquisition
 * and e-commerce reports, read live from the events and again after the daily rollup, with figures
 * computed here from the CSV with plain maps. Run: {@code ./brique replay-analytics ga-merch [csv] [h2|mariadb]}.
 * <p>What is sent: each PAGE hit a {@code page_view}; EVENT hits by e-commerce action (1 select_item,
 * 2 view_item, 3 add_to_cart, 4 remove_from_cart, 5 begin_checkout, 6 or 0 click); a hit with a
 * transaction id also a {@code purchase} (once per transaction, value = transaction revenue / 10^6 USD).
 * The first hit of each GA visit carries its traffic source: Organic Search a google.com referrer,
 * Referral another site's referrer, Paid Search utm cpc, Affiliates utm affiliate, Display utm display,
 * Direct and (Other) a direct landing.
 * <p>Independent rules (the plugin's documented definitions, written again here): a visitor's hits in
 * time order form one visit until 30 minutes pass without a hit or a landing with another traffic source
 * arrives; page views are page_view hits (the product and list views when a visit has none); a bounce
 * is a visit with at most one page and no other interaction; a conversion is a visit with a purchase.
 */
public final class GaMerchReplay {

    record GaHit(String visitor, long visitId, Instant at, String group, String type, String action, String page,
            String transactionId, long revenueMicros) {
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args.length > 0 ? args[0] : "../shared/datasets/ga-merch-store/all_sessions.csv");
        if (args.length > 1) {
            System.setProperty("brique.test.db", args[1]);
        }
        List<GaHit> hits = read(csv);
        hits.sort(Comparator.comparing(GaHit::visitor).thenComparing(GaHit::at));

        // ------------------------------------------------ independent computation
        Set<String> gaVisits = new HashSet<>();
        hits.forEach(h -> gaVisits.add(h.visitor() + "/" + h.visitId()));
        Set<String> landingSeen = new HashSet<>();
        Set<String> transactions = new HashSet<>();
        long visits = 0, pageViews = 0, bounces = 0, conversions = 0, revenueMicros = 0;
        Map<String, long[]> byChannel = new TreeMap<>(); // visits, conversions
        Set<String> visitors = new HashSet<>();
        String visitor = null;
        String sessionGroup = null;
        Instant last = null;
        List<String> names = new ArrayList<>();
        for (GaHit h : hits) {
            boolean landing = landingSeen.add(h.visitor() + "/" + h.visitId());
            String group = sourceGroup(h.group());
            // a direct landing is marked on page views only; other landings carry a referrer or UTM parameters
            boolean carriesSource = landing && (!group.equals("Direct") || name(h).equals("page_view"));
            boolean newVisit = !h.visitor().equals(visitor) || h.at().isAfter(last.plusSeconds(30 * 60))
                    || carriesSource && !group.equals(sessionGroup);
            if (newVisit) {
                if (!names.isEmpty()) {
                    long[] f = close(names, sessionGroup, byChannel);
                    visits++;
                    pageViews += f[0];
                    bounces += f[1];
                    conversions += f[2];
                }
                names.clear();
                visitor = h.visitor();
                sessionGroup = carriesSource ? group : "Direct"; // a visit without a source is direct
                visitors.add(h.visitor());
            }
            last = h.at();
            names.add(name(h));
            if (h.transactionId() != null && transactions.add(h.transactionId())) {
                names.add("purchase");
                revenueMicros += h.revenueMicros();
            }
        }
        long[] f = close(names, sessionGroup, byChannel);
        visits++;
        pageViews += f[0];
        bounces += f[1];
        conversions += f[2];

        // ------------------------------------------------ replay through the collection API
        LocalDate first = LocalDate.ofInstant(hits.stream().map(GaHit::at).min(Comparator.naturalOrder()).orElseThrow(),
                ZoneOffset.UTC);
        LocalDate lastDay = LocalDate.ofInstant(hits.stream().map(GaHit::at).max(Comparator.naturalOrder()).orElseThrow(),
                ZoneOffset.UTC);
        try (BriqueTestServer shop = OnlineRetailReplay.replayShop()) {
            HttpSession http = shop.http();
            long t0 = System.nanoTime();
            int requests = 0;
            int sent = 0;
            Set<String> landed = new HashSet<>();
            Set<String> bought = new HashSet<>();
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < hits.size(); i++) {
                GaHit h = hits.get(i);
                batch.add(event(h, landed.add(h.visitor() + "/" + h.visitId())));
                if (h.transactionId() != null && bought.add(h.transactionId())) {
                    batch.add(purchase(h));
                }
                boolean flush = i + 1 == hits.size() || !hits.get(i + 1).visitor().equals(h.visitor()) || batch.size() >= 18;
                if (flush) {
                    String body = "{\"client_id\":\"ga-" + h.visitor() + "\",\"consent\":true,\"events\":["
                            + String.join(",", batch) + "]}";
                    HttpSession.Response r = http.postJson(OnlineRetailReplay.API, body, OnlineRetailReplay.HEADERS);
                    if (r.status() != 202) {
                        throw new IllegalStateException(r.status() + " " + r.body() + " for " + body);
                    }
                    requests++;
                    sent += batch.size();
                    batch.clear();
                }
            }
            shop.disable("analytics"); // the collector writes everything accepted before it stops
            double seconds = (System.nanoTime() - t0) / 1e9;
            shop.enable("analytics");
            var ctx = shop.pluginContext("analytics");
            Instant now = lastDay.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
            Reports.Range range = new Reports.Range(first, lastDay);
            System.out.printf(Locale.ROOT, "%nhits read %d (GA visits %d), events sent %d in %d requests (%.1f s incl."
                    + " final flush), database %s, range %s to %s%n", hits.size(), gaVisits.size(), sent, requests, seconds,
                    BriqueTestServer.databaseKind(), first, lastDay);
            Map<String, Object> live = figures(new Reports(new ReportData(ctx.dataSource(), ctx.tablePrefix()), now), range);
            long r0 = System.nanoTime();
            int days = 0;
            int n;
            while ((n = new Rollup(ctx.dataSource(), ctx.tablePrefix()).run(now)) > 0) {
                days += n;
            }
            System.out.printf(Locale.ROOT, "daily rollup: %d days in %.1f s%n", days, (System.nanoTime() - r0) / 1e9);
            Map<String, Object> rolled = figures(new Reports(new ReportData(ctx.dataSource(), ctx.tablePrefix()), now), range);
            System.out.println();
            System.out.println("| figure | independent (CSV) | plugin, live | plugin, rolled up | equal |");
            System.out.println("| --- | --- | --- | --- | --- |");
            row("visits", visits, live, rolled);
            row("visitors", visitors.size(), live, rolled);
            row("page views", pageViews, live, rolled);
            row("bounce rate", Reports.pct((double) bounces / visits), live, rolled);
            row("converting visits", conversions, live, rolled);
            row("conversion rate", Reports.pct((double) conversions / visits), live, rolled);
            row("orders", transactions.size(), live, rolled);
            row("revenue", BigDecimal.valueOf(revenueMicros).divide(BigDecimal.valueOf(1_000_000), 2, RoundingMode.HALF_UP)
                    .toPlainString() + " USD", live, rolled);
            for (String ch : List.of("organic", "direct", "referral", "paid")) {
                long[] a = byChannel.getOrDefault(ch, new long[2]);
                row("visits " + ch, a[0], live, rolled);
                row("conversions " + ch, a[1], live, rolled);
            }
        }
    }

    static long[] close(List<String> names, String group, Map<String, long[]> byChannel) {
        long pv = names.stream().filter("page_view"::equals).count();
        if (pv == 0) {
            pv = names.stream().filter(n -> n.equals("view_item") || n.equals("view_item_list")).count();
        }
        boolean interacted = names.stream().anyMatch(n -> !n.equals("page_view") && !n.equals("view_item")
                && !n.equals("view_item_list"));
        boolean converted = names.contains("purchase");
        long[] c = byChannel.computeIfAbsent(channel(group), k -> new long[2]);
        c[0]++;
        c[1] += converted ? 1 : 0;
        return new long[] {pv, pv <= 1 && !interacted ? 1 : 0, converted ? 1 : 0};
    }

    /** GA channel groups sent with the same traffic source (the sessionisation compares sources). */
    static String sourceGroup(String group) {
        return group.equals("(Other)") ? "Direct" : group;
    }

    /** Our channel for a GA channel group (written here, not taken from the plugin's classifier). */
    static String channel(String group) {
        return switch (group) {
            case "Organic Search" -> "organic";
            case "Referral" -> "referral";
            case "Paid Search", "Affiliates", "Display" -> "paid";
            default -> "direct";
        };
    }

    static String name(GaHit h) {
        if (h.type().equals("PAGE")) {
            return "page_view";
        }
        return switch (h.action()) {
            case "1" -> "select_item";
            case "2" -> "view_item";
            case "3" -> "add_to_cart";
            case "4" -> "remove_from_cart";
            case "5" -> "begin_checkout";
            default -> "click";
        };
    }

    static String event(GaHit h, boolean landing) {
        StringBuilder b = new StringBuilder("{\"name\":\"").append(name(h)).append("\",\"ts\":").append(h.at().toEpochMilli());
        if (landing && sourceGroup(h.group()).equals("Direct") && name(h).equals("page_view")) {
            b.append(",\"landing\":true");
        }
        b.append(",\"params\":{\"page_location\":\"https://shop.googlemerchandisestore.com")
                .append(h.page() == null ? "/" : h.page().replace("\"", "").replace("\\", ""));
        if (landing) {
            switch (h.group()) {
                case "Paid Search" -> b.append("?utm_source=google&utm_medium=cpc");
                case "Affiliates" -> b.append("?utm_source=partner&utm_medium=affiliate");
                case "Display" -> b.append("?utm_source=dfa&utm_medium=display");
                default -> {
                }
            }
        }
        b.append('"');
        if (landing && h.group().equals("Organic Search")) {
            b.append(",\"page_referrer\":\"https://www.google.com/\"");
        } else if (landing && h.group().equals("Referral")) {
            b.append(",\"page_referrer\":\"https://www.youtube-partner-site.example/\"");
        }
        return b.append("}}").toString();
    }

    static String purchase(GaHit h) {
        return "{\"name\":\"purchase\",\"ts\":" + h.at().toEpochMilli() + ",\"params\":{\"transaction_id\":\""
                + h.transactionId() + "\",\"currency\":\"USD\",\"value\":" + BigDecimal.valueOf(h.revenueMicros())
                        .divide(BigDecimal.valueOf(1_000_000), 2, RoundingMode.HALF_UP).toPlainString() + "}}";
    }

    /** The figures the plugin's reports give (keys as the rows of the table). */
    static Map<String, Object> figures(Reports reports, Reports.Range range) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Reports.Kpi> t = new HashMap<>();
        reports.build("traffic", range, null).kpis().forEach(k -> t.put(k.label(), k));
        Map<String, Reports.Kpi> e = new HashMap<>();
        reports.build("ecommerce", range, null).kpis().forEach(k -> e.put(k.label(), k));
        out.put("visits", t.get("Visits").value());
        out.put("visitors", t.get("Visitors").value());
        out.put("page views", t.get("Page views").value());
        out.put("bounce rate", t.get("Bounce rate").value());
        out.put("conversion rate", e.get("Conversion rate").value());
        out.put("orders", e.get("Orders").value());
        out.put("revenue", e.get("Revenue (net of refunds)").value());
        long conv = 0;
        for (List<String> row : reports.build("acquisition", range, null).tables().get(0).rows()) {
            out.put("visits " + row.get(0), row.get(1));
            out.put("conversions " + row.get(0), row.get(2));
            conv += Long.parseLong(row.get(2));
        }
        out.put("converting visits", Long.toString(conv));
        return out;
    }

    static void row(String name, Object expected, Map<String, Object> live, Map<String, Object> rolled) {
        String e = String.valueOf(expected);
        String l = String.valueOf(live.getOrDefault(name, "0"));
        String r = String.valueOf(rolled.getOrDefault(name, "0"));
        System.out.printf("| %s | %s | %s | %s | %s |%n", name, e, l, r, e.equals(l) && e.equals(r) ? "yes" : "**NO**");
    }

    static List<GaHit> read(Path csv) throws Exception {
        List<GaHit> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<String> header = List.of(OnlineCsv.split(in.readLine()));
            Map<String, Integer> col = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                col.put(header.get(i), i);
            }
            String line;
            while ((line = in.readLine()) != null) {
                List<String> c = List.of(OnlineCsv.split(line));
                long visitId = Long.parseLong(c.get(col.get("visitId")));
                long time = Long.parseLong(c.get(col.get("time")));
                String tx = c.get(col.get("transactionId"));
                String rev = c.get(col.get("transactionRevenue"));
                if (rev.isEmpty()) {
                    rev = c.get(col.get("totalTransactionRevenue"));
                }
                out.add(new GaHit(c.get(col.get("fullVisitorId")), visitId,
                        Instant.ofEpochSecond(visitId).plusMillis(time), c.get(col.get("channelGrouping")),
                        c.get(col.get("type")), c.get(col.get("eCommerceAction_type")),
                        c.get(col.get("pagePathLevel1")), tx.isEmpty() ? null : tx, rev.isEmpty() ? 0 : Long.parseLong(rev)));
            }
        }
        return out;
    }
}
