package io.brique.analytics;

import io.brique.api.plugin.PluginContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plugin's running parts, shared by its extensions. The host builds each extension with the same
 * {@link PluginContext}; the parts are kept per context and dropped when the plugin stops (this map
 * lives in the plugin's class loader, which is discarded when the plugin is unloaded).
 */
final class Analytics {

    private static final Map<PluginContext, Analytics> RUNNING = new ConcurrentHashMap<>();

    final PluginContext context;
    final Store store;
    final Privacy privacy;
    final Ids ids = new Ids();
    final Collector collector;
    final java.util.concurrent.atomic.AtomicLong rejected = new java.util.concurrent.atomic.AtomicLong();

    private Analytics(PluginContext context) {
        this.context = context;
        this.store = new Store(context.dataSource(), context.tablePrefix(), context.clock());
        this.privacy = new Privacy(context.dataSource(), context.tablePrefix());
        this.collector = new Collector(store, context.logger(),
                (int) context.settings().getLong(Settings.QUEUE_BATCHES, Settings.DEFAULT_QUEUE_BATCHES), 2000);
    }

    private record Cached(java.time.Instant at, Map<Long, Segments.Customer> customers) {
    }

    private volatile Cached segments;

    /** Customer segments, recomputed when older than 10 minutes (and by a job, off the request path). */
    Map<Long, Segments.Customer> segments() throws java.sql.SQLException {
        Cached c = segments;
        java.time.Instant now = context.clock().instant();
        if (c == null || c.at().isBefore(now.minus(java.time.Duration.ofMinutes(10)))) {
            return refreshSegments();
        }
        return c.customers();
    }

    Map<Long, Segments.Customer> refreshSegments() throws java.sql.SQLException {
        java.time.Instant now = context.clock().instant();
        Map<Long, Segments.Customer> fresh = new Reports(new ReportData(context.dataSource(), context.tablePrefix()), now)
                .customers();
        segments = new Cached(now, fresh);
        return fresh;
    }

    static Analytics of(PluginContext context) {
        return RUNNING.computeIfAbsent(context, Analytics::new);
    }

    /** Stops collection: refuses new batches and writes everything accepted. */
    static void stop(PluginContext context) {
        Analytics a = RUNNING.remove(context);
        if (a != null) {
            a.collector.close();
        }
    }
}
