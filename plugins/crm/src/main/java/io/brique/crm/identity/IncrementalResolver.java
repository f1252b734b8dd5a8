package io.brique.crm.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks each new record against the ones seen before, at once: its blocking keys find the few
 * candidates, which are compared and scored with a trained model. In memory; the plugin does the
 * same with the keys stored in its tables.
 */
public final class IncrementalResolver {
    private final PersonNormalizer normalizer;
    private final MatchModel model;
    private final double minProbability;
    private final BlockIndex index;
    private final List<NormalizedPerson> records = new ArrayList<>();

    public IncrementalResolver(PersonNormalizer normalizer, MatchModel model, double minProbability, int maxBlock) {
        this.normalizer = normalizer;
        this.model = model;
        this.minProbability = minProbability;
        this.index = new BlockIndex(maxBlock);
    }

    public record Match(String id, double probability, long pattern) {}

    /** Matches of {@code record} among the records added before (probability >= minProbability, best first); then adds it. */
    public List<Match> add(PersonRecord record) {
        NormalizedPerson p = normalizer.normalize(record);
        List<String> keys = Blocking.keys(p);
        int self = records.size();
        List<Match> matches = new ArrayList<>();
        index.candidates(self, keys, r -> true, r -> {
            NormalizedPerson other = records.get(r);
            long pattern = Comparator.compare(p, other);
            double probability = model.probability(model.weight(pattern));
            if (probability >= minProbability) matches.add(new Match(other.id(), probability, pattern));
        });
        records.add(p);
        index.add(self, keys);
        matches.sort((x, y) -> Double.compare(y.probability(), x.probability()));
        return matches;
    }
}
