package io.brique.recs.model;

/**
 * Top-N neighbour lists per item in compressed rows: the neighbours of item {@code i} are
 * {@code items[offsets[i] .. offsets[i+1])}, best first, with their similarity and the raw number of
 * times the pair was seen (for the reason shown to shoppers: "bought together 37 times").
 */
public final class Neighbours {

    final int[] offsets;
    final int[] items;
    final float[] scores;
    final int[] counts;

    Neighbours(int[] offsets, int[] items, float[] scores, int[] counts) {
        this.offsets = offsets;
        this.items = items;
        this.scores = scores;
        this.counts = counts;
    }

    public static Neighbours empty(int n) {
        return new Neighbours(new int[n + 1], new int[0], new float[0], new int[0]);
    }

    public int from(int item) {
        return offsets[item];
    }

    public int to(int item) {
        return offsets[item + 1];
    }

    public int item(int k) {
        return items[k];
    }

    public float score(int k) {
        return scores[k];
    }

    public int count(int k) {
        return counts[k];
    }

    public int itemCount() {
        return offsets.length - 1;
    }

    /** Number of stored pairs. */
    public int size() {
        return items.length;
    }

    /** Items with at least one neighbour. */
    public int covered() {
        int c = 0;
        for (int i = 0; i + 1 < offsets.length; i++) {
            c += offsets[i + 1] > offsets[i] ? 1 : 0;
        }
        return c;
    }

    /** The similarity of {@code b} in {@code a}'s list, 0 when absent. */
    public float similarity(int a, int b) {
        for (int k = offsets[a]; k < offsets[a + 1]; k++) {
            if (items[k] == b) {
                return scores[k];
            }
        }
        return 0;
    }

    /** Collects rows one item at a time, in item order. */
    static final class Builder {
        private final int[] offsets;
        private int[] items = new int[1024];
        private float[] scores = new float[1024];
        private int[] counts = new int[1024];
        private int size;
        private int next;

        Builder(int n) {
            offsets = new int[n + 1];
        }

        /** Adds the row of {@code item} (rows must come in increasing item order). */
        void row(int item, int[] nb, float[] sc, int[] cn, int len) {
            while (next <= item) {
                offsets[next++] = size;
            }
            if (size + len > items.length) {
                int cap = Math.max(items.length * 2, size + len);
                items = java.util.Arrays.copyOf(items, cap);
                scores = java.util.Arrays.copyOf(scores, cap);
                counts = java.util.Arrays.copyOf(counts, cap);
            }
            System.arraycopy(nb, 0, items, size, len);
            System.arraycopy(sc, 0, scores, size, len);
            System.arraycopy(cn, 0, counts, size, len);
            size += len;
            offsets[item + 1] = size;
        }

        Neighbours build() {
            while (next < offsets.length) {
                offsets[next++] = size;
            }
            return new Neighbours(offsets, java.util.Arrays.copyOf(items, size), java.util.Arrays.copyOf(scores, size),
                    java.util.Arrays.copyOf(counts, size));
        }
    }
}
