package io.brique.synonyms;

import io.brique.api.plugin.BriquePlugin;
import io.brique.api.plugin.PluginContext;

/**
 * The search-synonyms brick. Its extensions: {@link SynonymsRewriter} (the rules applied to every
 * search and autocomplete as a query-time synonym graph) and {@link SynonymsRoutes} (import, export,
 * tester, suggestion inbox), {@link SearchLog} (what the miner learns from). Disabling the plugin unregisters the rewriter: search is plain core search at once.
 */
public class SynonymsPlugin extends BriquePlugin {

    public SynonymsPlugin(PluginContext context) {
        super(context);
    }

    @Override
    public void start() {
        // One node of the cluster mines the shared search log every 10 minutes.
        context.schedule("mine-suggestions", java.time.Duration.ofMinutes(10), true, () -> {
            try {
                new Suggestions(context).mineNow();
            } catch (java.sql.SQLException e) {
                context.logger().warn("synonym suggestions not mined: {}", e.toString());
            }
        });
    }
}
