package io.brique.core.ops;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The Prometheus registry of this node and the core's instruments (served at /metrics). */
public final class Metrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram httpRequests;
    private final Counter eventsDelivered;
    private final Counter eventsFailed;
    private final Counter ordersPlaced;
    private final Counter pluginCounters;
    private final Counter pluginFailures;

    public Metrics() {
        JvmMetrics.builder().register(registry);
        httpRequests = Histogram.builder().name("brique_http_request_duration_seconds")
                .help("HTTP requests by route pattern, method and status")
                .labelNames("route", "method", "status")
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
                .register(registry);
        eventsDelivered = Counter.builder().name("brique_events_delivered_total")
                .help("domain events delivered to listeners").labelNames("consumer").register(registry);
        eventsFailed = Counter.builder().name("brique_events_failed_total")
                .help("failed deliveries of domain events").labelNames("consumer").register(registry);
        ordersPlaced = Counter.builder().name("brique_orders_placed_total")
                .help("orders placed").labelNames("channel").register(registry);
        pluginCounters = Counter.builder().name("brique_plugin_counter_total")
                .help("counters incremented by plugins").labelNames("plugin", "name").register(registry);
        pluginFailures = Counter.builder().name("brique_plugin_failures_total")
                .help("failed or timed-out calls into plugins").labelNames("plugin", "hook").register(registry);
    }

    public void pluginCounter(String plugin, String name, long delta) {
        pluginCounters.labelValues(plugin, name).inc(delta);
    }

    public void pluginFailure(String plugin, String hook) {
        pluginFailures.labelValues(plugin, hook).inc();
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public void httpRequest(String route, String method, int status, long nanos) {
        httpRequests.labelValues(route, method, Integer.toString(status)).observe(nanos / 1e9);
    }

    public void eventDelivered(String consumer) {
        eventsDelivered.labelValues(consumer).inc();
    }

    public void eventFailed(String consumer) {
        eventsFailed.labelValues(consumer).inc();
    }

    public void orderPlaced(String channel) {
        ordersPlaced.labelValues(channel).inc();
    }

    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
