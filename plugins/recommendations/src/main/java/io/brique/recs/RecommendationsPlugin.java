package io.brique.recs;

import io.brique.api.plugin.BriquePlugin;
import io.brique.api.plugin.PluginContext;
import java.time.Duration;

/**
 * The recommendations brick. At start it serves the last stored model at once (or trains one when
 * there is none); one node of the cluster retrains every {@code train_minutes}; every node picks up
 * a newer stored model within 30 s and flushes its experiment counters every 10 s.
 */
public class RecommendationsPlugin extends BriquePlugin {

    public RecommendationsPlugin(PluginContext context) {
        super(context);
    }

    @Override
    public void start() {
        Recs recs = Recs.of(context);
        try {
            recs.loadRules();
            if (!recs.loadLatest()) {
                Thread.ofVirtual().name("recommendations-first-training").start(() -> guarded("first training",
                        recs::train));
            }
        } catch (java.sql.SQLException e) {
            context.logger().warn("recommendations model not loaded: {}", e.toString());
        }
        // load the serving classes now: the first shopper's slot should not pay for it
        recs.recommend(new io.brique.api.recommendation.RecommendationProvider.Request("product", "en", null, null,
                java.util.List.of(), 4));
        long minutes = context.settings().getLong("train_minutes", 15);
        context.schedule("train", Duration.ofMinutes(minutes), true, () -> guarded("training", recs::train));
        context.schedule("load-newer-model", Duration.ofSeconds(30), false, () -> guarded("model load",
                recs::loadLatest));
        context.schedule("flush-experiments", Duration.ofSeconds(10), false, () -> guarded("experiment flush", () -> {
            recs.experiments.flush();
            return null;
        }));
    }

    @Override
    public void stop() {
        Recs.stop(context);
    }

    private void guarded(String what, java.util.concurrent.Callable<?> job) {
        try {
            job.call();
        } catch (Exception e) {
            context.logger().warn("recommendations {} failed: {}", what, e.toString());
        }
    }
}
