package io.brique.recs.model;

import java.util.Arrays;

/** Product ids to dense indexes 0..n-1 and back: a sorted array, binary search, no boxing on the request path. */
public final class ItemIds {

    private final long[] ids;

    private ItemIds(long[] sortedDistinct) {
        this.ids = sortedDistinct;
    }

    public static ItemIds of(long[] ids) {
        long[] sorted = Arrays.stream(ids).distinct().sorted().toArray();
        return new ItemIds(sorted);
    }

    /** The dense index of a product id, or -1 when the model does not know it. */
    public int index(long id) {
        int i = Arrays.binarySearch(ids, id);
        return i < 0 ? -1 : i;
    }

    public long id(int index) {
        return ids[index];
    }

    public int size() {
        return ids.length;
    }

    long[] raw() {
        return ids;
    }

    static ItemIds fromSorted(long[] sorted) {
        return new ItemIds(sorted);
    }
}
