package io.brique.recs.model;

import java.util.Arrays;

/**
 * Time-decayed popularity: each event adds {@code weight * 2^(-age / halfLife)} to its item. Gives the
 * global order (cold-start fallback) and, with each item's category, the trending items per category.
 */
public final class Popularity {

    private Popularity() {
    }

    /** Scores per item from events (item index, age in days, weight). */
    public static float[] scores(int n, int[] items, float[] agesDays, float[] weights, double halfLifeDays) {
        float[] s = new float[n];
        double lambda = halfLifeDays <= 0 ? 0 : Math.log(2) / halfLifeDays;
        for (int e = 0; e < items.length; e++) {
            if (items[e] >= 0) {
                s[items[e]] += (float) ((weights == null ? 1 : weights[e]) * Math.exp(-lambda * Math.max(0, agesDays[e])));
            }
        }
        return s;
    }

    /** Item indexes with a positive score, best first (ties: lower index first), at most {@code max}. */
    public static int[] order(float[] scores, int max) {
        TopK top = new TopK(Math.min(max, scores.length));
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > 0) {
                top.offer(i, scores[i], 0);
            }
        }
        int len = top.sortDescending();
        return Arrays.copyOf(top.idx, len);
    }

    /** The trending items of each category (index in {@code categoryIds}), best first, at most {@code max} each. */
    public static int[][] perCategory(float[] scores, int[] categoryOfItem, int categories, int max) {
        TopK[] tops = new TopK[categories];
        for (int i = 0; i < scores.length; i++) {
            int c = categoryOfItem[i];
            if (c >= 0 && scores[i] > 0) {
                if (tops[c] == null) {
                    tops[c] = new TopK(max);
                }
                tops[c].offer(i, scores[i], 0);
            }
        }
        int[][] out = new int[categories][];
        for (int c = 0; c < categories; c++) {
            if (tops[c] == null) {
                out[c] = new int[0];
            } else {
                out[c] = Arrays.copyOf(tops[c].idx, tops[c].sortDescending());
            }
        }
        return out;
    }
}
