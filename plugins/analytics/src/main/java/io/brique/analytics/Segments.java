package io.brique.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Customer segments by maturity, RFM scores and cohorts, from orders (net of refunds, cancelled and
 * fully refunded orders left out) and the customers seen on the site.
 * <ul>
 * <li>maturity: {@code prospect} (seen, no order), {@code first_time} (1 order), {@code repeat} (2-3),
 *     {@code loyal} (4+), {@code lapsed} (ordered, but not within the last 180 days; wins over the others);
 * <li>channel: {@code online}, {@code store_only}, {@code omnichannel};
 * <li>RFM: each of recency (days since the last order, fewer is better), frequency (orders), monetary
 *     (net revenue, minor units) scored 1-5 by quintile of the customers' ranks, equal values sharing
 *     the score of the first of them; named segments champions (R>=4, F>=4), loyal (R>=3, F>=3),
 *     at_risk (R<=2, F>=3), promising (R>=4), hibernating (the rest).
 * </ul>
 */
final class Segments {

    static final Duration LAPSE = Duration.ofDays(180);
    static final List<String> MATURITIES = List.of("prospect", "first_time", "repeat", "loyal", "lapsed");
    static final List<String> RFM_NAMES = List.of("champions", "loyal", "at_risk", "promising", "hibernating");

    record Ord(String key, Instant at, Long customerId, String origin, String currency, long netMinor,
            List<Line> lines) {
    }

    record Line(String itemId, String category, int quantity, long totalMinor) {
    }

    record Customer(long customerId, int orders, Instant firstOrder, Instant lastOrder, long netMinor, String maturity,
            String channel, int r, int f, int m, String rfmSegment, String topCategory) {
    }

    private Segments() {
    }

    static Map<Long, Customer> customers(Collection<Ord> allOrders, Set<Long> seenCustomers, Instant now) {
        Map<Long, List<Ord>> byCustomer = new HashMap<>();
        for (Ord o : allOrders) {
            if (o.customerId() != null && o.netMinor() > 0) {
                byCustomer.computeIfAbsent(o.customerId(), k -> new ArrayList<>()).add(o);
            }
        }
        record Agg(long id, int orders, Instant first, Instant last, long net, String channel, String topCategory) {
        }
        List<Agg> aggs = new ArrayList<>();
        byCustomer.forEach((id, orders) -> {
            Instant first = orders.stream().map(Ord::at).min(Comparator.naturalOrder()).orElseThrow();
            Instant last = orders.stream().map(Ord::at).max(Comparator.naturalOrder()).orElseThrow();
            long net = orders.stream().mapToLong(Ord::netMinor).sum();
            boolean store = orders.stream().anyMatch(o -> o.origin().equals("store"));
            boolean online = orders.stream().anyMatch(o -> !o.origin().equals("store"));
            String channel = store && online ? "omnichannel" : store ? "store_only" : "online";
            Map<String, Long> cat = new HashMap<>();
            orders.forEach(o -> o.lines().forEach(l -> {
                if (l.category() != null) {
                    cat.merge(l.category(), l.totalMinor(), Long::sum);
                }
            }));
            String top = cat.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
            aggs.add(new Agg(id, orders.size(), first, last, net, channel, top));
        });
        Map<Long, Integer> r = scores(aggs, a -> -Duration.between(a.last(), now).toMinutes(), Agg::id);
        Map<Long, Integer> f = scores(aggs, Agg::orders, Agg::id);
        Map<Long, Integer> m = scores(aggs, Agg::net, Agg::id);
        Map<Long, Customer> out = new TreeMap<>();
        for (Agg a : aggs) {
            String maturity = a.last().isBefore(now.minus(LAPSE)) ? "lapsed"
                    : a.orders() == 1 ? "first_time" : a.orders() <= 3 ? "repeat" : "loyal";
            int rs = r.get(a.id());
            int fs = f.get(a.id());
            out.put(a.id(), new Customer(a.id(), a.orders(), a.first(), a.last(), a.net(), maturity, a.channel(), rs, fs,
                    m.get(a.id()), rfmName(rs, fs), a.topCategory()));
        }
        for (Long id : seenCustomers) {
            out.putIfAbsent(id, new Customer(id, 0, null, null, 0, "prospect", null, 0, 0, 0, null, null));
        }
        return out;
    }

    static String rfmName(int r, int f) {
        if (r >= 4 && f >= 4) {
            return "champions";
        }
        if (r >= 3 && f >= 3) {
            return "loyal";
        }
        if (r <= 2 && f >= 3) {
            return "at_risk";
        }
        if (r >= 4) {
            return "promising";
        }
        return "hibernating";
    }

    /** Quintile scores 1-5 by rank (higher value = better); equal values share the first one's score. */
    static <T> Map<Long, Integer> scores(List<T> items, ToDoubleFunction<T> value, java.util.function.ToLongFunction<T> id) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingDouble(value));
        Map<Long, Integer> out = new HashMap<>();
        int n = sorted.size();
        int score = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || value.applyAsDouble(sorted.get(i)) != value.applyAsDouble(sorted.get(i - 1))) {
                score = 1 + (int) ((long) i * 5 / n);
            }
            out.put(id.applyAsLong(sorted.get(i)), score);
        }
        return out;
    }

    static Map<String, Long> countBy(Collection<Customer> customers, java.util.function.Function<Customer, String> key,
            List<String> order) {
        Map<String, Long> out = new LinkedHashMap<>();
        order.forEach(k -> out.put(k, 0L));
        for (Customer c : customers) {
            String k = key.apply(c);
            if (k != null) {
                out.merge(k, 1L, Long::sum);
            }
        }
        return out;
    }

    /** Retention by cohort of first-order month: share of the cohort ordering in month 0, 1, 2... */
    record Cohort(YearMonth month, int size, List<Double> retention) {
    }

    static List<Cohort> cohorts(Collection<Ord> orders, int months) {
        Map<Long, YearMonth> first = new HashMap<>();
        Map<Long, Set<YearMonth>> active = new HashMap<>();
        for (Ord o : orders) {
            if (o.customerId() == null || o.netMinor() <= 0) {
                continue;
            }
            YearMonth ym = YearMonth.from(o.at().atZone(ZoneOffset.UTC));
            first.merge(o.customerId(), ym, (a, b) -> a.isBefore(b) ? a : b);
            active.computeIfAbsent(o.customerId(), k -> new java.util.HashSet<>()).add(ym);
        }
        TreeMap<YearMonth, List<Long>> byCohort = new TreeMap<>();
        first.forEach((c, ym) -> byCohort.computeIfAbsent(ym, k -> new ArrayList<>()).add(c));
        List<Cohort> out = new ArrayList<>();
        byCohort.forEach((ym, members) -> {
            List<Double> ret = new ArrayList<>();
            for (int k = 0; k < months; k++) {
                YearMonth target = ym.plusMonths(k);
                long n = members.stream().filter(c -> active.get(c).contains(target)).count();
                ret.add((double) n / members.size());
            }
            out.add(new Cohort(ym, members.size(), ret));
        });
        return out;
    }
}
