package io.brique.crm;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** Builds the configured connector from the current settings (read at each dispatch: changes apply at once). */
final class Connectors {

    private Connectors() {
    }

    /** The connector of these settings, or null when the merchant chose none. */
    static Connector of(CrmSettings.Sync s, HttpClient http, Clock clock) {
        return switch (s.connector()) {
            case "webhook" -> new WebhookConnector(http, s, clock);
            case "hubspot" -> new HubSpotConnector(http, s, clock);
            default -> null;
        };
    }

    /** Problems of the current settings, for the connector page (empty: ready to send). */
    static List<String> problems(CrmSettings.Sync s, HttpClient http, Clock clock) {
        Connector c = of(s, http, clock);
        return c == null ? List.of("no connector chosen: updates stay queued until one is") : c.problems();
    }

    /** The allow-list: the merchant's, or when empty the connector URL's own host. */
    static List<String> allowed(CrmSettings.Sync s, String url) {
        if (!s.allowedHosts().isEmpty()) {
            return s.allowedHosts();
        }
        try {
            String host = URI.create(url.trim()).getHost();
            return host == null ? List.of() : List.of(host.toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
