package io.brique.analytics;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds the admin reports for a date range (UTC days, both ends included) compared with the
 * previous period of the same length. Each report is key figures, a chart and tables; the CSV export
 * writes one of the tables.
 */
final class Reports {

    static final List<String> SECTIONS = List.of("traffic", "acquisition", "ecommerce", "funnel", "search",
            "attribution", "segments", "cohorts");

    record Kpi(String label, String value, String previous, String delta) {
    }

    record Table(String title, List<String> headers, List<List<String>> rows) {
    }

    record Report(String section, String title, List<Kpi> kpis, String chart, List<Table> tables) {
    }

    record Range(LocalDate from, LocalDate to) {
        Instant start() {
            return from.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        Instant end() {
            return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        int days() {
            return (int) ChronoUnit.DAYS.between(from, to) + 1;
        }

        Range previous() {
            return new Range(from.minusDays(days()), from.minusDays(1));
        }
    }

    /** Steps and window of the funnel report (merchant-defined through the query). */
    record FunnelSpec(List<String> steps, Duration window) {
    }

    private final ReportData data;
    private final Instant now;
    private final Labels t;

    Reports(ReportData data, Instant now) {
        this(data, now, Labels.EN);
    }

    /** Reports whose labels (titles, key figures, headers, charts) are in the language of {@code labels}. */
    Reports(ReportData data, Instant now, Labels labels) {
        this.data = data;
        this.now = now;
        this.t = labels;
    }

    Report build(String section, Range range, FunnelSpec funnel) throws SQLException {
        return switch (section) {
            case "acquisition" -> acquisition(range);
            case "ecommerce" -> ecommerce(range);
            case "funnel" -> funnel(range, funnel);
            case "search" -> search(range);
            case "attribution" -> attribution(range);
            case "segments" -> segments(range);
            case "cohorts" -> cohorts(range);
            default -> traffic(range);
        };
    }

    // ------------------------------------------------------------------ traffic

    record TrafficFigures(long visits, long visitors, long pageViews, double bounceRate, Duration avgDuration,
            long newVisitors, long returningVisitors) {
    }

    /**
     * Sessions starting in the range or in the look-back before it: rolled days from the daily rollup,
     * the others (today, days not rolled or dirty) sessionised from the events.
     */
    List<Sessions.Session> sessions(Range range, Duration lookBack) throws SQLException {
        return new Rollup(data.dataSource(), data.prefix()).sessions(range.start().minus(lookBack), range.end());
    }

    static List<Sessions.Session> startingIn(List<Sessions.Session> all, Range range) {
        return all.stream().filter(s -> !s.start().isBefore(range.start()) && s.start().isBefore(range.end())).toList();
    }

    static TrafficFigures traffic(List<Sessions.Session> all, Range range) {
        List<Sessions.Session> in = startingIn(all, range);
        Set<String> visitors = new HashSet<>();
        Set<String> before = new HashSet<>();
        for (Sessions.Session s : all) {
            if (s.start().isBefore(range.start())) {
                before.add(s.visitor());
            }
        }
        long pv = 0;
        long bounces = 0;
        long seconds = 0;
        for (Sessions.Session s : in) {
            visitors.add(s.visitor());
            pv += s.pageViews();
            bounces += s.bounce() ? 1 : 0;
            seconds += s.duration().toSeconds();
        }
        long returning = visitors.stream().filter(before::contains).count();
        return new TrafficFigures(in.size(), visitors.size(), pv, in.isEmpty() ? 0 : (double) bounces / in.size(),
                Duration.ofSeconds(in.isEmpty() ? 0 : seconds / in.size()), visitors.size() - returning, returning);
    }

    private Report traffic(Range range) throws SQLException {
        List<Sessions.Session> cur = sessions(range, Duration.ofDays(30));
        List<Sessions.Session> prev = sessions(range.previous(), Duration.ofDays(30));
        TrafficFigures c = traffic(cur, range);
        TrafficFigures p = traffic(prev, range.previous());
        List<Kpi> kpis = List.of(kpi(t.get("kpi.visits"), c.visits(), p.visits()), kpi(t.get("kpi.visitors"), c.visitors(), p.visitors()),
                kpi(t.get("kpi.page_views"), c.pageViews(), p.pageViews()),
                kpiOf(t.get("kpi.bounce_rate"), pct(c.bounceRate()), pct(p.bounceRate()), delta(c.bounceRate(), p.bounceRate())),
                kpiOf(t.get("kpi.avg_duration"), dur(c.avgDuration()), dur(p.avgDuration()),
                        delta(c.avgDuration().toSeconds(), p.avgDuration().toSeconds())),
                kpi(t.get("kpi.new_visitors"), c.newVisitors(), p.newVisitors()),
                kpi(t.get("kpi.returning_visitors"), c.returningVisitors(), p.returningVisitors()));
        String chart = Charts.lines(t.get("chart.visits_per_day"), days(range), perDay(startingIn(cur, range), range),
                perDay(startingIn(prev, range.previous()), range.previous()));
        Map<String, long[]> landing = new TreeMap<>();
        for (Sessions.Session s : startingIn(cur, range)) {
            long[] a = landing.computeIfAbsent(s.landingPage() == null ? t.get("value.none") : s.landingPage(), k -> new long[2]);
            a[0]++;
            a[1] += s.bounce() ? 1 : 0;
        }
        List<List<String>> rows = landing.entrySet().stream()
                .sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0])).limit(50)
                .map(e -> List.of(e.getKey(), Long.toString(e.getValue()[0]), pct((double) e.getValue()[1] / e.getValue()[0])))
                .toList();
        return new Report("traffic", t.get("section.traffic"), kpis, chart,
                List.of(new Table(t.get("table.landing_pages"), List.of(t.get("col.page"), t.get("kpi.visits"), t.get("kpi.bounce_rate")), rows)));
    }

    private static double[] perDay(List<Sessions.Session> sessions, Range range) {
        double[] out = new double[range.days()];
        for (Sessions.Session s : sessions) {
            int d = (int) ChronoUnit.DAYS.between(range.from(), s.start().atZone(ZoneOffset.UTC).toLocalDate());
            if (d >= 0 && d < out.length) {
                out[d]++;
            }
        }
        return out;
    }

    private static List<String> days(Range range) {
        List<String> out = new ArrayList<>();
        for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
            out.add(d.toString());
        }
        return out;
    }

    // ------------------------------------------------------------------ acquisition

    private Report acquisition(Range range) throws SQLException {
        List<Sessions.Session> in = startingIn(sessions(range, Duration.ZERO), range);
        List<Table> tables = new ArrayList<>();
        tables.add(groupTable(t.get("table.channels"), t.get("col.channel"), in, s -> t.code("channel", s.channel())));
        tables.add(groupTable(t.get("table.sources"), t.get("col.source_medium"), in,
                s -> (s.source() == null ? t.get("value.direct") : s.source()) + " / " + (s.medium() == null ? t.get("value.none") : s.medium())));
        tables.add(groupTable(t.get("table.campaigns"), t.get("col.campaign"), in.stream().filter(s -> s.campaign() != null).toList(),
                Sessions.Session::campaign));
        Map<String, Long> byChannel = new LinkedHashMap<>();
        Channels.ALL.forEach(ch -> byChannel.put(ch, 0L));
        in.forEach(s -> byChannel.merge(s.channel(), 1L, Long::sum));
        String chart = Charts.bars(t.get("chart.visits_by_channel"), byChannel.keySet().stream().map(ch -> t.code("channel", ch)).toList(),
                byChannel.values().stream().mapToDouble(Long::doubleValue).toArray());
        List<Sessions.Session> prev = startingIn(sessions(range.previous(), Duration.ZERO), range.previous());
        long conv = in.stream().filter(Sessions.Session::converted).count();
        long convPrev = prev.stream().filter(Sessions.Session::converted).count();
        double rate = in.isEmpty() ? 0 : (double) conv / in.size();
        double ratePrev = prev.isEmpty() ? 0 : (double) convPrev / prev.size();
        List<Kpi> kpis = List.of(kpi(t.get("kpi.visits"), in.size(), prev.size()),
                kpi(t.get("col.conversions"), conv, convPrev),
                kpiOf(t.get("kpi.conversion_rate"), pct(rate), pct(ratePrev), delta(rate, ratePrev)));
        return new Report("acquisition", t.get("section.acquisition"), kpis, chart, tables);
    }

    private Table groupTable(String title, String label, List<Sessions.Session> sessions,
            Function<Sessions.Session, String> key) {
        Map<String, List<Sessions.Session>> groups = new HashMap<>();
        sessions.forEach(s -> groups.computeIfAbsent(key.apply(s), k -> new ArrayList<>()).add(s));
        List<List<String>> rows = groups.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size())).map(e -> {
                    long conv = e.getValue().stream().filter(Sessions.Session::converted).count();
                    Map<String, Long> revenue = new TreeMap<>();
                    e.getValue().forEach(s -> s.revenue().forEach((cur, v) -> revenue.merge(cur, v, Long::sum)));
                    return List.of(e.getKey(), Integer.toString(e.getValue().size()), Long.toString(conv),
                            pct((double) conv / e.getValue().size()), money(revenue));
                }).toList();
        return new Table(title, List.of(label, t.get("kpi.visits"), t.get("col.conversions"), t.get("kpi.conversion_rate"), t.get("col.revenue")), rows);
    }

    // ------------------------------------------------------------------ e-commerce

    record Commerce(long orders, Map<String, Long> revenue, String mainCurrency, long mainOrders) {
        long aov() {
            return mainOrders == 0 ? 0 : revenue.getOrDefault(mainCurrency, 0L) / mainOrders;
        }
    }

    static Commerce commerce(List<Segments.Ord> orders) {
        Map<String, Long> revenue = new TreeMap<>();
        Map<String, Long> count = new HashMap<>();
        long n = 0;
        for (Segments.Ord o : orders) {
            if (o.netMinor() <= 0) {
                continue;
            }
            n++;
            revenue.merge(o.currency(), o.netMinor(), Long::sum);
            count.merge(o.currency(), 1L, Long::sum);
        }
        String main = count.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        return new Commerce(n, revenue, main, main == null ? 0 : count.get(main));
    }

    private Report ecommerce(Range range) throws SQLException {
        List<Segments.Ord> cur = data.orders(range.start(), range.end());
        List<Segments.Ord> prev = data.orders(range.previous().start(), range.previous().end());
        Commerce c = commerce(cur);
        Commerce p = commerce(prev);
        List<Sessions.Session> sCur = startingIn(sessions(range, Duration.ZERO), range);
        List<Sessions.Session> sPrev = startingIn(sessions(range.previous(), Duration.ZERO), range.previous());
        double convC = sCur.isEmpty() ? 0 : (double) sCur.stream().filter(Sessions.Session::converted).count() / sCur.size();
        double convP = sPrev.isEmpty() ? 0 : (double) sPrev.stream().filter(Sessions.Session::converted).count() / sPrev.size();
        ReportData.Abandoned ab = data.abandonedCarts(range.start(), range.end());
        ReportData.Abandoned abP = data.abandonedCarts(range.previous().start(), range.previous().end());
        List<Kpi> kpis = List.of(kpi(t.get("kpi.orders"), c.orders(), p.orders()),
                kpiOf(t.get("kpi.revenue"), money(c.revenue()), money(p.revenue()),
                        delta(c.revenue().getOrDefault(c.mainCurrency(), 0L), p.revenue().getOrDefault(c.mainCurrency(), 0L))),
                kpiOf(t.get("kpi.aov"), c.mainCurrency() == null ? "-" : money(Map.of(c.mainCurrency(), c.aov())),
                        p.mainCurrency() == null ? "-" : money(Map.of(p.mainCurrency(), p.aov())), delta(c.aov(), p.aov())),
                kpiOf(t.get("kpi.conversion_rate"), pct(convC), pct(convP), delta(convC, convP)),
                kpiOf(t.get("kpi.abandoned_carts"), ab.carts() + " (" + money(ab.valueMinor()) + ")",
                        abP.carts() + " (" + money(abP.valueMinor()) + ")", delta(ab.carts(), abP.carts())));
        double[] perDay = new double[range.days()];
        double[] perDayPrev = new double[range.days()];
        revenuePerDay(cur, range, c.mainCurrency(), perDay);
        revenuePerDay(prev, range.previous(), c.mainCurrency(), perDayPrev);
        String chart = Charts.lines(t.get("chart.revenue_per_day") + (c.mainCurrency() == null ? "" : " (" + c.mainCurrency() + ")"),
                days(range), perDay, perDayPrev);
        return new Report("ecommerce", t.get("section.ecommerce"), kpis, chart,
                List.of(lineTable(t.get("table.products"), t.get("col.product"), cur, Segments.Line::itemId),
                        lineTable(t.get("table.categories"), t.get("col.category"), cur, l -> l.category() == null ? t.get("value.none") : l.category())));
    }

    private static void revenuePerDay(List<Segments.Ord> orders, Range range, String currency, double[] out) {
        for (Segments.Ord o : orders) {
            int d = (int) ChronoUnit.DAYS.between(range.from(), o.at().atZone(ZoneOffset.UTC).toLocalDate());
            if (d >= 0 && d < out.length && o.currency().equals(currency)) {
                out[d] += o.netMinor() / Math.pow(10, digits(currency));
            }
        }
    }

    private Table lineTable(String title, String label, List<Segments.Ord> orders,
            Function<Segments.Line, String> key) {
        Map<String, long[]> qty = new HashMap<>();
        Map<String, Map<String, Long>> rev = new HashMap<>();
        for (Segments.Ord o : orders) {
            if (o.netMinor() <= 0) {
                continue;
            }
            for (Segments.Line l : o.lines()) {
                String k = key.apply(l);
                qty.computeIfAbsent(k, x -> new long[2])[0] += l.quantity();
                qty.get(k)[1] += l.totalMinor();
                rev.computeIfAbsent(k, x -> new TreeMap<>()).merge(o.currency(), l.totalMinor(), Long::sum);
            }
        }
        List<List<String>> rows = qty.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(100)
                .map(e -> List.of(e.getKey(), Long.toString(e.getValue()[0]), money(rev.get(e.getKey())))).toList();
        return new Table(title, List.of(label, t.get("col.quantity"), t.get("col.revenue_gross")), rows);
    }

    // ------------------------------------------------------------------ funnel

    private Report funnel(Range range, FunnelSpec spec) throws SQLException {
        // the steps, and the tracker's cart events that link anonymous server-side steps to a visit
        List<String> names = new ArrayList<>(new java.util.LinkedHashSet<>(spec.steps()));
        names.addAll(List.of("view_cart", "begin_checkout"));
        List<Funnel.Step> cur = Funnel.of(data.events(range.start(), range.end(), List.of(), names), spec.steps(),
                spec.window());
        List<Funnel.Step> prev = Funnel.of(data.events(range.previous().start(), range.previous().end(), List.of(), names),
                spec.steps(), spec.window());
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < cur.size(); i++) {
            Funnel.Step s = cur.get(i);
            rows.add(List.of(t.code("event", s.name()), Long.toString(s.reached()), Long.toString(s.dropOff()),
                    pct(s.conversionFromPrevious()), pct(s.conversionFromStart()), Long.toString(prev.get(i).reached())));
        }
        String chart = Charts.bars(t.get("chart.visitors_per_step"), spec.steps().stream().map(x -> t.code("event", x)).toList(),
                cur.stream().mapToDouble(Funnel.Step::reached).toArray());
        Funnel.Step last = cur.get(cur.size() - 1);
        Funnel.Step lastPrev = prev.get(prev.size() - 1);
        return new Report("funnel", t.get("section.funnel"), List.of(kpiOf(t.get("kpi.funnel_completed"), pct(last.conversionFromStart()),
                pct(lastPrev.conversionFromStart()), delta(last.conversionFromStart(), lastPrev.conversionFromStart()))),
                chart, List.of(new Table(t.get("table.steps", spec.window().toHours()), List.of(t.get("col.step"), t.get("kpi.visitors"),
                        t.get("col.drop_off"), t.get("col.from_previous"), t.get("col.from_first"), t.get("col.previous_period")), rows)));
    }

    // ------------------------------------------------------------------ site search

    private Report search(Range range) throws SQLException {
        List<Sessions.Ev> events = data.events(range.start(), range.end(), List.of(), List.of("search"));
        Map<String, long[]> queries = new HashMap<>();
        long total = 0;
        long zero = 0;
        for (Sessions.Ev e : events) {
            if (e.name().equals("search") && e.searchTerm() != null) {
                String q = e.searchTerm().trim().toLowerCase(Locale.ROOT);
                long[] a = queries.computeIfAbsent(q, k -> new long[2]);
                a[0]++;
                total++;
                if (e.resultCount() != null && e.resultCount() == 0) {
                    a[1]++;
                    zero++;
                }
            }
        }
        Map<String, Long> exits = new HashMap<>();
        long exitCount = 0;
        for (Sessions.Session s : startingIn(sessions(range, Duration.ZERO), range)) {
            if (s.exitSearch() != null) {
                exits.merge(s.exitSearch(), 1L, Long::sum);
                exitCount++;
            }
        }
        long[] prev = searchTotals(range.previous());
        List<List<String>> top = queries.entrySet().stream()
                .sorted((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
                        : a.getKey().compareTo(b.getKey())).limit(100)
                .map(e -> List.of(e.getKey(), Long.toString(e.getValue()[0]), Long.toString(e.getValue()[1]))).toList();
        List<List<String>> zeroRows = queries.entrySet().stream().filter(e -> e.getValue()[1] > 0)
                .sorted((a, b) -> a.getValue()[1] != b.getValue()[1] ? Long.compare(b.getValue()[1], a.getValue()[1])
                        : a.getKey().compareTo(b.getKey())).limit(100)
                .map(e -> List.of(e.getKey(), Long.toString(e.getValue()[1]))).toList();
        List<List<String>> exitRows = exits.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(100)
                .map(e -> List.of(e.getKey(), Long.toString(e.getValue()))).toList();
        return new Report("search", t.get("section.search"), List.of(kpi(t.get("kpi.searches"), total, prev[0]),
                kpi(t.get("kpi.zero_result_searches"), zero, prev[1]), kpi(t.get("kpi.search_exits"), exitCount, prev[2])),
                null,
                List.of(new Table(t.get("table.top_queries"), List.of(t.get("col.query"), t.get("kpi.searches"), t.get("col.zero_results")), top),
                        new Table(t.get("table.zero_result_queries"), List.of(t.get("col.query"), t.get("kpi.searches")), zeroRows),
                        new Table(t.get("kpi.search_exits"), List.of(t.get("col.query"), t.get("col.exits")), exitRows)));
    }

    /** Searches, zero-result searches and search exits of a range (the previous period's figures). */
    private long[] searchTotals(Range range) throws SQLException {
        long[] out = new long[3];
        for (Sessions.Ev e : data.events(range.start(), range.end(), List.of(), List.of("search"))) {
            if (e.name().equals("search") && e.searchTerm() != null) {
                out[0]++;
                out[1] += e.resultCount() != null && e.resultCount() == 0 ? 1 : 0;
            }
        }
        out[2] = startingIn(sessions(range, Duration.ZERO), range).stream().filter(s -> s.exitSearch() != null).count();
        return out;
    }

    // ------------------------------------------------------------------ attribution

    private Report attribution(Range range) throws SQLException {
        // sessions up to the look-back window before the range are touchpoints of conversions in it; read
        // from the events (not the rollup): the models need each purchase's time and value
        List<Sessions.Session> all = Sessions.of(data.events(range.start().minus(Attribution.LOOKBACK), range.end()));
        List<Sessions.Session> visitorsWithConversionInRange = new ArrayList<>();
        Set<String> converters = new HashSet<>();
        for (Sessions.Session s : startingIn(all, range)) {
            if (s.converted()) {
                converters.add(s.visitor());
            }
        }
        for (Sessions.Session s : all) {
            if (converters.contains(s.visitor())) {
                // purchases before the range are not conversions of this report: keep them out
                visitorsWithConversionInRange.add(s.start().isBefore(range.start())
                        ? new Sessions.Session(s.visitor(), s.start(), s.end(), s.channel(), s.source(), s.medium(),
                                s.campaign(), s.landingPage(), s.events().stream().filter(e -> !e.name().equals("purchase")).toList())
                        : s);
            }
        }
        Commerce c = commerce(data.orders(range.start(), range.end()));
        String currency = c.mainCurrency();
        Map<Attribution.Model, List<Attribution.Row>> r = Attribution.report(visitorsWithConversionInRange, currency);
        Map<String, Map<Attribution.Model, Double>> byChannel = new TreeMap<>();
        r.forEach((m, rows) -> rows.forEach(row -> byChannel.computeIfAbsent(row.channel(), k -> new LinkedHashMap<>())
                .put(m, row.revenueMinor())));
        List<String> headers = new ArrayList<>(List.of(t.get("col.channel")));
        for (Attribution.Model m : Attribution.Model.values()) {
            headers.add(t.code("model", m.name().toLowerCase(Locale.ROOT)));
        }
        List<List<String>> rows = new ArrayList<>();
        byChannel.forEach((ch, vals) -> {
            List<String> row = new ArrayList<>(List.of(t.code("channel", ch)));
            for (Attribution.Model m : Attribution.Model.values()) {
                row.add(currency == null ? "-" : money(Map.of(currency, Math.round(vals.getOrDefault(m, 0.0)))));
            }
            rows.add(row);
        });
        return new Report("attribution", t.get("section.attribution"), List.of(), null, List.of(new Table(
                t.get("table.attribution") + (currency == null ? "" : " (" + currency + ")"), headers, rows)));
    }

    // ------------------------------------------------------------------ segments and cohorts

    Map<Long, Segments.Customer> customers() throws SQLException {
        return Segments.customers(data.orders(Instant.EPOCH, now.plusSeconds(1)), data.seenCustomers(), now);
    }

    private Report segments(Range range) throws SQLException {
        Map<Long, Segments.Customer> customers = customers();
        TrafficFigures tf = traffic(sessions(range, Duration.ofDays(90)), range);
        List<List<String>> maturity = new ArrayList<>();
        maturity.add(List.of(t.code("segment", "new_visitor"), Long.toString(tf.newVisitors())));
        maturity.add(List.of(t.code("segment", "returning_visitor"), Long.toString(tf.returningVisitors())));
        Segments.countBy(customers.values(), Segments.Customer::maturity, Segments.MATURITIES)
                .forEach((k, v) -> maturity.add(List.of(t.code("segment", k), Long.toString(v))));
        Segments.countBy(customers.values(), Segments.Customer::channel, List.of("online", "store_only", "omnichannel"))
                .forEach((k, v) -> maturity.add(List.of(t.code("segment", k), Long.toString(v))));
        List<List<String>> rfm = new ArrayList<>();
        Segments.countBy(customers.values(), Segments.Customer::rfmSegment, Segments.RFM_NAMES)
                .forEach((k, v) -> rfm.add(List.of(t.code("rfm", k), Long.toString(v))));
        Map<String, Long> affinity = new TreeMap<>();
        customers.values().forEach(cu -> {
            if (cu.topCategory() != null) {
                affinity.merge(cu.topCategory(), 1L, Long::sum);
            }
        });
        List<List<String>> aff = affinity.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(50).map(e -> List.of(e.getKey(), Long.toString(e.getValue()))).toList();
        Map<String, Long> chartData = Segments.countBy(customers.values(), Segments.Customer::maturity, Segments.MATURITIES);
        return new Report("segments", t.get("section.segments"), List.of(), Charts.bars(t.get("chart.customers_by_maturity"),
                chartData.keySet().stream().map(k -> t.code("segment", k)).toList(), chartData.values().stream().mapToDouble(Long::doubleValue).toArray()),
                List.of(new Table(t.get("table.segments"), List.of(t.get("col.segment"), t.get("col.count")), maturity),
                        new Table(t.get("table.rfm"), List.of(t.get("col.rfm_segment"), t.get("col.customers")), rfm),
                        new Table(t.get("table.affinity"), List.of(t.get("col.category"), t.get("col.customers")), aff)));
    }

    private Report cohorts(Range range) throws SQLException {
        List<Segments.Cohort> cohorts = Segments.cohorts(data.orders(Instant.EPOCH, range.end()), 12);
        List<String> headers = new ArrayList<>(List.of(t.get("col.first_order"), t.get("col.customers")));
        for (int k = 0; k < 12; k++) {
            headers.add("M" + k);
        }
        List<List<String>> rows = new ArrayList<>();
        for (Segments.Cohort c : cohorts) {
            if (c.month().atEndOfMonth().isBefore(range.from())) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(c.month().toString(), Integer.toString(c.size())));
            c.retention().forEach(v -> row.add(pct(v)));
            rows.add(row);
        }
        return new Report("cohorts", t.get("section.cohorts"), List.of(), null,
                List.of(new Table(t.get("table.cohorts"), headers, rows)));
    }

    // ------------------------------------------------------------------ formatting

    private Kpi kpi(String label, long cur, long prev) {
        return kpiOf(label, Long.toString(cur), Long.toString(prev), delta(cur, prev));
    }

    private Kpi kpiOf(String label, String cur, String prev, String delta) {
        return new Kpi(label, cur, prev, "new".equals(delta) ? t.get("delta.new") : delta);
    }

    static String delta(double cur, double prev) {
        if (prev == 0) {
            return cur == 0 ? "=" : "new";
        }
        double d = (cur - prev) / prev * 100;
        return String.format(Locale.ROOT, "%+.1f %%", d);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v * 100);
    }

    static String dur(Duration d) {
        return String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    static int digits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException e) {
            return 2;
        }
    }

    /** {@code 1234.50 EUR, 12.00 USD}; "-" when empty. */
    static String money(Map<String, Long> byCurrency) {
        if (byCurrency == null || byCurrency.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(byCurrency).forEach((cur, v) -> parts.add(BigDecimal.valueOf(v, digits(cur)).toPlainString() + " " + cur));
        return String.join(", ", parts);
    }

    /** The CSV of one table of a report (RFC 4180 quoting; cells starting with = + - @ are neutralised). */
    static String csv(Table t) {
        StringBuilder b = new StringBuilder();
        b.append(csvRow(t.headers()));
        t.rows().forEach(r -> b.append(csvRow(r)));
        return b.toString();
    }

    private static String csvRow(List<String> cells) {
        List<String> out = new ArrayList<>();
        for (String c : cells) {
            String v = c == null ? "" : c;
            if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("[-+]?[0-9.]+.*")) {
                v = "'" + v; // no formula injection in spreadsheets
            }
            out.add(v.matches(".*[\",\\n\\r].*") || v.contains(",") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }
        return String.join(",", out) + "\r\n";
    }

}
