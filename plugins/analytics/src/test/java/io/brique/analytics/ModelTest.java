package io.brique.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.analytics.Attribution.Model;
import io.brique.analytics.Attribution.Touch;
import io.brique.analytics.Sessions.Ev;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sessionisation, bounce, attribution, funnels, segments, RFM and cohorts on hand-made fixtures. */
class ModelTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static Ev ev(String visitor, int minute, String name) {
        return new Ev(visitor, at(minute), name, null, null, null, null, "/p", null, null, null, null, null, null);
    }

    static Ev landing(String visitor, int minute, String channel, String source, String campaign) {
        return new Ev(visitor, at(minute), "page_view", channel, source, null, campaign, "/", null, null, null, null, null,
                null);
    }

    static Ev purchase(String visitor, int minute, long value) {
        return new Ev(visitor, at(minute), "purchase", null, null, null, null, "/thanks", value, "EUR", "T" + minute,
                null, null, null);
    }

    @Test
    void sessionsSplitOnThirtyMinutesOfInactivityAndOnANewCampaign() {
        List<Ev> events = List.of(
                landing("a", 0, "organic", "google", null), ev("a", 10, "page_view"), ev("a", 39, "page_view"),
                // 31 minutes after the last event: a new session (direct, no source on the event)
                ev("a", 70, "page_view"),
                // 5 minutes later, but a new campaign: a new session
                landing("a", 75, "email", "news", "spring"), ev("a", 76, "add_to_cart"),
                // exactly 30 minutes later: still the same session
                ev("a", 106, "page_view"),
                landing("b", 0, "social", "facebook", null),
                ev("-", 1, "search")); // anonymous server hit: no visit
        List<Sessions.Session> s = Sessions.of(events);
        assertEquals(4, s.size());
        assertEquals(List.of("organic", "direct", "email", "social"), s.stream().map(Sessions.Session::channel).toList());
        assertEquals(3, s.get(0).pageViews());
        assertEquals(Duration.ofMinutes(39), s.get(0).duration());
        assertEquals(3, s.get(2).events().size());
        assertEquals("spring", s.get(2).campaign());
        // bounces: a one-page visit without interaction; b's and a's second session are bounces
        assertEquals(List.of(false, true, false, true), s.stream().map(Sessions.Session::bounce).toList());
    }

    @Test
    void attributionModelsShareCreditAsDefined() {
        Instant conv = T0.plus(Duration.ofDays(7));
        List<Touch> touches = List.of(new Touch("organic", T0), new Touch("email", T0.plus(Duration.ofDays(3))),
                new Touch("social", T0.plus(Duration.ofDays(5))), new Touch("direct", T0.plus(Duration.ofDays(7))));
        assertEquals(Map.of("social", 1.0), Attribution.credit(Model.LAST_NON_DIRECT, touches, conv));
        assertEquals(Map.of("organic", 1.0), Attribution.credit(Model.FIRST, touches, conv));
        assertEquals(Map.of("organic", 0.25, "email", 0.25, "social", 0.25, "direct", 0.25),
                Attribution.credit(Model.LINEAR, touches, conv));
        Map<String, Double> pos = Attribution.credit(Model.POSITION_BASED, touches, conv);
        assertEquals(0.4, pos.get("organic"), 1e-12);
        assertEquals(0.1, pos.get("email"), 1e-12);
        assertEquals(0.1, pos.get("social"), 1e-12);
        assertEquals(0.4, pos.get("direct"), 1e-12);
        // time decay, half-life 7 days: ages 7, 4, 2, 0 days -> weights 1/2, 2^-4/7, 2^-2/7, 1
        Map<String, Double> td = Attribution.credit(Model.TIME_DECAY, touches, conv);
        double w0 = 0.5, w1 = Math.pow(2, -4.0 / 7), w2 = Math.pow(2, -2.0 / 7), w3 = 1;
        double sum = w0 + w1 + w2 + w3;
        assertEquals(w0 / sum, td.get("organic"), 1e-9);
        assertEquals(w3 / sum, td.get("direct"), 1e-9);
        assertEquals(1.0, td.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertEquals(Map.of("direct", 1.0), Attribution.credit(Model.LAST_NON_DIRECT,
                List.of(new Touch("direct", T0)), conv), "only direct visits: direct gets it");
        assertEquals(Map.of("organic", 0.5, "email", 0.5), Attribution.credit(Model.POSITION_BASED,
                touches.subList(0, 2), conv), "two touchpoints: half each");
    }

    @Test
    void attributionReportCreditsRevenueOverTheVisitorsSessions() {
        // visitor a: organic visit, then 2 days later an email visit that buys for 100.00
        List<Ev> events = List.of(landing("a", 0, "organic", "google", null),
                landing("a", 2 * 24 * 60, "email", "news", "spring"), purchase("a", 2 * 24 * 60 + 5, 10_000),
                // visitor b: one direct visit that buys for 50.00
                ev("b", 0, "page_view"), purchase("b", 3, 5_000));
        Map<Model, List<Attribution.Row>> r = Attribution.report(Sessions.of(events), "EUR");
        Map<String, Double> lastNonDirect = new java.util.HashMap<>();
        r.get(Model.LAST_NON_DIRECT).forEach(x -> lastNonDirect.put(x.channel(), x.revenueMinor()));
        assertEquals(Map.of("email", 10_000.0, "direct", 5_000.0), lastNonDirect);
        Map<String, Double> first = new java.util.HashMap<>();
        r.get(Model.FIRST).forEach(x -> first.put(x.channel(), x.revenueMinor()));
        assertEquals(Map.of("organic", 10_000.0, "direct", 5_000.0), first);
        double linearOrganic = r.get(Model.LINEAR).stream().filter(x -> x.channel().equals("organic"))
                .mapToDouble(Attribution.Row::conversions).sum();
        assertEquals(0.5, linearOrganic, 1e-12);
    }

    @Test
    void funnelCountsEachVisitorOnceInStepOrderWithinTheWindow() {
        List<Ev> events = new ArrayList<>();
        // a: full path
        events.addAll(List.of(ev("a", 0, "view_item"), ev("a", 1, "add_to_cart"), ev("a", 2, "begin_checkout"),
                ev("a", 3, "purchase")));
        // b: views twice, adds to cart, stops
        events.addAll(List.of(ev("b", 0, "view_item"), ev("b", 1, "view_item"), ev("b", 2, "add_to_cart")));
        // c: adds to cart BEFORE viewing: only the view counts (steps must follow in order)
        events.addAll(List.of(ev("c", 0, "add_to_cart"), ev("c", 5, "view_item")));
        // d: view, then add to cart 2 days later: outside the 1-day window
        events.addAll(List.of(ev("d", 0, "view_item"), ev("d", 2 * 24 * 60, "add_to_cart")));
        // e: never views a product
        events.add(ev("e", 0, "page_view"));
        List<Funnel.Step> f = Funnel.of(events, Funnel.DEFAULT_STEPS, Duration.ofDays(1));
        assertEquals(List.of(4L, 2L, 1L, 1L), f.stream().map(Funnel.Step::reached).toList());
        assertEquals(List.of(0L, 2L, 1L, 0L), f.stream().map(Funnel.Step::dropOff).toList());
        assertEquals(0.5, f.get(1).conversionFromPrevious(), 1e-12);
        assertEquals(0.25, f.get(3).conversionFromStart(), 1e-12);
    }

    static Segments.Ord order(String key, long customer, int daysBeforeNow, String origin, long net, String category) {
        return new Segments.Ord(key, NOW.minus(Duration.ofDays(daysBeforeNow)), customer, origin, "EUR", net,
                List.of(new Segments.Line("I" + key, category, 1, net)));
    }

    static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

    @Test
    void segmentsAndRfmScoresFollowTheDefinitions() {
        List<Segments.Ord> orders = List.of(
                order("1", 1, 10, "web", 1000, "mugs"), // 1: first-time buyer, online
                order("2", 2, 5, "web", 2000, "mugs"), order("3", 2, 40, "store", 3000, "tea"), // 2: repeat, omnichannel
                order("4", 3, 1, "web", 500, "tea"), order("5", 3, 20, "web", 500, "tea"), order("6", 3, 50, "web", 500,
                        "tea"), order("7", 3, 90, "web", 500, "tea"), // 3: loyal (4 orders)
                order("8", 4, 200, "store", 9000, "gifts"), // 4: lapsed, store only
                order("9", 5, 3, "web", 0, "mugs")); // 5: fully refunded -> no order
        Map<Long, Segments.Customer> c = Segments.customers(orders, Set.of(5L, 6L), NOW);
        assertEquals("first_time", c.get(1L).maturity());
        assertEquals("repeat", c.get(2L).maturity());
        assertEquals("omnichannel", c.get(2L).channel());
        assertEquals("loyal", c.get(3L).maturity());
        assertEquals("lapsed", c.get(4L).maturity());
        assertEquals("store_only", c.get(4L).channel());
        assertEquals("prospect", c.get(5L).maturity());
        assertEquals("prospect", c.get(6L).maturity());
        assertEquals("tea", c.get(3L).topCategory());
        assertEquals("tea", c.get(2L).topCategory(), "3000 in tea beats 2000 in mugs");
        // 4 buyers. Recency (days, fewer is better): 4:200, 1:10, 2:5, 3:1 -> ranks 0..3 -> scores 1,2,3,4
        assertEquals(List.of(1, 2, 3, 4), List.of(c.get(4L).r(), c.get(1L).r(), c.get(2L).r(), c.get(3L).r()));
        // frequency: 1,1 (customers 1 and 4 tie -> both score 1), 2 -> rank 2 -> 3, 4 -> rank 3 -> 4
        assertEquals(List.of(1, 1, 3, 4), List.of(c.get(1L).f(), c.get(4L).f(), c.get(2L).f(), c.get(3L).f()));
        // monetary: 1:1000, 3:2000, 2:5000, 4:9000 -> 1,2,3,4
        assertEquals(List.of(1, 2, 3, 4), List.of(c.get(1L).m(), c.get(3L).m(), c.get(2L).m(), c.get(4L).m()));
        assertEquals("champions", c.get(3L).rfmSegment());
        assertEquals("hibernating", c.get(4L).rfmSegment());
        assertEquals(Map.of("prospect", 2L, "first_time", 1L, "repeat", 1L, "loyal", 1L, "lapsed", 1L),
                Segments.countBy(c.values(), Segments.Customer::maturity, Segments.MATURITIES));
    }

    @Test
    void cohortsMeasureReturningBuyersByFirstOrderMonth() {
        Instant jan = Instant.parse("2026-01-15T10:00:00Z");
        Instant feb = Instant.parse("2026-02-15T10:00:00Z");
        Instant mar = Instant.parse("2026-03-15T10:00:00Z");
        List<Segments.Ord> orders = List.of(new Segments.Ord("a", jan, 1L, "web", "EUR", 100, List.of()),
                new Segments.Ord("b", feb, 1L, "web", "EUR", 100, List.of()),
                new Segments.Ord("c", jan, 2L, "web", "EUR", 100, List.of()),
                new Segments.Ord("d", mar, 2L, "web", "EUR", 100, List.of()),
                new Segments.Ord("e", feb, 3L, "web", "EUR", 100, List.of()));
        List<Segments.Cohort> cohorts = Segments.cohorts(orders, 3);
        assertEquals(2, cohorts.size());
        assertEquals(2, cohorts.get(0).size());
        assertEquals(List.of(1.0, 0.5, 0.5), cohorts.get(0).retention());
        assertEquals(List.of(1.0, 0.0, 0.0), cohorts.get(1).retention());
    }

    @Test
    void channelsFromUtmAndReferrer() {
        assertEquals("paid", Channels.classify("google", "cpc", null, "shop.example", false));
        assertEquals("email", Channels.classify("newsletter", "email", null, "shop.example", false));
        assertEquals("organic", Channels.classify(null, null, "www.google.co.uk", "shop.example", false));
        assertEquals("social", Channels.classify(null, null, "m.facebook.com", "shop.example", false));
        assertEquals("referral", Channels.classify(null, null, "blog.example.org", "shop.example", false));
        assertEquals("direct", Channels.classify(null, null, "www.shop.example", "shop.example", false));
        assertEquals("paid", Channels.classify(null, null, "www.google.com", "shop.example", true));
        assertTrue(Bots.isBot("Mozilla/5.0 (compatible; Googlebot/2.1)"));
        assertTrue(Bots.isBot(null));
        assertFalse(Bots.isBot("Mozilla/5.0 (Windows NT 10.0) Firefox/140.0"));
        assertEquals("192.168.10.0", Privacy.truncateIp("192.168.10.57"));
        assertEquals("2001:db8:85a3::", Privacy.truncateIp("2001:db8:85a3:8d3:1319:8a2e:370:7348"));
    }
}
