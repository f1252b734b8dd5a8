package io.brique.loyalty;

import io.brique.api.plugin.PluginContext;
import io.brique.api.segment.CustomerSegment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * Segment restrictions of promo codes and campaigns: {@code dimension:value} checked against the
 * customer's segment from {@code PluginContext.customerSegment} (the analytics brick). Answers are kept a
 * minute per customer, so cart pricing does not wait on the provider at every view.
 */
public final class Segments {

    /** The restrictions a merchant can choose, by dimension of {@link CustomerSegment}. */
    static final Map<String, List<String>> CHOICES = Map.of(
            "rfm", List.of("champions", "loyal", "at_risk", "promising", "hibernating"),
            "maturity", List.of("prospect", "first_time", "repeat", "loyal", "lapsed"),
            "channel", List.of("online", "store_only", "omnichannel"));

    static final Duration TTL = Duration.ofMinutes(1);
    private static final int MAX_ENTRIES = 50_000;

    private record Cached(Optional<CustomerSegment> segment, long atNanos) {
    }

    private final LongFunction<Optional<CustomerSegment>> lookup;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    Segments(LongFunction<Optional<CustomerSegment>> lookup) {
        this.lookup = lookup;
    }

    static Segments of(PluginContext context) {
        return new Segments(context::customerSegment);
    }

    /** All valid restrictions, for the forms' select lists. */
    static List<String> all() {
        return CHOICES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + ":" + v)).toList();
    }

    static void validate(String restriction) {
        if (restriction != null && !restriction.isBlank() && !all().contains(restriction.trim())) {
            throw new LoyaltyException("invalid", "segment: one of " + all());
        }
    }

    /** Whether this customer is in the segment; false for a guest or when no provider knows them. */
    boolean matches(String restriction, Long customerId) {
        if (restriction == null || restriction.isBlank()) {
            return true;
        }
        if (customerId == null) {
            return false;
        }
        Optional<CustomerSegment> s = segmentOf(customerId);
        if (s.isEmpty()) {
            return false;
        }
        String[] dv = restriction.trim().split(":", 2);
        CustomerSegment seg = s.get();
        String value = switch (dv[0]) {
            case "rfm" -> seg.rfmSegment();
            case "maturity" -> seg.maturity();
            case "channel" -> seg.channel();
            default -> null;
        };
        return dv.length == 2 && dv[1].equals(value);
    }

    /** Null when allowed, else the shopper's message key (sign in; no segment known; another segment). */
    String refusal(String restriction, Long customerId) {
        if (restriction == null || restriction.isBlank()) {
            return null;
        }
        if (customerId == null) {
            return "loyalty.code.segment_sign_in";
        }
        if (segmentOf(customerId).isEmpty()) {
            return "loyalty.code.segment_unknown";
        }
        return matches(restriction, customerId) ? null : "loyalty.code.segment";
    }

    private Optional<CustomerSegment> segmentOf(long customerId) {
        long now = System.nanoTime();
        Cached c = cache.get(customerId);
        if (c != null && now - c.atNanos() < TTL.toNanos()) {
            return c.segment();
        }
        Optional<CustomerSegment> fresh;
        try {
            fresh = lookup.apply(customerId);
        } catch (RuntimeException e) {
            fresh = Optional.empty(); // an old host or a failing provider: treated as "unknown"
        }
        if (cache.size() > MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(customerId, new Cached(fresh == null ? Optional.empty() : fresh, now));
        return fresh == null ? Optional.empty() : fresh;
    }
}
