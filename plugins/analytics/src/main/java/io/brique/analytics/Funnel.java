package io.brique.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A closed funnel per visitor: a visitor reaches step k when, after reaching step k-1, they send an
 * event of step k within the conversion window counted from their first step-1 event. Each visitor
 * is counted once per step. Drop-off of step k = reached(k-1) - reached(k).
 */
final class Funnel {

    static final List<String> DEFAULT_STEPS = List.of("view_item", "add_to_cart", "begin_checkout", "purchase");

    record Step(String name, long reached, long dropOff, double conversionFromPrevious, double conversionFromStart) {
    }

    private Funnel() {
    }

    static List<Step> of(List<Sessions.Ev> events, List<String> steps, Duration window) {
        Map<String, List<Sessions.Ev>> byVisitor = new LinkedHashMap<>();
        for (Sessions.Ev e : events) {
            if (!e.visitor().equals("-") && steps.contains(e.name())) {
                byVisitor.computeIfAbsent(e.visitor(), k -> new ArrayList<>()).add(e);
            }
        }
        long[] reached = new long[steps.size()];
        for (List<Sessions.Ev> evs : byVisitor.values()) {
            evs.sort(Comparator.comparing(Sessions.Ev::at));
            int best = -1;
            // try each start (a step-1 event) and keep the deepest path within the window
            for (int s = 0; s < evs.size(); s++) {
                if (!evs.get(s).name().equals(steps.get(0))) {
                    continue;
                }
                Instant start = evs.get(s).at();
                int step = 0;
                for (int i = s + 1; i < evs.size() && step < steps.size() - 1; i++) {
                    Sessions.Ev e = evs.get(i);
                    if (e.at().isAfter(start.plus(window))) {
                        break;
                    }
                    if (e.name().equals(steps.get(step + 1))) {
                        step++;
                    }
                }
                best = Math.max(best, step);
            }
            for (int k = 0; k <= best; k++) {
                reached[k]++;
            }
        }
        List<Step> out = new ArrayList<>();
        for (int k = 0; k < steps.size(); k++) {
            long prev = k == 0 ? reached[0] : reached[k - 1];
            out.add(new Step(steps.get(k), reached[k], prev - reached[k], prev == 0 ? 0 : (double) reached[k] / prev,
                    reached[0] == 0 ? 0 : (double) reached[k] / reached[0]));
        }
        return out;
    }
}
