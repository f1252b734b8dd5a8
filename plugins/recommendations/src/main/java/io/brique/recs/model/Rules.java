package io.brique.recs.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Business rules applied to every answer: leave out what is out of stock and (optionally) what the
 * customer already bought; merchant bans, boosts (a multiplier on the score within its strategy) and
 * pins (shown first when eligible); at most {@code maxPerCategory} items of one category while other
 * categories have candidates (0 = no limit).
 */
public record Rules(boolean excludeOutOfStock, boolean excludeBought, int maxPerCategory, Set<Long> bans,
        Map<Long, Double> boosts, List<Long> pins) {

    public Rules {
        bans = Set.copyOf(bans);
        boosts = Map.copyOf(boosts);
        pins = List.copyOf(pins);
    }

    public static Rules defaults() {
        return new Rules(true, true, 2, Set.of(), Map.of(), List.of());
    }
}
