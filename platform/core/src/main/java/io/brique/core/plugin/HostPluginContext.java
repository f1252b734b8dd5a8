package io.brique.core.plugin;

import io.brique.api.event.DomainEvent;
import io.brique.api.plugin.PluginContext;
import io.brique.api.plugin.PluginSettings;
import io.brique.core.Core;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host services one plugin gets. Everything it starts (scheduled jobs) is tracked here and
 * cancelled by {@link #close()} when the plugin stops, so nothing keeps its class loader alive.
 */
final class HostPluginContext implements PluginContext, AutoCloseable {

    private final String pluginId;
    private final Core core;
    private final PluginSettings settings;
    private final HttpClient http;
    private final Logger logger;
    private final ScheduledExecutorService scheduler;
    private final List<ScheduledFuture<?>> jobs = new CopyOnWriteArrayList<>();
    private final List<String> leases = new CopyOnWriteArrayList<>();
    private final io.brique.core.ops.ClusterLease lease;
    private final java.util.function.Supplier<ClassLoader> classLoader;
    private volatile PluginTemplateEngine templates;
    private final PluginNotifier notifier;
    private final io.brique.core.commerce.customer.CustomerMergeService merges;

    HostPluginContext(String pluginId, Core core, PluginSettings settings,
            java.util.function.Supplier<ClassLoader> classLoader) {
        this.pluginId = pluginId;
        this.core = core;
        this.settings = settings;
        this.classLoader = classLoader;
        this.notifier = new PluginNotifier(core, pluginId);
        this.merges = new io.brique.core.commerce.customer.CustomerMergeService(core.db(), core.events(), core.clock());
        this.lease = new io.brique.core.ops.ClusterLease(core.db().dsl(), core.clock(), core.nodeId());
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.logger = LoggerFactory.getLogger("plugin." + pluginId);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("plugin-" + pluginId + "-jobs").daemon(true).factory());
    }

    @Override
    public io.brique.api.customer.CustomerDirectory customers() {
        return new HostCustomerDirectory(core.db());
    }

    @Override
    public io.brique.api.search.CatalogSearch catalogSearch() {
        var entries = core.extensions().entries(io.brique.api.search.CatalogSearch.class);
        if (entries.isEmpty()) {
            throw new UnsupportedOperationException("no catalog search in this shop");
        }
        return entries.getFirst().extension();
    }

    @Override
    public io.brique.api.search.CatalogVocabulary catalogVocabulary() {
        var entries = core.extensions().entries(io.brique.api.search.CatalogVocabulary.class);
        if (entries.isEmpty()) {
            throw new UnsupportedOperationException("no catalog vocabulary in this shop");
        }
        return entries.getFirst().extension();
    }

    @Override
    public io.brique.api.catalog.CatalogFacts catalog() {
        var entries = core.extensions().entries(io.brique.api.catalog.CatalogFacts.class);
        if (entries.isEmpty()) {
            throw new UnsupportedOperationException("no catalog facts in this shop");
        }
        return entries.getFirst().extension();
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public PluginSettings settings() {
        return settings;
    }

    @Override
    public DataSource dataSource() {
        return core.db().dataSource();
    }

    @Override
    public String tablePrefix() {
        return PluginIds.tablePrefix(pluginId);
    }

    @Override
    public String databaseKind() {
        return switch (core.db().dialect()) {
            case H2 -> "h2";
            case MARIADB -> "mariadb";
            default -> "mysql";
        };
    }

    @Override
    public Clock clock() {
        return core.clock();
    }

    @Override
    public void publish(DomainEvent event) {
        core.db().txRun(tx -> core.events().publish(tx, event));
    }

    @Override
    public void schedule(String name, Duration every, boolean oncePerCluster, Runnable job) {
        if (every == null || every.toMillis() < 1) {
            throw new IllegalArgumentException("job " + name + ": the period must be at least 1 ms");
        }
        String leaseName = "plugin:" + pluginId + ":" + name;
        if (oncePerCluster) {
            leases.add(leaseName);
        }
        Runnable guarded = () -> {
            try {
                if (!oncePerCluster || lease.tryAcquire(leaseName, every.plusSeconds(5))) {
                    job.run();
                }
            } catch (RuntimeException | LinkageError e) {
                logger.warn("job {} failed: {}", name, e.toString());
            }
        };
        jobs.add(scheduler.scheduleWithFixedDelay(guarded, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public HttpClient httpClient() {
        return http;
    }

    @Override
    public void count(String name, long delta) {
        core.metrics().pluginCounter(pluginId, name, delta);
    }

    @Override
    public Logger logger() {
        return logger;
    }

    @Override
    public io.brique.api.view.PluginTemplates templates() {
        PluginTemplateEngine t = templates;
        if (t == null) {
            synchronized (this) {
                t = templates;
                if (t == null) {
                    t = new PluginTemplateEngine(classLoader.get(), core.messages(),
                            core.config().getBoolean("templates.cache", true));
                    templates = t;
                }
            }
        }
        return t;
    }

    /** Creates and initialises the template engine (a few milliseconds, cheaper than a missed slot). */
    void warmTemplates() {
        ((PluginTemplateEngine) templates()).initialise();
    }

    @Override
    public void close() {
        PluginTemplateEngine t = templates;
        templates = null;
        if (t != null) {
            t.close();
        }
        jobs.forEach(j -> j.cancel(false));
        jobs.clear();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // hand once-per-cluster jobs over to another node now rather than when the lease runs out
        for (String name : leases) {
            try {
                lease.release(name);
            } catch (RuntimeException e) {
                logger.debug("lease {} not released: {}", name, e.toString());
            }
        }
        leases.clear();
        http.close();
    }

    @Override
    public io.brique.api.notification.NotificationOutcome notify(
            io.brique.api.notification.NotificationChannel.Notification notification) {
        return notifier.send(notification);
    }

    @Override
    public java.util.Optional<io.brique.api.segment.CustomerSegment> customerSegment(long customerId) {
        return io.brique.core.plugin.SegmentLookup.of(core.extensions(), customerId);
    }

    @Override
    public io.brique.api.customer.CustomerMerges customerMerges() {
        return merges;
    }
}
