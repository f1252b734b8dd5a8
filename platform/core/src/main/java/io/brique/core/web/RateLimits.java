package io.brique.core.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Token buckets per client address for the requests worth abusing: login attempts (storefront and
 * admin), searches and the analytics collection API. Each rule is configured as
 * {@code http.rate-limit.<rule>=N/period} (a bucket of N tokens refilled at N per period) or
 * {@code off}. Buckets live in this node's memory: behind a round-robin balancer a client gets the
 * limit once per node, which is the documented trade-off for not touching the database per request.
 */
public final class RateLimits {

    /** A rule: which requests it counts and the size and refill of its buckets. */
    public record Rule(String name, String method, Pattern path, long capacity, Duration period) {
    }

    /** The outcome of a check: allowed, or refused with the seconds after which a token is back. */
    public record Verdict(boolean allowed, long retryAfterSeconds, String rule) {
        static final Verdict ALLOWED = new Verdict(true, 0, null);
    }

    /** Bound of buckets kept per rule; beyond it the full (idle) buckets are dropped first. */
    private static final int MAX_BUCKETS = 100_000;

    public static final RateLimits OFF = new RateLimits(List.of(), System::nanoTime);

    private final List<Rule> rules;
    private final LongSupplier nanos;
    private final Map<String, Map<String, Bucket>> buckets = new ConcurrentHashMap<>();

    public RateLimits(List<Rule> rules, LongSupplier nanos) {
        this.rules = List.copyOf(rules);
        this.nanos = nanos;
        for (Rule r : rules) {
            buckets.put(r.name(), new ConcurrentHashMap<>());
        }
    }

    /** The built-in rules with the configured specs ({@code off} or a blank spec disables a rule). */
    public static RateLimits configured(String login, String search, String collect) {
        List<Rule> rules = new ArrayList<>();
        addRule(rules, "login", "POST", "/[a-z]{2}/account/login|/admin/login", login);
        addRule(rules, "search", "GET", "/[a-z]{2}/search|/api/v1/search(/.*)?", search);
        addRule(rules, "collect", "POST", "/api/v1/plugins/[^/]+/collect", collect);
        return new RateLimits(rules, System::nanoTime);
    }

    private static void addRule(List<Rule> rules, String name, String method, String path, String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("off")) {
            return;
        }
        int slash = s.indexOf('/');
        long capacity;
        Duration period;
        try {
            capacity = Long.parseLong(s.substring(0, slash < 0 ? s.length() : slash).trim());
            period = slash < 0 ? Duration.ofMinutes(1) : io.brique.core.config.BriqueConfig.parseDuration(s.substring(slash + 1).trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("http.rate-limit." + name + ": expected N/period (e.g. 10/1m) or off, got " + s);
        }
        if (capacity <= 0 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("http.rate-limit." + name + ": N and the period must be positive, got " + s);
        }
        rules.add(new Rule(name, method, Pattern.compile(path), capacity, period));
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Takes a token for this request from the bucket of its client, if a rule counts the request. */
    public Verdict check(String method, String path, String client) {
        for (Rule rule : rules) {
            if (rule.method().equals(method) && rule.path().matcher(path).matches()) {
                Map<String, Bucket> perClient = buckets.get(rule.name());
                if (perClient.size() >= MAX_BUCKETS) {
                    prune(rule, perClient);
                }
                Bucket b = perClient.computeIfAbsent(client, k -> new Bucket(rule.capacity(), nanos.getAsLong()));
                long waitNanos = b.take(rule, nanos.getAsLong());
                if (waitNanos > 0) {
                    return new Verdict(false, Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L), rule.name());
                }
                return Verdict.ALLOWED;
            }
        }
        return Verdict.ALLOWED;
    }

    private void prune(Rule rule, Map<String, Bucket> perClient) {
        long now = nanos.getAsLong();
        perClient.values().removeIf(b -> b.isFull(rule, now));
        if (perClient.size() >= MAX_BUCKETS) {
            perClient.clear(); // under an address-spraying flood: forget everyone rather than grow
        }
    }

    /** Tokens as a fraction-free count: {@code tokens} scaled by the period in nanoseconds. */
    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(long capacity, long now) {
            this.tokens = capacity;
            this.last = now;
        }

        synchronized long take(Rule rule, long now) {
            refill(rule, now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double perNano = (double) rule.capacity() / rule.period().toNanos();
            return (long) Math.ceil((1 - tokens) / perNano);
        }

        synchronized boolean isFull(Rule rule, long now) {
            refill(rule, now);
            return tokens >= rule.capacity();
        }

        private void refill(Rule rule, long now) {
            long elapsed = Math.max(0, now - last);
            last = now;
            tokens = Math.min(rule.capacity(), tokens + elapsed * ((double) rule.capacity() / rule.period().toNanos()));
        }
    }
}
