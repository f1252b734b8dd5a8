package io.brique.recs.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link Model} from {@link TrainingData}: pure, single-threaded, deterministic. */
public final class Trainer {

    /**
     * {@code together}: pairs in one order; {@code viewed}: pairs in one view session; {@code related}:
     * pairs in one customer's whole history (the "for you" similarity); {@code popularityHalfLifeDays}
     * for popularity and trending; {@code viewWeight}: a view counts this much of a purchase there.
     */
    public record Params(CoOccurrence.Params together, CoOccurrence.Params viewed, CoOccurrence.Params related,
            double popularityHalfLifeDays, double viewWeight, int similarTopN) {

        public static Params defaults() {
            return new Params(CoOccurrence.Params.baskets(CoOccurrence.Similarity.JACCARD, 180, 50),
                    CoOccurrence.Params.baskets(CoOccurrence.Similarity.JACCARD, 60, 50),
                    // measured on Online Retail (docs/recommendations.md): Jaccard, 90-day half-life, pairs
                    // weighed by 1/sqrt(distance) in the customer's history, the last 50 items
                    new CoOccurrence.Params(CoOccurrence.Similarity.JACCARD, 90, 0.5, 0, 50, 100, 1, 0),
                    30, 0.2, 30);
        }
    }

    private Trainer() {
    }

    public static Model train(TrainingData data, Params p) {
        long t0 = System.nanoTime();
        Instant now = data.now();
        java.util.TreeSet<Long> all = new java.util.TreeSet<>(data.catalog().keySet());
        for (TrainingData.Basket b : data.orders()) {
            for (long id : b.productIds()) {
                all.add(id);
            }
        }
        for (TrainingData.Basket b : data.sessions()) {
            for (long id : b.productIds()) {
                all.add(id);
            }
        }
        ItemIds ids = ItemIds.fromSorted(all.stream().mapToLong(Long::longValue).toArray());
        int n = ids.size();
        Neighbours together = baskets(ids, data.orders(), now, p.together());
        Neighbours viewed = baskets(ids, data.sessions(), now, p.viewed());
        Neighbours related = histories(ids, data.orders(), data.sessions(), now, p.related());
        long[] category = new long[n];
        long[] brand = new long[n];
        boolean[] active = new boolean[n];
        boolean[] inStock = new boolean[n];
        List<String[]> features = new ArrayList<>(n);
        boolean noCatalog = data.catalog().isEmpty();
        for (int i = 0; i < n; i++) {
            TrainingData.Product prod = data.catalog().get(ids.id(i));
            if (prod == null) {
                active[i] = noCatalog;
                inStock[i] = noCatalog;
                features.add(new String[0]);
                continue;
            }
            active[i] = prod.active();
            inStock[i] = prod.inStock();
            category[i] = prod.categoryIds().isEmpty() ? 0 : prod.categoryIds().getFirst();
            brand[i] = prod.brandId() == null ? 0 : prod.brandId();
            features.add(ContentSimilarity.features(prod.categoryIds(), prod.brandId(), prod.attributes(), prod.title()));
        }
        Neighbours similar = noCatalog ? Neighbours.empty(n)
                : ContentSimilarity.train(features, p.similarTopN(), Math.max(50, n / 5));
        List<Integer> evItems = new ArrayList<>();
        List<Float> evAges = new ArrayList<>();
        List<Float> evWeights = new ArrayList<>();
        addEvents(ids, data.orders(), now, 1f, evItems, evAges, evWeights);
        addEvents(ids, data.sessions(), now, (float) p.viewWeight(), evItems, evAges, evWeights);
        float[] pop = Popularity.scores(n, evItems.stream().mapToInt(Integer::intValue).toArray(),
                toArray(evAges), toArray(evWeights), p.popularityHalfLifeDays());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Model(ids, together, viewed, related, similar, pop, category, brand, active, inStock, now, ms,
                data.orders().size(), data.sessions().size());
    }

    private static float[] toArray(List<Float> l) {
        float[] a = new float[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    private static void addEvents(ItemIds ids, List<TrainingData.Basket> baskets, Instant now, float w,
            List<Integer> items, List<Float> ages, List<Float> weights) {
        for (TrainingData.Basket b : baskets) {
            float age = ageDays(b.at(), now);
            for (long id : b.productIds()) {
                items.add(ids.index(id));
                ages.add(age);
                weights.add(w);
            }
        }
    }

    static float ageDays(Instant at, Instant now) {
        return Math.max(0, Duration.between(at, now).toSeconds() / 86_400f);
    }

    private static Neighbours baskets(ItemIds ids, List<TrainingData.Basket> baskets, Instant now,
            CoOccurrence.Params p) {
        int[][] seqs = new int[baskets.size()][];
        float[][] ages = new float[baskets.size()][];
        for (int u = 0; u < seqs.length; u++) {
            TrainingData.Basket b = baskets.get(u);
            seqs[u] = new int[b.productIds().length];
            ages[u] = new float[seqs[u].length];
            float age = ageDays(b.at(), now);
            for (int k = 0; k < seqs[u].length; k++) {
                seqs[u][k] = ids.index(b.productIds()[k]);
                ages[u][k] = age;
            }
        }
        return CoOccurrence.train(ids.size(), seqs, ages, p);
    }

    /** Each customer's orders (and sessions) in time order as one sequence; guests' baskets stand alone. */
    private static Neighbours histories(ItemIds ids, List<TrainingData.Basket> orders,
            List<TrainingData.Basket> sessions, Instant now, CoOccurrence.Params p) {
        Map<Long, List<TrainingData.Basket>> byOwner = new HashMap<>();
        List<List<TrainingData.Basket>> groups = new ArrayList<>();
        for (List<TrainingData.Basket> source : List.of(orders, sessions)) {
            for (TrainingData.Basket b : source) {
                if (b.owner() == 0) {
                    groups.add(List.of(b));
                } else {
                    byOwner.computeIfAbsent(b.owner(), k -> {
                        List<TrainingData.Basket> l = new ArrayList<>();
                        groups.add(l);
                        return l;
                    }).add(b);
                }
            }
        }
        int[][] seqs = new int[groups.size()][];
        float[][] ages = new float[groups.size()][];
        for (int u = 0; u < seqs.length; u++) {
            List<TrainingData.Basket> g = new ArrayList<>(groups.get(u));
            g.sort(Comparator.comparing(TrainingData.Basket::at));
            int len = g.stream().mapToInt(b -> b.productIds().length).sum();
            seqs[u] = new int[len];
            ages[u] = new float[len];
            int k = 0;
            for (TrainingData.Basket b : g) {
                float age = ageDays(b.at(), now);
                for (long id : b.productIds()) {
                    seqs[u][k] = ids.index(id);
                    ages[u][k++] = age;
                }
            }
        }
        return CoOccurrence.train(ids.size(), seqs, ages, p);
    }
}
