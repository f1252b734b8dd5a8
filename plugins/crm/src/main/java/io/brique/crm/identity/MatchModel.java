package io.brique.crm.identity;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A Fellegi-Sunter model: for each feature and level, m = P(level | same person) and
 * u = P(level | different persons). A pair's score is the sum of log2(m/u) over the features both
 * records have; the match probability follows from the prior share of matches {@code lambda}.
 * u is measured on random pairs, m and lambda are learned by expectation-maximisation on the
 * candidate pairs (no labels needed), or both are read from configuration.
 */
public final class MatchModel {
    private static final Feature[] FEATURES = Feature.values();
    private static final double FLOOR = 1e-6;

    private final double[][] m;
    private final double[][] u;
    private double lambda;
    private final Map<Long, Double> scoreCache = new HashMap<>();

    public MatchModel(double[][] m, double[][] u, double lambda) {
        this.m = m;
        this.u = u;
        this.lambda = lambda;
    }

    /** Starting m values: agreement likely for matches; u uniform until measured. */
    public static MatchModel initial() {
        double[][] m = new double[FEATURES.length][];
        double[][] u = new double[FEATURES.length][];
        for (int f = 0; f < FEATURES.length; f++) {
            int n = FEATURES[f].levels();
            m[f] = new double[n];
            u[f] = new double[n];
            m[f][0] = 0.85;
            for (int l = 1; l < n; l++) m[f][l] = 0.15 / (n - 1);
            for (int l = 0; l < n; l++) u[f][l] = 1.0 / n;
        }
        return new MatchModel(m, u, 0.1);
    }

    /** Sets u from level counts over random pairs (add-one smoothing). */
    public void setU(long[][] counts) {
        for (int f = 0; f < FEATURES.length; f++) {
            long total = 0;
            for (long c : counts[f]) total += c;
            for (int l = 0; l < u[f].length; l++) u[f][l] = (counts[f][l] + 1.0) / (total + u[f].length);
        }
        scoreCache.clear();
    }

    /**
     * EM over the counted comparison patterns of candidate pairs. Both m and u are re-estimated:
     * the non-matches among candidates agree on their blocking keys far more often than random
     * pairs do, and a u fixed from random pairs would let EM mistake them for matches. The u measured
     * on random pairs is only the starting point.
     */
    public void train(Map<Long, Long> patternCounts, int iterations) {
        for (int it = 0; it < iterations; it++) {
            double[][] mNum = new double[FEATURES.length][];
            double[][] uNum = new double[FEATURES.length][];
            double[] mDen = new double[FEATURES.length];
            double[] uDen = new double[FEATURES.length];
            for (int f = 0; f < FEATURES.length; f++) {
                mNum[f] = new double[FEATURES[f].levels()];
                uNum[f] = new double[FEATURES[f].levels()];
            }
            double matches = 0, total = 0;
            for (Map.Entry<Long, Long> e : patternCounts.entrySet()) {
                long pattern = e.getKey();
                double count = e.getValue();
                double pm = probability(weight(pattern));
                double p = pm * count, q = (1 - pm) * count;
                matches += p;
                total += count;
                for (int f = 0; f < FEATURES.length; f++) {
                    int level = Comparator.level(pattern, f);
                    if (level == Feature.MISSING) continue;
                    mNum[f][level] += p;
                    mDen[f] += p;
                    uNum[f][level] += q;
                    uDen[f] += q;
                }
            }
            for (int f = 0; f < FEATURES.length; f++) {
                int n = m[f].length;
                if (mDen[f] > 0) for (int l = 0; l < n; l++) m[f][l] = (mNum[f][l] + 0.01) / (mDen[f] + 0.01 * n);
                if (uDen[f] > 0) for (int l = 0; l < n; l++) u[f][l] = (uNum[f][l] + 0.01) / (uDen[f] + 0.01 * n);
            }
            lambda = Math.min(0.999, Math.max(1e-9, matches / Math.max(1, total)));
            scoreCache.clear();
        }
    }

    /** Match weight in bits: sum of log2(m/u) over the features present in the pattern. */
    public double weight(long pattern) {
        Double cached = scoreCache.get(pattern);
        if (cached != null) return cached;
        double w = 0;
        for (int f = 0; f < FEATURES.length; f++) {
            int level = Comparator.level(pattern, f);
            if (level != Feature.MISSING) w += levelWeight(f, level);
        }
        scoreCache.put(pattern, w);
        return w;
    }

    public double levelWeight(int feature, int level) {
        return Math.log(Math.max(FLOOR, m[feature][level]) / Math.max(FLOOR, u[feature][level])) / Math.log(2);
    }

    /** Posterior probability that a pair with this weight is the same person. */
    public double probability(double weight) {
        double priorOdds = lambda / (1 - lambda);
        double odds = priorOdds * Math.pow(2, weight);
        return odds / (1 + odds);
    }

    public double lambda() {
        return lambda;
    }

    /** The model as properties ("m.GIVEN_NAME=0.9,0.05,...") so a merchant can pin or edit it. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("lambda", Double.toString(lambda));
        for (int f = 0; f < FEATURES.length; f++) {
            p.setProperty("m." + FEATURES[f].name(), join(m[f]));
            p.setProperty("u." + FEATURES[f].name(), join(u[f]));
        }
        return p;
    }

    /** Reads a model written by {@link #toProperties()}; features not listed keep the initial values. */
    public static MatchModel fromProperties(Properties p) {
        MatchModel model = initial();
        model.lambda = Double.parseDouble(p.getProperty("lambda", "0.01"));
        for (int f = 0; f < FEATURES.length; f++) {
            read(p.getProperty("m." + FEATURES[f].name()), model.m[f]);
            read(p.getProperty("u." + FEATURES[f].name()), model.u[f]);
        }
        return model;
    }

    private static void read(String s, double[] into) {
        if (s == null) return;
        String[] parts = s.split(",");
        if (parts.length != into.length) throw new IllegalArgumentException("expected " + into.length + " values: " + s);
        for (int i = 0; i < parts.length; i++) {
            double v = Double.parseDouble(parts[i].strip());
            if (!(v > 0 && v <= 1)) throw new IllegalArgumentException("probability out of (0, 1]: " + s);
            into[i] = v;
        }
    }

    private static String join(double[] values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            if (!b.isEmpty()) b.append(',');
            b.append(String.format(Locale.ROOT, "%.6g", v));
        }
        return b.toString();
    }
}
