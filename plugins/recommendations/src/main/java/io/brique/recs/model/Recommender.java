package io.brique.recs.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers one request from a {@link Model}: runs the strategies of the placement in order (the first
 * ones rank first; later ones fill what is left, so the answer is never empty while the catalog has
 * eligible products: popularity and then any active product end every chain), applies the
 * {@link Rules}, and says why each product is there. Reads only the immutable model and the request:
 * safe from any number of threads, no allocation proportional to the catalog.
 */
public final class Recommender {

    /** Why a product is recommended: the strategy, and the pair count or the matched facts behind it. */
    public enum Why { BOUGHT_TOGETHER, VIEWED_TOGETHER, SAME_CATEGORY_AND_BRAND, SAME_CATEGORY, SAME_BRAND,
        SIMILAR, FOR_YOU, TRENDING_IN_CATEGORY, RECENTLY_VIEWED, POPULAR, PINNED }

    public record Result(long productId, double score, Strategy strategy, Why why, int count) {
    }

    /**
     * {@code context}: the page's products; {@code history}: the customer's purchased products, oldest
     * first; {@code recentViews}: products the visitor viewed, oldest first.
     */
    public record Ask(List<Long> context, long[] history, long[] recentViews, int limit) {
        public Ask {
            context = List.copyOf(context);
            history = history == null ? new long[0] : history;
            recentViews = recentViews == null ? new long[0] : recentViews;
        }
    }

    /** How strongly the older items of a history count: the k-th most recent weighs {@code decay^k}. */
    private final double recencyDecay;
    private final double viewWeight;

    public Recommender(double recencyDecay, double viewWeight) {
        this.recencyDecay = recencyDecay;
        this.viewWeight = viewWeight;
    }

    public static Recommender defaults() {
        return new Recommender(0.98, 0.3);
    }

    private record Cand(int item, double score, Strategy strategy, Why why, int count) {
    }

    public List<Result> recommend(Model m, Ask ask, List<Strategy> chain, Rules rules) {
        int limit = Math.max(0, ask.limit());
        if (limit == 0 || m.size() == 0) {
            return List.of();
        }
        java.util.Set<Integer> excluded = new java.util.HashSet<>();
        int[] ctx = indexes(m, ask.context().stream().mapToLong(Long::longValue).toArray());
        for (int i : ctx) {
            excluded.add(i);
        }
        int[] bought = indexes(m, ask.history());
        if (rules.excludeBought()) {
            for (int i : bought) {
                excluded.add(i);
            }
        }
        for (long b : rules.bans()) {
            int i = m.ids.index(b);
            if (i >= 0) {
                excluded.add(i);
            }
        }
        int want = limit * 3 + 4; // room for the diversity rule
        LinkedHashMap<Integer, Cand> picked = new LinkedHashMap<>();
        for (long pin : rules.pins()) {
            int i = m.ids.index(pin);
            if (i >= 0 && eligible(m, i, excluded, rules)) {
                picked.putIfAbsent(i, new Cand(i, Double.MAX_VALUE, Strategy.POPULAR, Why.PINNED, 0));
            }
        }
        List<Strategy> full = new ArrayList<>(chain);
        if (!full.contains(Strategy.POPULAR)) {
            full.add(Strategy.POPULAR);
        }
        int tier = full.size();
        for (Strategy s : full) {
            if (picked.size() >= want) {
                break;
            }
            List<Cand> found = run(s, m, ctx, indexes(m, ask.history()), indexes(m, ask.recentViews()), want);
            double max = found.stream().mapToDouble(Cand::score).max().orElse(1);
            for (Cand c : found) {
                if (picked.size() >= want) {
                    break;
                }
                if (!picked.containsKey(c.item()) && eligible(m, c.item(), excluded, rules)) {
                    double boost = rules.boosts().getOrDefault(m.ids.id(c.item()), 1.0);
                    picked.put(c.item(), new Cand(c.item(), tier + Math.min(0.999, c.score() / max * 0.5 * boost),
                            c.strategy(), c.why(), c.count()));
                }
            }
            tier--;
        }
        if (picked.size() < limit) { // a new shop without any history: any eligible product
            for (int i = m.size() - 1; i >= 0 && picked.size() < limit; i--) {
                if (!picked.containsKey(i) && eligible(m, i, excluded, rules)) {
                    picked.put(i, new Cand(i, 0, Strategy.POPULAR, Why.POPULAR, 0));
                }
            }
        }
        List<Cand> ranked = new ArrayList<>(picked.values());
        ranked.sort((a, b) -> Double.compare(b.score(), a.score()));
        return diversify(m, ranked, limit, rules.maxPerCategory());
    }

    private static List<Result> diversify(Model m, List<Cand> ranked, int limit, int maxPerCategory) {
        List<Result> out = new ArrayList<>(limit);
        List<Cand> held = new ArrayList<>();
        Map<Long, Integer> perCategory = new HashMap<>();
        for (Cand c : ranked) {
            if (out.size() >= limit) {
                break;
            }
            long cat = m.category[c.item()];
            if (maxPerCategory > 0 && cat > 0 && c.why() != Why.PINNED
                    && perCategory.getOrDefault(cat, 0) >= maxPerCategory) {
                held.add(c);
                continue;
            }
            perCategory.merge(cat, 1, Integer::sum);
            out.add(result(m, c));
        }
        for (Cand c : held) { // not enough variety: the best of the rest
            if (out.size() >= limit) {
                break;
            }
            out.add(result(m, c));
        }
        return out;
    }

    private static Result result(Model m, Cand c) {
        return new Result(m.ids.id(c.item()), c.score(), c.strategy(), c.why(), c.count());
    }

    private static boolean eligible(Model m, int i, java.util.Set<Integer> excluded, Rules rules) {
        return !excluded.contains(i) && m.active(i) && (!rules.excludeOutOfStock() || m.inStock(i));
    }

    private static int[] indexes(Model m, long[] productIds) {
        int[] out = new int[productIds.length];
        int k = 0;
        for (long id : productIds) {
            int i = m.ids.index(id);
            if (i >= 0) {
                out[k++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    private List<Cand> run(Strategy s, Model m, int[] ctx, int[] history, int[] views, int want) {
        return switch (s) {
            case BOUGHT_TOGETHER -> through(m.boughtTogether, ctx, null, s, Why.BOUGHT_TOGETHER, want, m);
            case ALSO_VIEWED -> through(m.alsoViewed, ctx, null, s, Why.VIEWED_TOGETHER, want, m);
            case SIMILAR -> through(m.similar, ctx, null, s, Why.SIMILAR, want, m);
            case FOR_YOU -> forYou(m, history, views, want);
            case TRENDING -> trending(m, ctx, want);
            case RECENTLY_VIEWED -> {
                List<Cand> out = new ArrayList<>();
                for (int k = views.length - 1; k >= 0 && out.size() < want; k--) {
                    out.add(new Cand(views[k], k + 1, s, Why.RECENTLY_VIEWED, 0));
                }
                yield out;
            }
            case POPULAR -> {
                List<Cand> out = new ArrayList<>();
                for (int i : m.popular) {
                    out.add(new Cand(i, m.popularity[i], s, Why.POPULAR, 0));
                }
                yield out;
            }
        };
    }

    /** The personalised scores: each past item (most recent first, weight decay^k) through "related". */
    private List<Cand> forYou(Model m, int[] allHistory, int[] allViews, int want) {
        // the most recent items carry nearly all the weight: the cap bounds the cost of a long history
        int[] history = tail(allHistory, MAX_SEEDS);
        int[] views = tail(allViews, MAX_SEEDS);
        int h = history.length;
        int v = views.length;
        int[] seeds = new int[h + v];
        float[] weights = new float[h + v];
        double w = 1;
        for (int k = h - 1; k >= 0; k--, w *= recencyDecay) {
            seeds[h - 1 - k] = history[k];
            weights[h - 1 - k] = (float) w;
        }
        w = viewWeight;
        for (int k = v - 1; k >= 0; k--, w *= recencyDecay) {
            seeds[h + v - 1 - k] = views[k];
            weights[h + v - 1 - k] = (float) w;
        }
        return accumulate(m.related, seeds, weights, Strategy.FOR_YOU, Why.FOR_YOU, want, m);
    }

    /** At most this many of the latest purchases (and views) seed "for you". */
    static final int MAX_SEEDS = 30;

    private static int[] tail(int[] a, int n) {
        return a.length <= n ? a : java.util.Arrays.copyOfRange(a, a.length - n, a.length);
    }

    private List<Cand> through(Neighbours nb, int[] seeds, float[] weights, Strategy s, Why why, int want,
            Model m) {
        return accumulate(nb, seeds, weights, s, why, want, m);
    }

    /** Dense per-item sums reused across calls (calls run on short-lived virtual threads: no thread locals). */
    private static final class Scratch {
        final float[] score;
        final int[] count;
        final int[] touched;

        Scratch(int n) {
            score = new float[n];
            count = new int[n];
            touched = new int[n];
        }
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<Scratch> scratch =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    private Scratch borrow(int n) {
        Scratch s = scratch.poll();
        while (s != null && s.score.length != n) { // a model of another size was swapped in
            s = scratch.poll();
        }
        return s != null ? s : new Scratch(n);
    }

    private List<Cand> accumulate(Neighbours nb, int[] seeds, float[] weights, Strategy s, Why why, int want,
            Model m) {
        if (seeds.length == 0) {
            return List.of();
        }
        Scratch sc = borrow(m.size());
        int t = 0;
        try {
            for (int k = 0; k < seeds.length; k++) {
                int seed = seeds[k];
                float w = weights == null ? 1 : weights[k];
                for (int e = nb.from(seed); e < nb.to(seed); e++) {
                    int item = nb.item(e);
                    if (sc.count[item] == 0 && sc.score[item] == 0) {
                        sc.touched[t++] = item;
                    }
                    sc.score[item] += w * nb.score(e);
                    sc.count[item] = Math.max(sc.count[item], Math.max(1, nb.count(e)));
                }
            }
            TopK top = new TopK(want);
            for (int x = 0; x < t; x++) {
                int item = sc.touched[x];
                top.offer(item, sc.score[item], sc.count[item]);
            }
            int len = top.sortDescending();
            List<Cand> out = new ArrayList<>(len);
            for (int k = 0; k < len; k++) {
                int item = top.idx[k];
                Why reason = why == Why.SIMILAR ? contentReason(m, seeds[0], item) : why;
                out.add(new Cand(item, top.score[k], s, reason, top.count[k]));
            }
            return out;
        } finally {
            for (int x = 0; x < t; x++) {
                sc.score[sc.touched[x]] = 0;
                sc.count[sc.touched[x]] = 0;
            }
            scratch.offer(sc);
        }
    }

    private static Why contentReason(Model m, int a, int b) {
        boolean cat = m.category[a] > 0 && m.category[a] == m.category[b];
        boolean brand = m.brand[a] > 0 && m.brand[a] == m.brand[b];
        return cat && brand ? Why.SAME_CATEGORY_AND_BRAND : cat ? Why.SAME_CATEGORY : brand ? Why.SAME_BRAND
                : Why.SIMILAR;
    }

    private static List<Cand> trending(Model m, int[] ctx, int want) {
        List<Cand> out = new ArrayList<>();
        for (int c : ctx) {
            for (int i : m.trending(m.category[c])) {
                if (out.size() >= want) {
                    return out;
                }
                out.add(new Cand(i, m.popularity[i], Strategy.TRENDING, Why.TRENDING_IN_CATEGORY, 0));
            }
        }
        if (ctx.length == 0) { // no page product: the top of each category in turn
            for (int r = 0; r < 50 && out.size() < want; r++) {
                boolean any = false;
                for (int[] top : m.trendingByCategory) {
                    if (r < top.length && out.size() < want) {
                        out.add(new Cand(top[r], m.popularity[top[r]], Strategy.TRENDING, Why.TRENDING_IN_CATEGORY,
                                0));
                        any = true;
                    }
                }
                if (!any) {
                    break;
                }
            }
        }
        return out;
    }
}
