package io.brique.recs.model;

import java.time.Instant;

/**
 * Everything the recommender serves from, immutable once built (the plugin swaps a whole new model
 * in atomically): dense item ids, neighbour lists per strategy, popularity, the trending items per
 * category, and per item its main category, brand, active and in-stock flags. Only the stock and
 * active flags change in place between trainings, from catalog events (a benign race: a reader sees
 * the old or the new flag).
 */
public final class Model {

    public final ItemIds ids;
    /** Same order or basket: "frequently bought together". */
    public final Neighbours boughtTogether;
    /** Same browsing session: "customers also viewed". */
    public final Neighbours alsoViewed;
    /** Same customer's history (purchases and views): the similarity behind "for you". */
    public final Neighbours related;
    /** Catalog features: "similar products". */
    public final Neighbours similar;
    public final float[] popularity;
    public final int[] popular;
    /** Main category and brand per item (-1 / 0 when unknown). */
    public final long[] category;
    public final long[] brand;
    public final long[] categoryIds;
    public final int[][] trendingByCategory;
    final boolean[] active;
    final boolean[] inStock;
    public final Instant trainedAt;
    public final long trainingMillis;
    public final int orders;
    public final int sessions;

    Model(ItemIds ids, Neighbours boughtTogether, Neighbours alsoViewed, Neighbours related, Neighbours similar,
            float[] popularity, long[] category, long[] brand, boolean[] active, boolean[] inStock, Instant trainedAt,
            long trainingMillis, int orders, int sessions) {
        this.ids = ids;
        this.boughtTogether = boughtTogether;
        this.alsoViewed = alsoViewed;
        this.related = related;
        this.similar = similar;
        this.popularity = popularity;
        this.popular = Popularity.order(popularity, 500);
        this.category = category;
        this.brand = brand;
        this.active = active;
        this.inStock = inStock;
        this.trainedAt = trainedAt;
        this.trainingMillis = trainingMillis;
        this.orders = orders;
        this.sessions = sessions;
        this.categoryIds = java.util.Arrays.stream(category).filter(c -> c > 0).distinct().sorted().toArray();
        int[] catIndex = new int[category.length];
        for (int i = 0; i < category.length; i++) {
            catIndex[i] = category[i] > 0 ? java.util.Arrays.binarySearch(categoryIds, category[i]) : -1;
        }
        this.trendingByCategory = Popularity.perCategory(popularity, catIndex, categoryIds.length, 50);
    }

    public int size() {
        return ids.size();
    }

    public boolean active(int item) {
        return active[item];
    }

    public boolean inStock(int item) {
        return inStock[item];
    }

    /** Updates one product's flags after a catalog change (between two trainings). */
    public void flags(long productId, boolean isActive, boolean isInStock) {
        int i = ids.index(productId);
        if (i >= 0) {
            active[i] = isActive;
            inStock[i] = isInStock;
        }
    }

    /** The trending items of a category, best first (empty when unknown). */
    public int[] trending(long categoryId) {
        int c = java.util.Arrays.binarySearch(categoryIds, categoryId);
        return c < 0 ? new int[0] : trendingByCategory[c];
    }

    /** Share of items with at least one neighbour in any list: what the model can say something about. */
    public double coverage() {
        int n = size();
        if (n == 0) {
            return 0;
        }
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (boughtTogether.to(i) > boughtTogether.from(i) || alsoViewed.to(i) > alsoViewed.from(i)
                    || related.to(i) > related.from(i) || similar.to(i) > similar.from(i)) {
                c++;
            }
        }
        return (double) c / n;
    }

    public static Model empty(Instant at) {
        return new Model(ItemIds.of(new long[0]), Neighbours.empty(0), Neighbours.empty(0), Neighbours.empty(0),
                Neighbours.empty(0), new float[0], new long[0], new long[0], new boolean[0], new boolean[0], at, 0, 0,
                0);
    }
}
