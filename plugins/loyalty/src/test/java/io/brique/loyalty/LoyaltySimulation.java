package io.brique.loyalty;

import io.brique.api.event.DomainEvent;
import io.brique.api.event.Events;
import io.brique.api.plugin.PluginContext;
import io.brique.api.plugin.PluginSettings;
import io.brique.testkit.BriqueTestServer;
import java.io.BufferedReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;

/**
 * Evaluation (not a test, needs the dataset): runs the loyalty programme over
 * {@code ../shared/datasets/online-retail} in time order on a real shop database, with a simulated clock.
 * Run: {@code ./brique simulate-loyalty [csv] [h2|mariadb]}.
 * <p>Rules: an invoice with a CustomerID and a positive total is an order (placed at its first line's time,
 * one line worth the invoice total); a cancellation ({@code C...}) refunds the customer's latest earlier order,
 * capped at what is left of it (fully refunded when nothing is left); guests earn nothing. Before an order, a
 * customer holding at least 1,000 available points redeems 1,000 (10 £ at 100 points per unit). Programme: 1
 * point per unit (pound) of items, 14-day return window, points expire 180 days after they become available,
 * default tiers (Bronze 0, Silver 500, Gold 2,000 points over 365 days; x1, x1.25, x1.5). Every simulated day
 * the pending points due are confirmed and the expired ones expired, as the plugin's jobs do.
 * <p>Checked at the end: the ledger's own reconciliation finds nothing; the points the simulation redeemed
 * equal the ledger's spends; issued - reversed - redeemed - expired = outstanding (available + pending) =
 * the sum of every customer's balance.
 */
public final class LoyaltySimulation {

    static final Instant END = Instant.parse("2011-10-01T00:00:00Z");
    static final long REDEEM = 1_000;

    record Inv(String no, Instant at, Long customer, long totalMinor) {
    }

    /** The plugin's context with a clock the simulation moves. */
    record SimContext(PluginContext base, Clock clock) implements PluginContext {
        public String pluginId() {
            return base.pluginId();
        }

        public PluginSettings settings() {
            return base.settings();
        }

        public DataSource dataSource() {
            return base.dataSource();
        }

        public String tablePrefix() {
            return base.tablePrefix();
        }

        public String databaseKind() {
            return base.databaseKind();
        }

        public void publish(DomainEvent event) {
            base.publish(event);
        }

        public void schedule(String name, Duration every, boolean oncePerCluster, Runnable job) {
            // the simulation runs the jobs itself, once per simulated day
        }

        public HttpClient httpClient() {
            return base.httpClient();
        }

        public void count(String name, long delta) {
        }

        public Logger logger() {
            return base.logger();
        }

        public io.brique.api.view.PluginTemplates templates() {
            return base.templates();
        }
    }

    /** A clock set by the simulation. */
    static final class SimClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args.length > 0 ? args[0]
                : "../shared/datasets/online-retail/online_retail_2010-12_2011-09.csv");
        if (args.length > 1) {
            System.setProperty("brique.test.db", args[1]);
        }
        List<Inv> invoices = read(csv);
        long t0 = System.nanoTime();
        try (BriqueTestServer shop = BriqueTestServer.start()) {
            shop.installFolder(Path.of("target/classes"));
            shop.enable("loyalty");
            shop.saveSettings("loyalty", Map.of("points_per_euro", "1", "return_window_days", "14", "expiry_days", "180",
                    "redeem_points_per_euro", "100", "redeem_min_points", "100"));
            SimClock clock = new SimClock();
            LoyaltyService loyalty = new LoyaltyService(new SimContext(shop.pluginContext("loyalty"), clock));
            Map<Long, List<Inv>> byCustomer = new HashMap<>();
            Map<String, Long> refunded = new HashMap<>();
            long redeemed = 0;
            int orders = 0;
            int refunds = 0;
            int redemptions = 0;
            int refusedRedemptions = 0;
            LocalDate day = null;
            long orderId = 0;
            for (Inv i : invoices) {
                clock.now.set(i.at());
                LocalDate d = LocalDate.ofInstant(i.at(), ZoneOffset.UTC);
                if (!d.equals(day)) {
                    day = d;
                    jobs(loyalty);
                }
                if (i.customer() == null) {
                    continue;
                }
                if (i.no().startsWith("C")) {
                    Inv target = latestBefore(byCustomer.get(i.customer()), i.at());
                    if (target == null) {
                        continue;
                    }
                    long before = refunded.getOrDefault(target.no(), 0L);
                    long amount = Math.min(-i.totalMinor(), target.totalMinor() - before);
                    if (amount <= 0) {
                        continue;
                    }
                    long total = before + amount;
                    refunded.put(target.no(), total);
                    loyalty.orderRefunded(new Events.OrderRefunded(++orderId, target.no(), i.customer(), "GBP", amount,
                            total, total >= target.totalMinor(), "cancellation " + i.no()));
                    refunds++;
                } else if (i.totalMinor() > 0) {
                    if (loyalty.ledger().balance(i.customer()).available() >= REDEEM) {
                        try {
                            loyalty.ledger().spend(i.customer(), REDEEM, i.no(), "sim-redeem:" + i.no(), "simulation",
                                    "redeemed at checkout");
                            redeemed += REDEEM;
                            redemptions++;
                        } catch (LoyaltyException e) {
                            // points that expired earlier today (the expiry job runs daily here) are never spent
                            if (!"insufficient_points".equals(e.code())) {
                                throw e;
                            }
                            refusedRedemptions++;
                        }
                    }
                    loyalty.orderPlaced(new Events.OrderPlaced(++orderId, i.no(), "web", i.customer(), null, "GBP",
                            i.totalMinor(), 0, 0, 0, i.totalMinor(), null, null, List.of(new Events.OrderLine(1, 1, "ALL",
                                    "invoice " + i.no(), 1, i.totalMinor(), i.totalMinor(), 0, List.of(), null))), i.at());
                    byCustomer.computeIfAbsent(i.customer(), k -> new ArrayList<>()).add(i);
                    orders++;
                }
            }
            clock.now.set(END);
            jobs(loyalty);
            System.out.println("redemptions refused because the points had expired since the last daily job: "
                    + refusedRedemptions);
            report(shop, loyalty, orders, refunds, redemptions, redeemed, byCustomer.keySet(),
                    (System.nanoTime() - t0) / 1_000_000_000L);
        }
    }

    private static void jobs(LoyaltyService loyalty) {
        while (loyalty.ledger().confirmDue() > 0) {
            // 500 customers per call
        }
        while (loyalty.ledger().expireDue(Duration.ZERO) > 0) {
            // idem
        }
    }

    private static void report(BriqueTestServer shop, LoyaltyService loyalty, int orders, int refunds, int redemptions,
            long redeemedBySimulation, java.util.Set<Long> customers, long seconds) {
        var dsl = shop.brique().core().db().dsl();
        Map<String, Long> byKind = new TreeMap<>();
        dsl.resultQuery("SELECT kind, COALESCE(SUM(points + pending_points), 0) FROM loyalty_movement GROUP BY kind")
                .fetch().forEach(r -> byKind.put(r.get(0, String.class), r.get(1, Long.class)));
        long issued = byKind.getOrDefault("earn", 0L);
        long spent = -byKind.getOrDefault("spend", 0L);
        long expired = -byKind.getOrDefault("expire", 0L);
        long reversed = -byKind.getOrDefault("reverse", 0L);
        long shortfall = dsl.resultQuery("SELECT COALESCE(SUM(shortfall), 0) FROM loyalty_movement").fetchOne(0, Long.class);
        long available = dsl.resultQuery("SELECT COALESCE(SUM(points), 0) FROM loyalty_movement").fetchOne(0, Long.class);
        long pending = dsl.resultQuery("SELECT COALESCE(SUM(pending_points), 0) FROM loyalty_movement").fetchOne(0, Long.class);
        long sumOfBalances = 0;
        Map<String, Integer> tiers = new TreeMap<>();
        LoyaltySettings.Programme p = loyalty.programme();
        for (long c : customers) {
            LedgerService.Balance b = loyalty.ledger().balance(c);
            sumOfBalances += b.available() + b.pending();
            LoyaltySettings.Tier t = loyalty.tier(c, p);
            tiers.merge(t == null ? "none" : t.name(), 1, Integer::sum);
        }
        List<String> problems = loyalty.ledger().reconcile();
        System.out.printf("%nLoyalty simulation over online-retail (%s, %d s)%n%n", BriqueTestServer.databaseKind(), seconds);
        System.out.printf("| orders | refunds | redemptions | customers |%n| --- | --- | --- | --- |%n| %d | %d | %d | %d |%n%n",
                orders, refunds, redemptions, customers.size());
        System.out.printf("| points issued | reversed (refunds) | redeemed | expired | outstanding available | pending |"
                + " liability (100 points = 1 £) |%n| --- | --- | --- | --- | --- | --- | --- |%n"
                + "| %d | %d | %d | %d | %d | %d | %s £ |%n%n", issued, reversed, spent, expired, available, pending,
                BigDecimal.valueOf(available).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY));
        System.out.println("Tiers at the end: " + tiers + "; movements by kind: " + byKind
                + "; refund shortfall (already spent): " + shortfall);
        boolean identity = issued - reversed - spent - expired + byKind.getOrDefault("restore", 0L)
                + byKind.getOrDefault("adjust", 0L) + byKind.getOrDefault("confirm", 0L) == available + pending;
        System.out.println("Reconciliation: ledger check " + (problems.isEmpty() ? "sound" : problems)
                + "; redeemed by the simulation " + redeemedBySimulation + " = ledger spends " + spent + ": "
                + (redeemedBySimulation == spent) + "; issued - reversed - redeemed - expired = available + pending: "
                + identity + "; sum of customers' balances " + sumOfBalances + " = " + (available + pending) + ": "
                + (sumOfBalances == available + pending));
        if (!problems.isEmpty() || redeemedBySimulation != spent || !identity || sumOfBalances != available + pending) {
            System.exit(1);
        }
    }

    private static Inv latestBefore(List<Inv> list, Instant at) {
        if (list == null) {
            return null;
        }
        for (int k = list.size() - 1; k >= 0; k--) {
            if (!list.get(k).at().isAfter(at)) {
                return list.get(k);
            }
        }
        return null;
    }

    static List<Inv> read(Path csv) throws Exception {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        Map<String, Inv> out = new LinkedHashMap<>();
        Map<String, BigDecimal> totals = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] c = split(line);
                totals.merge(c[0], new BigDecimal(c[3]).multiply(new BigDecimal(c[5])), BigDecimal::add);
                out.computeIfAbsent(c[0], k -> new Inv(k, LocalDateTime.parse(c[4], f).toInstant(ZoneOffset.UTC),
                        c[6].isBlank() ? null : new BigDecimal(c[6]).longValueExact(), 0));
            }
        }
        List<Inv> list = new ArrayList<>();
        out.forEach((no, i) -> list.add(new Inv(no, i.at(), i.customer(),
                totals.get(no).movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact())));
        list.sort(Comparator.comparing(Inv::at));
        return list;
    }

    /** One CSV line; descriptions may be quoted and contain commas or doubled quotes. */
    static String[] split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(String[]::new);
    }
}
