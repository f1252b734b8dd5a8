package io.brique.core.search;

import static io.brique.core.db.jooq.Tables.OUTBOX_EVENT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brique.core.db.Database;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Queries shoppers typed that found products, counted per locale in memory, for autocomplete. Loaded at
 * start from the most recent {@code search.performed} events, then fed by this node's listener of
 * those events. Queries are folded (case, accents, spaces), so "Chemise " and "chemise" are one.
 */
public final class PopularQueries {

    static final int MAX_PER_LOCALE = 20_000;
    static final int LOAD_LAST = 50_000;

    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

    public void record(String query, String locale, int resultCount) {
        if (query == null || locale == null || resultCount <= 0) {
            return;
        }
        String q = String.join(" ", TextNormalizer.fold(query).trim().split("\\s+"));
        if (q.length() < 2 || q.length() > 80) {
            return;
        }
        Map<String, LongAdder> m = counts.computeIfAbsent(locale, k -> new ConcurrentHashMap<>());
        if (m.size() >= MAX_PER_LOCALE && !m.containsKey(q)) {
            m.values().removeIf(c -> c.sum() <= 1);
            if (m.size() >= MAX_PER_LOCALE) {
                return;
            }
        }
        m.computeIfAbsent(q, k -> new LongAdder()).increment();
    }

    /** The most frequent queries starting with the folded prefix, or having a word that starts with it. */
    public List<String> complete(String prefix, String locale, int limit) {
        String p = String.join(" ", TextNormalizer.fold(prefix).trim().split("\\s+"));
        Map<String, LongAdder> m = counts.get(locale);
        if (p.isEmpty() || m == null) {
            return List.of();
        }
        String word = " " + p;
        List<Map.Entry<String, LongAdder>> hits = new ArrayList<>();
        for (Map.Entry<String, LongAdder> e : m.entrySet()) {
            if (e.getKey().startsWith(p) || e.getKey().contains(word)) {
                hits.add(e);
            }
        }
        hits.sort(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> -e.getValue().sum())
                .thenComparing(Map.Entry::getKey));
        return hits.stream().limit(limit).map(Map.Entry::getKey).toList();
    }

    /** Reads the latest search events of the outbox (best effort: a bad payload is skipped). */
    public void load(Database db, ObjectMapper json) {
        db.dsl().select(OUTBOX_EVENT.PAYLOAD).from(OUTBOX_EVENT).where(OUTBOX_EVENT.TYPE.eq("search.performed"))
                .orderBy(OUTBOX_EVENT.ID.desc()).limit(LOAD_LAST).fetch(OUTBOX_EVENT.PAYLOAD).forEach(p -> {
                    try {
                        JsonNode n = json.readTree(p);
                        record(n.path("query").asText(null), n.path("locale").asText(null),
                                n.path("resultCount").asInt(0));
                    } catch (Exception e) {
                        // skipped
                    }
                });
    }
}
