package io.brique.api.experiment;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An A/B (or A/B/n) experiment: named variants with traffic weights. Assignment is sticky and needs
 * no storage: a visitor's bucket is a hash of the experiment id and the visitor id, so the same
 * visitor always sees the same variant on every node, and two experiments split traffic independently.
 * Pure (no I/O), usable by any brick (since SDK 1.2).
 */
public record Experiment(String id, List<Variant> variants) {

    /** Buckets per experiment: weights are shares of these. */
    public static final int BUCKETS = 10_000;

    /** A variant and its share of traffic (any non-negative weights; they need not sum to 100). */
    public record Variant(String name, int weight) {
        public Variant {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a variant needs a name");
            }
            if (weight < 0) {
                throw new IllegalArgumentException("variant " + name + ": the weight must be >= 0");
            }
        }
    }

    public Experiment {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an experiment needs an id");
        }
        variants = List.copyOf(variants);
        if (variants.isEmpty() || variants.stream().mapToInt(Variant::weight).sum() <= 0) {
            throw new IllegalArgumentException("experiment " + id + ": at least one variant with a positive weight");
        }
    }

    /** Two variants, {@code percentB} percent of traffic to the second. */
    public static Experiment split(String id, String a, String b, int percentB) {
        if (percentB < 0 || percentB > 100) {
            throw new IllegalArgumentException("the split must be between 0 and 100 percent");
        }
        return new Experiment(id, List.of(new Variant(a, 100 - percentB), new Variant(b, percentB)));
    }

    /** The visitor's bucket in [0, {@link #BUCKETS}) for this experiment. */
    public int bucket(String visitorId) {
        return bucket(id, visitorId);
    }

    /** The variant this visitor sees; the same answer every time, on every node. */
    public String assign(String visitorId) {
        int total = variants.stream().mapToInt(Variant::weight).sum();
        long point = (long) bucket(visitorId) * total / BUCKETS;
        long acc = 0;
        for (Variant v : variants) {
            acc += v.weight();
            if (point < acc) {
                return v.name();
            }
        }
        return variants.getLast().name();
    }

    /** FNV-1a 64 over "experiment:visitor" (UTF-8), then a 64-bit finaliser: stable across JVMs and releases. */
    public static int bucket(String experimentId, String visitorId) {
        byte[] bytes = (experimentId + ":" + (visitorId == null ? "" : visitorId)).getBytes(StandardCharsets.UTF_8);
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) Long.remainderUnsigned(h, BUCKETS);
    }
}
