package io.brique.recs;

/** Test access to the package-private history helper. */
public final class HistoriesAccess {

    private HistoriesAccess() {
    }

    public static long[] append(long[] old, long productId, int max) {
        return Histories.append(old, productId, max);
    }
}
