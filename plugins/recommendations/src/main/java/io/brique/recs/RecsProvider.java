package io.brique.recs;

import io.brique.api.plugin.PluginContext;
import io.brique.api.recommendation.RecommendationProvider;
import java.util.List;
import org.pf4j.Extension;

/** What the core calls for the product, cart, home and confirmation slots and the JSON API. */
@Extension
public class RecsProvider implements RecommendationProvider {

    private final PluginContext context;

    public RecsProvider(PluginContext context) {
        this.context = context;
    }

    @Override
    public List<Recommendation> recommend(Request request) {
        return Recs.of(context).recommend(request);
    }
}
