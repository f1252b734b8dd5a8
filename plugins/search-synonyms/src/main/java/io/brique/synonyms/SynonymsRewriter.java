package io.brique.synonyms;

import io.brique.api.plugin.PluginContext;
import io.brique.api.search.SearchQuery;
import io.brique.api.search.SearchQueryRewriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Applies the merchant's rules of the query's locale to every search and autocomplete: the query keeps
 * its text and gains {@link SearchQuery.Expansion}s. The compiled rules live in memory (one immutable
 * {@link SynonymEngine} per locale, swapped whole); every node polls the plugin's version counter each
 * second and recompiles when it moved, so a change made on any node is live everywhere within a tick,
 * without re-indexing.
 */
@Extension
public class SynonymsRewriter implements SearchQueryRewriter {

    private final SynonymStore store;
    private final PluginContext context;
    private volatile Map<String, SynonymEngine> engines = Map.of();
    private volatile long loaded = -1;

    public SynonymsRewriter(PluginContext context) {
        this.context = context;
        this.store = new SynonymStore(context);
        reload();
        context.schedule("reload-rules", Duration.ofSeconds(1), false, this::reload);
    }

    void reload() {
        try {
            long v = store.version();
            if (v == loaded) {
                return;
            }
            Map<String, SynonymEngine> next = new HashMap<>();
            for (Map.Entry<String, List<SynonymRule>> e : store.all().entrySet()) {
                next.put(e.getKey(), new SynonymEngine(e.getValue()));
            }
            engines = Map.copyOf(next);
            loaded = v;
        } catch (java.sql.SQLException e) {
            context.logger().warn("synonym rules not reloaded: {}", e.toString());
        }
    }

    @Override
    public SearchQuery rewrite(SearchQuery query) {
        SynonymEngine engine = engines.get(query.locale());
        return engine == null ? query : engine.expand(query);
    }
}
