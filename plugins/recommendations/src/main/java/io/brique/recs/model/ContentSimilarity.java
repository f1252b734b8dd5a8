package io.brique.recs.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * "Similar products" from what the catalog says: items sharing features (category, brand, attribute
 * values, title words) weighted by rarity (idf) and normalised (cosine). Built through an inverted
 * index, skipping features held by more than {@code maxPosting} items (they say little and cost much),
 * so a 50k catalog trains in seconds. Each neighbour remembers which kind of feature matched most, for
 * the reason shown ("same category and brand").
 */
public final class ContentSimilarity {

    private ContentSimilarity() {
    }

    /** Feature strings per item, e.g. {@code c:12}, {@code b:3}, {@code a:colour=red}, {@code t:linen}. */
    public static Neighbours train(List<String[]> features, int topN, int maxPosting) {
        int n = features.size();
        Map<String, Integer> fid = new HashMap<>();
        List<int[]> itemFeatures = new ArrayList<>(n);
        List<Integer> df = new ArrayList<>();
        for (String[] fs : features) {
            int[] ids = new int[fs.length];
            int m = 0;
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (String f : fs) {
                int id = fid.computeIfAbsent(f, k -> {
                    df.add(0);
                    return df.size() - 1;
                });
                if (seen.add(id)) {
                    ids[m++] = id;
                    df.set(id, df.get(id) + 1);
                }
            }
            itemFeatures.add(java.util.Arrays.copyOf(ids, m));
        }
        int nf = df.size();
        float[] idf = new float[nf];
        int[][] postings = new int[nf][];
        int[] fill = new int[nf];
        for (int f = 0; f < nf; f++) {
            idf[f] = (float) Math.log(1.0 + (double) n / df.get(f));
            postings[f] = new int[df.get(f)];
        }
        float[] norm = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int f : itemFeatures.get(i)) {
                postings[f][fill[f]++] = i;
                s += idf[f] * idf[f];
            }
            norm[i] = (float) Math.sqrt(s);
        }
        float[] acc = new float[n];
        int[] shared = new int[n];
        int[] touched = new int[n];
        TopK top = new TopK(topN);
        Neighbours.Builder out = new Neighbours.Builder(n);
        for (int i = 0; i < n; i++) {
            int t = 0;
            for (int f : itemFeatures.get(i)) {
                if (postings[f].length > maxPosting) {
                    continue;
                }
                float w = idf[f] * idf[f];
                for (int j : postings[f]) {
                    if (j == i) {
                        continue;
                    }
                    if (shared[j] == 0) {
                        touched[t++] = j;
                    }
                    acc[j] += w;
                    shared[j]++;
                }
            }
            top.clear();
            for (int x = 0; x < t; x++) {
                int j = touched[x];
                top.offer(j, acc[j] / Math.max(1e-9f, norm[i] * norm[j]), shared[j]);
                acc[j] = 0;
                shared[j] = 0;
            }
            out.row(i, top.idx, top.score, top.count, top.sortDescending());
        }
        return out.build();
    }

    /** Features of a product: category ids, brand, attributes and title words (lower case, 3+ letters). */
    public static String[] features(List<Long> categoryIds, Long brandId, Map<String, String> attributes, String title) {
        List<String> out = new ArrayList<>();
        for (Long c : categoryIds) {
            out.add("c:" + c);
        }
        if (brandId != null) {
            out.add("b:" + brandId);
        }
        attributes.forEach((k, v) -> out.add("a:" + k + "=" + v.toLowerCase(java.util.Locale.ROOT)));
        if (title != null) {
            for (String w : title.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (w.length() >= 3) {
                    out.add("t:" + w);
                }
            }
        }
        return out.toArray(String[]::new);
    }
}
