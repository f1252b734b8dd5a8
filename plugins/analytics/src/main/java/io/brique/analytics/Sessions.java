package io.brique.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Sessionisation: a visitor's events, in time order, form one session until 30 minutes pass without
 * an event, or an event arrives with a different traffic source (a new campaign, channel or source:
 * a new session, as in GA). A session's source is its first event's, or {@code direct} when that
 * event has none. Page views are the {@code page_view} events; when a session has none (server or API
 * events only) its product and list views count as its pages. A bounce is a session of one page and
 * no interaction.
 */
final class Sessions {

    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private Sessions() {
    }

    /** One stored event as reports read it. */
    record Ev(String visitor, Instant at, String name, String channel, String source, String medium, String campaign,
            String page, Long valueMinor, String currency, String transactionId, String searchTerm,
            Integer resultCount, Long customerId, String cart) {

        Ev(String visitor, Instant at, String name, String channel, String source, String medium, String campaign,
                String page, Long valueMinor, String currency, String transactionId, String searchTerm,
                Integer resultCount, Long customerId) {
            this(visitor, at, name, channel, source, medium, campaign, page, valueMinor, currency, transactionId,
                    searchTerm, resultCount, customerId, null);
        }

        boolean hasSource() {
            return channel != null;
        }

        Ev withVisitor(String v, Long customer) {
            return new Ev(v, at, name, channel, source, medium, campaign, page, valueMinor, currency, transactionId,
                    searchTerm, resultCount, customer, cart);
        }
    }

    /**
     * One visit. The figures (page views, bounce, revenue per currency, exit search) are computed once
     * from the events; a session read back from the daily rollup ({@link Rollup}) has them without its
     * events ({@code events} empty).
     */
    record Session(String visitor, Instant start, Instant end, String channel, String source, String medium,
            String campaign, String landingPage, List<Ev> events, long pageViews, boolean bounce, int conversions,
            java.util.Map<String, Long> revenue, String exitSearch) {

        Session(String visitor, Instant start, Instant end, String channel, String source, String medium,
                String campaign, String landingPage, List<Ev> events) {
            this(visitor, start, end, channel, source, medium, campaign, landingPage, events, pageViewsOf(events),
                    bounceOf(events), (int) events.stream().filter(e -> e.name().equals("purchase")).count(),
                    revenueOf(events), exitSearchOf(events));
        }

        Duration duration() {
            return Duration.between(start, end);
        }

        boolean converted() {
            return conversions > 0;
        }

        /** The purchase events (sessions computed from events only; attribution needs their times). */
        List<Ev> purchases() {
            return events.stream().filter(e -> e.name().equals("purchase")).toList();
        }
    }

    private static long pageViewsOf(List<Ev> events) {
        long pv = events.stream().filter(e -> e.name().equals("page_view")).count();
        return pv > 0 ? pv : events.stream().filter(e -> e.name().equals("view_item") || e.name().equals("view_item_list")).count();
    }

    private static boolean bounceOf(List<Ev> events) {
        boolean interacted = events.stream().anyMatch(e -> !e.name().equals("page_view")
                && !e.name().equals("view_item") && !e.name().equals("view_item_list"));
        return pageViewsOf(events) <= 1 && !interacted;
    }

    private static java.util.Map<String, Long> revenueOf(List<Ev> events) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (Ev e : events) {
            if (e.name().equals("purchase") && e.currency() != null && e.valueMinor() != null) {
                out.merge(e.currency(), e.valueMinor(), Long::sum);
            }
        }
        return out;
    }

    /** The search term when the visit ended on a search (a search exit), else null. */
    private static String exitSearchOf(List<Ev> events) {
        if (events.isEmpty()) {
            return null;
        }
        Ev last = events.get(events.size() - 1);
        return last.name().equals("search") && last.searchTerm() != null
                ? last.searchTerm().trim().toLowerCase(java.util.Locale.ROOT) : null;
    }

    /** Sessions of all visitors; events of the anonymous server visitor {@code -} are left out. */
    static List<Session> of(List<Ev> events) {
        List<Ev> sorted = new ArrayList<>(events.stream().filter(e -> !e.visitor().equals("-")).toList());
        sorted.sort(Comparator.comparing(Ev::visitor).thenComparing(Ev::at));
        List<Session> out = new ArrayList<>();
        List<Ev> current = new ArrayList<>();
        for (Ev e : sorted) {
            if (!current.isEmpty()) {
                Ev last = current.get(current.size() - 1);
                Ev first = current.get(0);
                boolean sameVisitor = last.visitor().equals(e.visitor());
                boolean timedOut = Duration.between(last.at(), e.at()).compareTo(TIMEOUT) > 0;
                boolean newSource = e.hasSource() && !sameSource(first, e);
                if (!sameVisitor || timedOut || newSource) {
                    out.add(close(current));
                    current = new ArrayList<>();
                }
            }
            current.add(e);
        }
        if (!current.isEmpty()) {
            out.add(close(current));
        }
        return out;
    }

    private static boolean sameSource(Ev sessionStart, Ev e) {
        String channel = sessionStart.hasSource() ? sessionStart.channel() : Channels.DIRECT;
        return channel.equals(e.channel()) && Objects.equals(sessionStart.source(), e.source())
                && Objects.equals(sessionStart.medium(), e.medium()) && Objects.equals(sessionStart.campaign(), e.campaign());
    }

    private static Session close(List<Ev> events) {
        Ev first = events.get(0);
        String landing = events.stream().map(Ev::page).filter(Objects::nonNull).findFirst().orElse(null);
        return new Session(first.visitor(), first.at(), events.get(events.size() - 1).at(),
                first.hasSource() ? first.channel() : Channels.DIRECT, first.source(), first.medium(), first.campaign(),
                landing, List.copyOf(events));
    }
}
