package io.brique.synonyms;

import io.brique.api.search.SearchQuery;
import io.brique.api.search.SearchQuery.Expansion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiled rules of one locale, immutable: a hash map from a term's key (folded words) to what it
 * expands to. Expanding a query looks up each run of up to {@code longest} consecutive words (a few
 * dozen hash lookups per query whatever the number of rules), so 10,000 rules cost no more than 10.
 */
public final class SynonymEngine {

    record Target(String to, double weight, String rule) {
    }

    public static final SynonymEngine EMPTY = new SynonymEngine(List.of());

    private final Map<String, List<Target>> byKey = new HashMap<>();
    private final int longest;
    private final int size;

    public SynonymEngine(List<SynonymRule> rules) {
        int max = 1;
        for (SynonymRule r : rules) {
            String label = "#" + r.id() + " " + r.toSolr();
            if (r.type() == SynonymRule.Type.MULTI_WAY) {
                for (String a : r.from()) {
                    for (String b : r.from()) {
                        if (a != b) {
                            max = Math.max(max, add(a, b, r.weight(), label));
                        }
                    }
                }
            } else {
                for (String a : r.from()) {
                    for (String b : r.to()) {
                        max = Math.max(max, add(a, b, r.weight(), label));
                    }
                }
            }
        }
        this.longest = max;
        this.size = rules.size();
    }

    private int add(String from, String to, double weight, String label) {
        List<String> words = Terms.words(from);
        String key = Terms.key(words);
        if (key.equals(Terms.key(Terms.words(to)))) {
            return words.size();
        }
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Target(to, weight, label));
        return words.size();
    }

    public int size() {
        return size;
    }

    /** The query with the expansions of every rule whose term occurs in its text. */
    public SearchQuery expand(SearchQuery query) {
        List<Expansion> found = expansions(query.text());
        return found.isEmpty() ? query : query.withExpansions(found);
    }

    public List<Expansion> expansions(String text) {
        if (byKey.isEmpty() || text == null) {
            return List.of();
        }
        List<String> words = Terms.words(text);
        if (words.size() > 32) {
            words = words.subList(0, 32);
        }
        Set<Expansion> out = new LinkedHashSet<>();
        for (int i = 0; i < words.size(); i++) {
            for (int n = 1; n <= longest && i + n <= words.size(); n++) {
                List<String> span = words.subList(i, i + n);
                List<Target> targets = byKey.get(Terms.key(span));
                if (targets != null) {
                    String from = String.join(" ", span);
                    for (Target t : targets) {
                        out.add(new Expansion(from, t.to(), t.weight(), t.rule()));
                    }
                }
            }
        }
        return List.copyOf(out);
    }
}
