package io.brique.api.experiment;

/**
 * A rate measured on {@code trials} (e.g. clicks over impressions) with its 95% Wilson score
 * interval, and the 95% interval of the difference between two rates (normal approximation):
 * what an experiment report shows per variant (since SDK 1.2).
 */
public record Proportion(long successes, long trials, double rate, double low, double high) {

    static final double Z95 = 1.959963984540054;

    public static Proportion of(long successes, long trials) {
        if (trials < 0 || successes < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        if (trials == 0) {
            return new Proportion(successes, 0, 0, 0, 0);
        }
        double n = trials;
        double p = Math.min(1.0, successes / n);
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return new Proportion(successes, trials, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** The 95% interval of {@code b.rate - a.rate}: {low, high}; it excludes 0 when the difference is significant. */
    public static double[] difference(Proportion a, Proportion b) {
        if (a.trials == 0 || b.trials == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double d = b.rate - a.rate;
        double se = Math.sqrt(a.rate * (1 - a.rate) / a.trials + b.rate * (1 - b.rate) / b.trials);
        return new double[] {d - Z95 * se, d + Z95 * se};
    }
}
