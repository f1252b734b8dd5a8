package io.brique.crm.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./brique eval-identity [dataset|file ...] [--threshold p]}: pairwise precision, recall and
 * F1 of the identity resolver on labelled files, the candidate pairs left by blocking and the share of
 * true pairs they keep, and the run time. Datasets: febrl (1, 2 and 3), splink, chicago, all (the
 * default), or any CSV file in one of those formats. {@code bench [n]} times a synthetic customer
 * base of n records (default 100,000) built from FEBRL's vocabulary, batch and per new record.
 */
public final class IdentityEval {
    private IdentityEval() {}

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(System.getProperty("brique.datasets", "../../../shared/datasets"));
        double threshold = Thresholds.DEFAULT.review();
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--threshold")) threshold = Double.parseDouble(args[++i]);
            else if (args[i].equals("--datasets")) shared = Path.of(args[++i]);
            else targets.add(args[i]);
        }
        if (targets.isEmpty()) targets.add("all");
        if (targets.get(0).equals("db-bench")) {
            IdentityDbBench.run(targets.size() > 1 ? Integer.parseInt(targets.get(1)) : 20_000);
            return;
        }
        if (targets.get(0).equals("bench")) {
            int n = targets.size() > 1 ? Integer.parseInt(targets.get(1)) : 100_000;
            SyntheticBench.run(shared.resolve("febrl"), n);
            return;
        }
        List<Path> files = new ArrayList<>();
        for (String t : targets) {
            switch (t) {
                case "all" -> {
                    for (int k = 1; k <= 3; k++) files.add(shared.resolve("febrl/febrl_dataset" + k + ".csv"));
                    files.add(shared.resolve("splink/fake_1000.csv"));
                    files.add(shared.resolve("dedupe-chicago/csv_example_input_with_true_ids.csv"));
                }
                case "febrl" -> {
                    for (int k = 1; k <= 3; k++) files.add(shared.resolve("febrl/febrl_dataset" + k + ".csv"));
                }
                case "splink" -> files.add(shared.resolve("splink/fake_1000.csv"));
                case "chicago", "dedupe-chicago" -> files.add(shared.resolve("dedupe-chicago/csv_example_input_with_true_ids.csv"));
                default -> files.add(Path.of(t));
            }
        }
        System.out.println("| file | records | true pairs | candidate pairs | true pairs kept by blocking | precision | recall | F1 | best F1 (threshold) | time ms |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                System.out.println("| " + f + " | missing: give a path, or --datasets <dir> with febrl/, splink/, dedupe-chicago/ | | | | | | | | |");
                continue;
            }
            evaluate(f, threshold);
        }
        System.out.println();
        System.out.println("Predicted match: probability >= " + threshold + " (pairwise, no transitive closure). "
                + "'best F1' is the F1 at the best threshold found with the labels, for information only.");
    }

    static void evaluate(Path file, double threshold) throws Exception {
        LabelledData data = LabelledData.read(file);
        long start = System.nanoTime();
        BatchResolver.Result result = BatchResolver.defaults(data.country()).resolve(data.records());
        long ms = (System.nanoTime() - start) / 1_000_000;
        Metrics m = Metrics.of(data.entities(), result, threshold);
        double bestF1 = 0, bestT = 0;
        for (double t : new double[] {0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999}) {
            Metrics x = Metrics.of(data.entities(), result, t);
            if (x.f1() > bestF1) {
                bestF1 = x.f1();
                bestT = t;
            }
        }
        System.out.printf(Locale.ROOT, "| %s (%s) | %d | %d | %d | %.4f | %.4f | %.4f | %.4f | %.4f (%.3g) | %d |%n",
                file.getFileName(), data.format(), data.records().size(), m.truePairs, result.pairCount(),
                m.blockingRecall(), m.precision(), m.recall(), m.f1(), bestF1, bestT, ms);
        if (System.getProperty("eval.errors") != null) m.printErrors(data, result, threshold);
        if (System.getProperty("eval.blocking") != null) printBlockingMisses(data, result);
    }

    record Metrics(long truePairs, long keptTrue, long predicted, long correct) {
        static Metrics of(List<String> entities, BatchResolver.Result r, double threshold) {
            Map<String, Integer> sizes = new HashMap<>();
            for (String e : entities) sizes.merge(e, 1, Integer::sum);
            long truePairs = 0;
            for (int s : sizes.values()) truePairs += (long) s * (s - 1) / 2;
            long kept = 0, predicted = 0, correct = 0;
            for (int p = 0; p < r.pairCount(); p++) {
                boolean same = entities.get(r.left()[p]).equals(entities.get(r.right()[p]));
                if (same) kept++;
                if (r.probability(p) >= threshold) {
                    predicted++;
                    if (same) correct++;
                }
            }
            return new Metrics(truePairs, kept, predicted, correct);
        }

        double blockingRecall() { return truePairs == 0 ? 1 : (double) keptTrue / truePairs; }
        double precision() { return predicted == 0 ? 1 : (double) correct / predicted; }
        double recall() { return truePairs == 0 ? 1 : (double) correct / truePairs; }
        double f1() { double p = precision(), q = recall(); return p + q == 0 ? 0 : 2 * p * q / (p + q); }

        void printErrors(LabelledData data, BatchResolver.Result r, double threshold) {
            int shown = 0;
            for (int p = 0; p < r.pairCount() && shown < 40; p++) {
                boolean same = data.entities().get(r.left()[p]).equals(data.entities().get(r.right()[p]));
                boolean said = r.probability(p) >= threshold;
                if (same != said) {
                    shown++;
                    System.out.println((same ? "MISSED " : "FALSE  ") + String.format(Locale.ROOT, "%.3f ", r.probability(p))
                            + r.records().get(r.left()[p]) + "\n       " + r.records().get(r.right()[p])
                            + "\n       " + Evidence.of(r.patterns()[p], r.model()).items().stream()
                            .map(i -> i.feature() + "=" + i.level() + String.format(Locale.ROOT, "(%.1f)", i.weight())).toList());
                }
            }
            System.out.println(r.model().toProperties());
        }
    }

    /** True pairs that share no blocking key, for tuning the keys. */
    static void printBlockingMisses(LabelledData data, BatchResolver.Result r) {
        java.util.Set<Long> candidates = new java.util.HashSet<>();
        for (int p = 0; p < r.pairCount(); p++) candidates.add(((long) r.left()[p] << 32) | r.right()[p]);
        Map<String, List<Integer>> byEntity = new HashMap<>();
        for (int i = 0; i < data.entities().size(); i++) byEntity.computeIfAbsent(data.entities().get(i), k -> new ArrayList<>()).add(i);
        int shown = 0;
        for (List<Integer> members : byEntity.values()) {
            for (int x = 0; x < members.size(); x++) {
                for (int y = x + 1; y < members.size(); y++) {
                    int a = members.get(x), b = members.get(y);
                    if (!candidates.contains(((long) Math.min(a, b) << 32) | Math.max(a, b)) && shown++ < 30) {
                        System.out.println("NOT BLOCKED " + r.records().get(a) + "\n            " + r.records().get(b));
                    }
                }
            }
        }
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f%%", v * 100);
    }

    static long[] sorted(long[] a) {
        long[] c = a.clone();
        Arrays.sort(c);
        return c;
    }
}
