package io.brique.crm.identity;

import java.util.ArrayList;
import java.util.List;

/** Why a pair scored what it did: each feature's level and its weight, for the review screen. */
public record Evidence(List<Item> items, double weight, double probability) {

    public record Item(Feature feature, int level, String label, double weight) {}

    public static Evidence of(long pattern, MatchModel model) {
        List<Item> items = new ArrayList<>();
        Feature[] features = Feature.values();
        for (int f = 0; f < features.length; f++) {
            int level = Comparator.level(pattern, f);
            double w = level == Feature.MISSING ? 0 : model.levelWeight(f, level);
            items.add(new Item(features[f], level, features[f].label(level), w));
        }
        double w = model.weight(pattern);
        return new Evidence(List.copyOf(items), w, model.probability(w));
    }
}
