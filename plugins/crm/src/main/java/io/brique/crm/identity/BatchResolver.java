package io.brique.crm.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Resolves a whole customer base at once: normalise, block, compare the candidate pairs, measure u
 * on random pairs, learn m by EM, score. Memory is linear in records plus candidate pairs.
 */
public final class BatchResolver {
    private static final Feature[] FEATURES = Feature.values();

    private final PersonNormalizer normalizer;
    private final int maxBlock;
    private final int uSamples;
    private final int emIterations;

    public BatchResolver(PersonNormalizer normalizer, int maxBlock, int uSamples, int emIterations) {
        this.normalizer = normalizer;
        this.maxBlock = maxBlock;
        this.uSamples = uSamples;
        this.emIterations = emIterations;
    }

    public static BatchResolver defaults(String defaultCountry) {
        return new BatchResolver(new PersonNormalizer(defaultCountry), 500, 100_000, 25);
    }

    /** The compared pairs (record numbers a < b) and their packed comparison patterns. */
    public record Result(List<NormalizedPerson> records, int[] left, int[] right, long[] patterns, int pairCount,
                         MatchModel model, long oversizedBlocks) {
        public double probability(int pair) {
            return model.probability(model.weight(patterns[pair]));
        }
    }

    public Result resolve(List<PersonRecord> input) {
        return resolve(input, null);
    }

    /** As {@link #resolve(List)}, scoring with {@code fixedModel} instead of learning one when it is not null. */
    public Result resolve(List<PersonRecord> input, MatchModel fixedModel) {
        List<NormalizedPerson> records = new ArrayList<>(input.size());
        for (PersonRecord r : input) records.add(normalizer.normalize(r));
        List<List<String>> keys = new ArrayList<>(records.size());
        BlockIndex index = new BlockIndex(maxBlock);
        for (int i = 0; i < records.size(); i++) {
            List<String> k = Blocking.keys(records.get(i));
            keys.add(k);
            index.add(i, k);
        }
        int[][] left = {new int[1024]};
        int[][] right = {new int[1024]};
        long[][] patterns = {new long[1024]};
        int[] count = {0};
        for (int i = 0; i < records.size(); i++) {
            final int a = i;
            NormalizedPerson pa = records.get(i);
            index.candidates(a, keys.get(a), r -> r > a, b -> {
                int n = count[0];
                if (n == left[0].length) {
                    left[0] = Arrays.copyOf(left[0], n * 2);
                    right[0] = Arrays.copyOf(right[0], n * 2);
                    patterns[0] = Arrays.copyOf(patterns[0], n * 2);
                }
                left[0][n] = a;
                right[0][n] = b;
                patterns[0][n] = Comparator.compare(pa, records.get(b));
                count[0] = n + 1;
            });
        }
        MatchModel model = fixedModel;
        if (model == null) {
            model = MatchModel.initial();
            model.setU(randomPairLevels(records));
            Map<Long, Long> patternCounts = new HashMap<>();
            for (int p = 0; p < count[0]; p++) patternCounts.merge(patterns[0][p], 1L, Long::sum);
            model.train(patternCounts, emIterations);
        }
        return new Result(records, left[0], right[0], patterns[0], count[0], model, index.oversizedBlocks());
    }

    /** Level counts per feature over random pairs: nearly all of them are different persons. */
    private long[][] randomPairLevels(List<NormalizedPerson> records) {
        long[][] counts = new long[FEATURES.length][];
        for (int f = 0; f < FEATURES.length; f++) counts[f] = new long[FEATURES[f].levels()];
        int n = records.size();
        if (n < 2) return counts;
        Random random = new Random(42);
        long all = (long) n * (n - 1) / 2;
        long samples = Math.min(all, uSamples);
        for (long s = 0; s < samples; s++) {
            int a = random.nextInt(n), b = random.nextInt(n - 1);
            if (b >= a) b++;
            long pattern = Comparator.compare(records.get(a), records.get(b));
            for (int f = 0; f < FEATURES.length; f++) {
                int level = Comparator.level(pattern, f);
                if (level != Feature.MISSING) counts[f][level]++;
            }
        }
        return counts;
    }
}
