package io.brique.testkit;

import static io.brique.core.db.jooq.Tables.PLUGIN_SETTING;

import io.brique.api.event.DomainEvent;
import io.brique.api.plugin.PluginContext;
import io.brique.api.plugin.PluginSettings;
import io.brique.core.Brique;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PluginContext} on a test server's database and settings, to call one extension directly
 * (e.g. deliver the same event twice to a listener to prove it de-duplicates). Jobs are not run.
 */
final class TestPluginContext implements PluginContext {

    private final String pluginId;
    private final Brique app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestPluginContext(String pluginId, Brique app) {
        this.pluginId = pluginId;
        this.app = app;
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public PluginSettings settings() {
        return key -> Optional.ofNullable(app.core().db().dsl().select(PLUGIN_SETTING.VALUE).from(PLUGIN_SETTING)
                .where(PLUGIN_SETTING.PLUGIN_ID.eq(pluginId)).and(PLUGIN_SETTING.SETTING_KEY.eq(key))
                .fetchOne(PLUGIN_SETTING.VALUE));
    }

    @Override
    public DataSource dataSource() {
        return app.core().db().dataSource();
    }

    @Override
    public String tablePrefix() {
        return pluginId.replace('-', '_') + "_";
    }

    @Override
    public String databaseKind() {
        return switch (app.core().db().dialect()) {
            case H2 -> "h2";
            case MARIADB -> "mariadb";
            default -> "mysql";
        };
    }

    @Override
    public Clock clock() {
        return app.core().clock();
    }

    @Override
    public void publish(DomainEvent event) {
        app.core().db().txRun(tx -> app.core().events().publish(tx, event));
    }

    @Override
    public io.brique.api.view.PluginTemplates templates() {
        // the plugin's classes and resources are on the test's class path
        return new io.brique.core.plugin.PluginTemplateEngine(Thread.currentThread().getContextClassLoader(),
                app.core().messages(), false);
    }

    @Override
    public void schedule(String name, Duration every, boolean oncePerCluster, Runnable job) {
        // tests call the job themselves
    }

    @Override
    public HttpClient httpClient() {
        return http;
    }

    @Override
    public void count(String name, long delta) {
        // not exported in tests
    }

    @Override
    public Logger logger() {
        return LoggerFactory.getLogger("plugin." + pluginId);
    }

    @Override
    public java.util.Optional<io.brique.api.segment.CustomerSegment> customerSegment(long customerId) {
        return io.brique.core.plugin.SegmentLookup.of(app.core().extensions(), customerId);
    }

    @Override
    public io.brique.api.customer.CustomerDirectory customers() {
        return new io.brique.core.plugin.HostCustomerDirectory(app.core().db());
    }

    @Override
    public io.brique.api.notification.NotificationOutcome notify(
            io.brique.api.notification.NotificationChannel.Notification notification) {
        return new io.brique.core.plugin.PluginNotifier(app.core(), pluginId).send(notification);
    }

    @Override
    public io.brique.api.catalog.CatalogFacts catalog() {
        return app.core().extensions().entries(io.brique.api.catalog.CatalogFacts.class).getFirst().extension();
    }
}
