package io.brique.recs.model;

/**
 * Item-to-item similarity from co-occurrence in the spirit of Microsoft's SAR: two items are related
 * when the same baskets (orders, view sessions) or the same customers' histories hold both. Each pair
 * is weighted by time decay (half-life), optionally by how close the two are in a sequence and by
 * order (the later item after the earlier one), then normalised (Jaccard, lift, cosine or raw count)
 * and cut to the top N per item. Pure and deterministic: the plugin and the offline evaluation run it.
 */
public final class CoOccurrence {

    public enum Similarity { COUNT, JACCARD, LIFT, COSINE }

    /**
     * {@code halfLifeDays} 0 = no decay; {@code window} 0 = every pair of a sequence counts the same,
     * {@code w} > 0 weighs a pair at distance d by 1 / d^w; {@code forward} adds that share to pairs in
     * sequence order; {@code maxHistory} keeps the last items of each sequence; {@code minCount} drops
     * pairs seen fewer times; {@code shrink} damps rare pairs (score * c / (c + shrink)).
     */
    public record Params(Similarity similarity, double halfLifeDays, double window, double forward, int maxHistory,
            int topN, int minCount, double shrink) {

        public static Params baskets(Similarity s, double halfLifeDays, int topN) {
            return new Params(s, halfLifeDays, 0, 0, 200, topN, 1, 0);
        }
    }

    private CoOccurrence() {
    }

    /**
     * {@code sequences[u]}: item indexes of basket or history {@code u} in time order (repeats allowed,
     * the last one is kept); {@code ages[u]}: each item's age in days at training time (null: all 0).
     */
    public static Neighbours train(int n, int[][] sequences, float[][] ages, Params p) {
        int users = sequences.length;
        int[][] seq = new int[users][];
        float[][] wt = new float[users][];
        double lambda = p.halfLifeDays() <= 0 ? 0 : Math.log(2) / p.halfLifeDays();
        int[] lastSeen = new int[n];
        java.util.Arrays.fill(lastSeen, -1);
        int[] postingLen = new int[n];
        double[] occ = new double[n];
        for (int u = 0; u < users; u++) {
            int[] s = sequences[u];
            // keep the last occurrence of each item, in order, at most maxHistory
            int[] tmpItems = new int[s.length];
            float[] tmpW = new float[s.length];
            int m = 0;
            for (int k = s.length - 1; k >= 0 && m < p.maxHistory(); k--) {
                int it = s[k];
                if (it < 0 || lastSeen[it] == u) {
                    continue;
                }
                lastSeen[it] = u;
                tmpItems[m] = it;
                float age = ages == null || ages[u] == null ? 0 : ages[u][k];
                tmpW[m] = (float) Math.exp(-lambda * Math.max(0, age));
                m++;
            }
            int[] items = new int[m];
            float[] w = new float[m];
            for (int k = 0; k < m; k++) {
                items[k] = tmpItems[m - 1 - k];
                w[k] = tmpW[m - 1 - k];
                postingLen[items[k]]++;
                occ[items[k]] += w[k];
            }
            seq[u] = items;
            wt[u] = w;
        }
        // inverted index: item -> (user, position)
        int[][] postU = new int[n][];
        int[][] postP = new int[n][];
        for (int i = 0; i < n; i++) {
            postU[i] = new int[postingLen[i]];
            postP[i] = new int[postingLen[i]];
        }
        int[] fill = new int[n];
        for (int u = 0; u < users; u++) {
            for (int k = 0; k < seq[u].length; k++) {
                int it = seq[u][k];
                postU[it][fill[it]] = u;
                postP[it][fill[it]++] = k;
            }
        }
        float[] acc = new float[n];
        int[] cnt = new int[n];
        int[] touched = new int[n];
        TopK top = new TopK(p.topN());
        Neighbours.Builder out = new Neighbours.Builder(n);
        for (int i = 0; i < n; i++) {
            int t = 0;
            for (int e = 0; e < postU[i].length; e++) {
                int u = postU[i][e];
                int pi = postP[i][e];
                int[] items = seq[u];
                float[] w = wt[u];
                for (int k = 0; k < items.length; k++) {
                    int j = items[k];
                    if (j == i) {
                        continue;
                    }
                    double pair = Math.min(w[k], w[pi]);
                    if (p.window() > 0) {
                        int d = Math.abs(k - pi);
                        pair *= 1.0 / Math.pow(d, p.window());
                    }
                    if (p.forward() > 0 && k > pi) {
                        pair *= 1 + p.forward();
                    }
                    if (cnt[j] == 0) {
                        touched[t++] = j;
                    }
                    acc[j] += (float) pair;
                    cnt[j]++;
                }
            }
            top.clear();
            for (int x = 0; x < t; x++) {
                int j = touched[x];
                if (cnt[j] >= p.minCount()) {
                    double c = acc[j];
                    double s = switch (p.similarity()) {
                        case COUNT -> c;
                        case JACCARD -> c / Math.max(1e-9, occ[i] + occ[j] - c);
                        case LIFT -> c / Math.max(1e-9, occ[i] * occ[j]);
                        case COSINE -> c / Math.max(1e-9, Math.sqrt(occ[i] * occ[j]));
                    };
                    if (p.shrink() > 0) {
                        s *= cnt[j] / (cnt[j] + p.shrink());
                    }
                    top.offer(j, (float) s, cnt[j]);
                }
                acc[j] = 0;
                cnt[j] = 0;
            }
            int len = top.sortDescending();
            out.row(i, top.idx, top.score, top.count, len);
        }
        return out.build();
    }
}
