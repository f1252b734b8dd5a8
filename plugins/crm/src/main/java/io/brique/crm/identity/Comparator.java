package io.brique.crm.identity;

/**
 * Compares two normalised persons field by field. Given and family names are compared in the
 * orientation that fits best, so "Martin Pierre" against "Pierre Martin" agrees on both names.
 * The result is packed in one long, 4 bits per feature, so identical patterns can be counted and
 * scored once.
 */
public final class Comparator {
    private static final Feature[] FEATURES = Feature.values();

    private Comparator() {}

    public static long compare(NormalizedPerson a, NormalizedPerson b) {
        boolean swapped = swappedFits(a, b);
        long pattern = 0;
        for (int f = 0; f < FEATURES.length; f++) {
            int level = FEATURES[f].compare(a, b, swapped);
            pattern |= (long) (level + 1) << (4 * f);
        }
        return pattern;
    }

    /** The level of feature f in a packed pattern ({@link Feature#MISSING} when absent). */
    public static int level(long pattern, int f) {
        return (int) ((pattern >>> (4 * f)) & 0xF) - 1;
    }

    static boolean swappedFits(NormalizedPerson a, NormalizedPerson b) {
        if (a.given().isEmpty() || a.family().isEmpty() || b.given().isEmpty() || b.family().isEmpty()) return false;
        if (a.given().equals(b.given()) || a.family().equals(b.family())) return false;
        double direct = Similarity.jaroWinkler(a.given(), b.given()) + Similarity.jaroWinkler(a.family(), b.family());
        double swapped = Similarity.jaroWinkler(a.given(), b.family()) + Similarity.jaroWinkler(a.family(), b.given());
        return swapped > direct + 0.1;
    }
}
