package io.brique.synonyms;

import io.brique.api.plugin.BriquePlugin;
import io.brique.api.plugin.PluginContext;

/**
 * The search-synonyms brick. Its extensions: {@link SynonymsRewriter} (the rules applied to every
 * search and autocomplete as a query-time synonym graph) and {@link SynonymsRoutes} (import, export,
 * tester). Disabling the plugin unregisters the rewriter: search is plain core search at once.
 */
public class SynonymsPlugin extends BriquePlugin {

    public SynonymsPlugin(PluginContext context) {
        super(context);
    }
}
