package io.brique.recs;

import io.brique.api.plugin.BriquePlugin;
import io.brique.api.plugin.PluginContext;

/** The recommendations brick (placeholder while the model lands). */
public class RecommendationsPlugin extends BriquePlugin {

    public RecommendationsPlugin(PluginContext context) {
        super(context);
    }
}
