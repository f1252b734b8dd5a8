package io.brique.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Credit of conversions to channels. The touchpoints of a conversion are the sessions of the same
 * visitor that started within the look-back window (30 days) before it, the converting session
 * included, in time order.
 * <ul>
 * <li>last non-direct: all credit to the last touchpoint whose channel is not direct (direct if all are);
 * <li>first: all to the first touchpoint;
 * <li>linear: equal shares;
 * <li>position-based: 40 % first, 40 % last, 20 % shared by the middle ones (one touchpoint: 100 %,
 *     two: 50/50);
 * <li>time decay: weight 2^(-age/7 days), age = conversion time - session start, normalised.
 * </ul>
 */
final class Attribution {

    enum Model { LAST_NON_DIRECT, FIRST, LINEAR, POSITION_BASED, TIME_DECAY }

    static final Duration LOOKBACK = Duration.ofDays(30);
    static final Duration HALF_LIFE = Duration.ofDays(7);

    private Attribution() {
    }

    /** Touchpoint channels with their start times, oldest first. */
    record Touch(String channel, Instant start) {
    }

    /** Credit shares (summing to 1) per channel for one conversion. */
    static Map<String, Double> credit(Model model, List<Touch> touches, Instant conversion) {
        Map<String, Double> out = new LinkedHashMap<>();
        int n = touches.size();
        if (n == 0) {
            out.put(Channels.DIRECT, 1.0);
            return out;
        }
        switch (model) {
            case FIRST -> out.put(touches.get(0).channel(), 1.0);
            case LAST_NON_DIRECT -> {
                String channel = Channels.DIRECT;
                for (Touch t : touches) {
                    if (!t.channel().equals(Channels.DIRECT)) {
                        channel = t.channel();
                    }
                }
                out.put(channel, 1.0);
            }
            case LINEAR -> touches.forEach(t -> out.merge(t.channel(), 1.0 / n, Double::sum));
            case POSITION_BASED -> {
                if (n == 1) {
                    out.put(touches.get(0).channel(), 1.0);
                } else if (n == 2) {
                    out.merge(touches.get(0).channel(), 0.5, Double::sum);
                    out.merge(touches.get(1).channel(), 0.5, Double::sum);
                } else {
                    out.merge(touches.get(0).channel(), 0.4, Double::sum);
                    out.merge(touches.get(n - 1).channel(), 0.4, Double::sum);
                    for (int i = 1; i < n - 1; i++) {
                        out.merge(touches.get(i).channel(), 0.2 / (n - 2), Double::sum);
                    }
                }
            }
            case TIME_DECAY -> {
                double[] w = new double[n];
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    double ageDays = Duration.between(touches.get(i).start(), conversion).toMillis() / 86_400_000.0;
                    w[i] = Math.pow(2, -ageDays / (HALF_LIFE.toMillis() / 86_400_000.0));
                    sum += w[i];
                }
                for (int i = 0; i < n; i++) {
                    out.merge(touches.get(i).channel(), w[i] / sum, Double::sum);
                }
            }
        }
        return out;
    }

    /** Conversions and revenue (minor units, one currency) credited per channel, for every model. */
    record Row(String channel, double conversions, double revenueMinor) {
    }

    static Map<Model, List<Row>> report(List<Sessions.Session> sessions, String currency) {
        Map<String, List<Sessions.Session>> byVisitor = new LinkedHashMap<>();
        for (Sessions.Session s : sessions) {
            byVisitor.computeIfAbsent(s.visitor(), k -> new ArrayList<>()).add(s);
        }
        Map<Model, Map<String, double[]>> acc = new LinkedHashMap<>();
        for (Model m : Model.values()) {
            acc.put(m, new LinkedHashMap<>());
        }
        for (List<Sessions.Session> visits : byVisitor.values()) {
            for (Sessions.Session s : visits) {
                for (Sessions.Ev p : s.purchases()) {
                    if (currency != null && !currency.equals(p.currency())) {
                        continue;
                    }
                    List<Touch> touches = new ArrayList<>();
                    for (Sessions.Session t : visits) {
                        if (!t.start().isAfter(p.at()) && !t.start().isBefore(p.at().minus(LOOKBACK))) {
                            touches.add(new Touch(t.channel(), t.start()));
                        }
                    }
                    long value = p.valueMinor() == null ? 0 : p.valueMinor();
                    for (Model m : Model.values()) {
                        credit(m, touches, p.at()).forEach((ch, share) -> {
                            double[] a = acc.get(m).computeIfAbsent(ch, k -> new double[2]);
                            a[0] += share;
                            a[1] += share * value;
                        });
                    }
                }
            }
        }
        Map<Model, List<Row>> out = new LinkedHashMap<>();
        acc.forEach((m, rows) -> out.put(m, rows.entrySet().stream()
                .map(e -> new Row(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted((a, b) -> Double.compare(b.revenueMinor(), a.revenueMinor())).toList()));
        return out;
    }
}
