package io.brique.api.plugin;

import io.brique.api.event.DomainEvent;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;

/**
 * What the host gives a plugin, by constructor (of its main class and of its extensions). A plugin
 * sees nothing else of the core.
 */
public interface PluginContext {

    String pluginId();

    /** The plugin's settings as currently saved (changes apply without restart: read them per use). */
    PluginSettings settings();

    /**
     * The shop database. A plugin may only touch its own tables, named with its prefix
     * ({@link #tablePrefix()}), created by its own migrations ({@code db/migration} inside its jar).
     */
    DataSource dataSource();

    /** {@code loyalty_} for plugin id {@code loyalty}; dashes become underscores. */
    String tablePrefix();

    /** {@code h2}, {@code mysql} or {@code mariadb}. */
    String databaseKind();

    Clock clock();

    /** Publishes a plugin event to the outbox (delivered to listeners after commit, at least once). */
    void publish(DomainEvent event);

    /** Runs a job periodically; {@code oncePerCluster} makes one node of a cluster run it at a time. */
    void schedule(String name, Duration every, boolean oncePerCluster, Runnable job);

    /** An HTTP client for outbound calls (time-outs set); the host may restrict destinations. */
    HttpClient httpClient();

    /** Increments a counter exported as {@code brique_plugin_counter_total{plugin="<id>",name="<name>"}}. */
    void count(String name, long delta);

    Logger logger();

    /** Thymeleaf templates and texts from the plugin's own jar (since SDK 1.1). */
    io.brique.api.view.PluginTemplates templates();

    /** The catalog search, without the query rewriters (since SDK 1.1; older hosts throw). */
    default io.brique.api.search.CatalogSearch catalogSearch() {
        throw new UnsupportedOperationException("this shop's core does not offer the catalog search to plugins");
    }

    /**
     * The customer's segment from the enabled segment provider (the analytics brick), or empty when
     * there is none or it does not answer in time (since SDK 1.1).
     */
    default java.util.Optional<io.brique.api.segment.CustomerSegment> customerSegment(long customerId) {
        return java.util.Optional.empty();
    }

    /** The words of the product names per locale (since SDK 1.2; older hosts throw). */
    default io.brique.api.search.CatalogVocabulary catalogVocabulary() {
        throw new UnsupportedOperationException("this shop's core does not offer the catalog vocabulary to plugins");
    }

    /** Read-only catalog facts: titles, categories, brands, attributes, stock (since SDK 1.2; older hosts throw). */
    default io.brique.api.catalog.CatalogFacts catalog() {
        throw new UnsupportedOperationException("this shop's core does not offer catalog facts to plugins");
    }

    /** Read access to the shop's customers and orders (since SDK 1.2; older hosts throw). */
    default io.brique.api.customer.CustomerDirectory customers() {
        throw new UnsupportedOperationException("this shop's core does not offer the customer directory to plugins");
    }

    /**
     * Sends a notification to a customer through the shop's chosen channel (since SDK 1.2): the core's
     * e-mail outbox unless the shop names another {@code NotificationChannel} ({@code notifications.channel}).
     * The core checks the customer exists and, for {@code marketing} notifications, that they consented
     * to marketing; the same {@code key} from the same plugin is sent once. Call it after your own
     * transaction commits (it runs in the core's own transaction). Older hosts throw.
     */
    default io.brique.api.notification.NotificationOutcome notify(
            io.brique.api.notification.NotificationChannel.Notification notification) {
        throw new UnsupportedOperationException("this shop's core cannot send notifications from plugins");
    }

    /**
     * Merging customer accounts, a core operation (since SDK 1.2): see {@link io.brique.api.customer.CustomerMerges}.
     * Older hosts throw.
     */
    default io.brique.api.customer.CustomerMerges customerMerges() {
        throw new UnsupportedOperationException("this shop's core cannot merge customers for plugins");
    }
}
