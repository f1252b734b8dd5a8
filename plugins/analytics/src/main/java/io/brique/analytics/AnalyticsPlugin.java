package io.brique.analytics;

import io.brique.api.plugin.BriquePlugin;
import io.brique.api.plugin.PluginContext;
import java.time.Duration;

/**
 * Starts the collector and the daily retention purge; on stop (disable, shutdown) the collector
 * writes everything it accepted before the plugin is unloaded. The host removes the routes (so the
 * tracker and the collection endpoint) before it calls {@link #stop()}.
 */
public class AnalyticsPlugin extends BriquePlugin {

    public AnalyticsPlugin(PluginContext context) {
        super(context);
    }

    @Override
    public void start() {
        Analytics analytics = Analytics.of(context);
        context.schedule("retention-purge", Duration.ofHours(6), true, () -> new Retention(analytics).run());
        // sessions of finished days, once per cluster (idempotent: a day's rows are replaced)
        context.schedule("daily-rollup", Duration.ofMinutes(30), true, () -> {
            try {
                int n = new Rollup(context.dataSource(), context.tablePrefix()).run(context.clock().instant());
                if (n > 0) {
                    context.logger().info("analytics: rolled up {} days", n);
                }
            } catch (java.sql.SQLException | RuntimeException e) {
                context.logger().warn("analytics: daily rollup failed: {}", e.toString());
            }
        });
        // segments are served from memory: each node recomputes its copy
        context.schedule("segments-refresh", Duration.ofMinutes(5), false, () -> {
            try {
                analytics.refreshSegments();
            } catch (java.sql.SQLException | RuntimeException e) {
                context.logger().warn("analytics: segments refresh failed: {}", e.toString());
            }
        });
    }

    @Override
    public void stop() {
        Analytics.stop(context);
    }
}
