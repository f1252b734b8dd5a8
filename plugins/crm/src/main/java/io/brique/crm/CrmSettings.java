package io.brique.crm;

import io.brique.api.plugin.PluginSettings;
import io.brique.api.plugin.SettingsDeclaration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pf4j.Extension;

/**
 * The sync settings, per connector, declared for the admin console (the host validates types, bounds
 * and patterns; {@link Connectors#problems} adds the checks a pattern cannot make: allowed hosts,
 * private addresses, missing secrets). Secrets use the SDK's SECRET type: never shown back.
 */
@Extension
public class CrmSettings implements SettingsDeclaration {

    static final String URL = "https?://[^\\s<>\"]{1,1990}";
    static final String HOSTS = "([A-Za-z0-9.*-]{1,253}(\\s*,\\s*[A-Za-z0-9.*-]{1,253})*)?";

    @Override
    public List<Setting> settings() {
        return List.of(
                new Setting("connector", "CRM connector", "none: nothing is sent (updates stay queued)", Type.CHOICE,
                        "none", true, List.of("none", "webhook", "hubspot"), null, null, null),
                new Setting("webhook_url", "Webhook: URL", "Where the signed JSON updates are POSTed", Type.TEXT,
                        "", false, List.of(), URL, null, null),
                new Setting("webhook_secret", "Webhook: signing secret", "HMAC-SHA256 key (at least 16 characters)",
                        Type.SECRET, null, false, List.of(), ".{16,200}", null, null),
                new Setting("hubspot_base_url", "HubSpot: API base URL", "", Type.TEXT, "https://api.hubapi.com",
                        false, List.of(), URL, null, null),
                new Setting("hubspot_token", "HubSpot: private app token", "Sent as a Bearer token", Type.SECRET,
                        null, false, List.of(), "[\\x21-\\x7e]{8,500}", null, null),
                new Setting("allowed_hosts", "Allowed CRM hosts",
                        "Comma separated; *.example.com allows sub-domains; empty: the connector's URL host only",
                        Type.TEXT, "", false, List.of(), HOSTS, null, null),
                Setting.bool("allow_private_addresses",
                        "Allow internal addresses (loopback, private networks): for tests and on-premise CRMs", false),
                num("rate_limit_per_second", "Requests per second at most", 10, 1, 1000),
                num("max_attempts", "Attempts before the dead-letter list", 10, 1, 100),
                num("backoff_base_ms", "First retry after (ms), doubled each time, with jitter", 1000, 10, 3_600_000),
                num("backoff_max_ms", "Longest wait between two attempts (ms)", 600_000, 100, 86_400_000),
                num("request_timeout_ms", "Time-out of one CRM request (ms)", 10_000, 100, 120_000),
                num("parallel_requests", "Requests in flight at most (different customers)", 8, 1, 64),
                new Setting("inbound_secret", "Inbound webhook: signing secret",
                        "HMAC-SHA256 key the CRM signs its calls with (at least 16 characters)", Type.SECRET, null,
                        false, List.of(), ".{16,200}", null, null),
                num("inbound_window_seconds", "Inbound webhook: accepted clock skew (s)", 300, 10, 3600),
                num("abandoned_cart_minutes", "Abandoned cart after (minutes without change)", 60, 1, 10_080),
                Setting.bool("abandoned_cart_notify", "Notify the customer of an abandoned cart (when the shop can)",
                        false),
                num("sent_retention_days", "Keep delivered updates (days)", 30, 1, 3650));
    }

    private static Setting num(String key, String label, long def, long min, long max) {
        return new Setting(key, label, "", Type.NUMBER, Long.toString(def), false, List.of(), null, min, max);
    }

    /** The typed view of the saved settings, read at each use (changes apply at once). */
    record Sync(String connector, String webhookUrl, String webhookSecret, String hubspotBaseUrl, String hubspotToken,
            List<String> allowedHosts, boolean allowPrivate, int ratePerSecond, int maxAttempts, long backoffBaseMs,
            long backoffMaxMs, Duration requestTimeout, int parallel, String inboundSecret, int inboundWindowSeconds,
            int abandonedCartMinutes, boolean abandonedCartNotify, int sentRetentionDays) {

        static Sync of(PluginSettings s) {
            List<String> hosts = new ArrayList<>();
            for (String h : s.get("allowed_hosts", "").split(",")) {
                if (!h.isBlank()) {
                    hosts.add(h.trim().toLowerCase(Locale.ROOT));
                }
            }
            return new Sync(s.get("connector", "none"), s.get("webhook_url", ""), s.get("webhook_secret", ""),
                    s.get("hubspot_base_url", "https://api.hubapi.com"), s.get("hubspot_token", ""), hosts,
                    s.getBoolean("allow_private_addresses", false), (int) s.getLong("rate_limit_per_second", 10),
                    (int) s.getLong("max_attempts", 10), s.getLong("backoff_base_ms", 1000),
                    s.getLong("backoff_max_ms", 600_000), Duration.ofMillis(s.getLong("request_timeout_ms", 10_000)),
                    (int) s.getLong("parallel_requests", 8), s.get("inbound_secret", ""),
                    (int) s.getLong("inbound_window_seconds", 300), (int) s.getLong("abandoned_cart_minutes", 60),
                    s.getBoolean("abandoned_cart_notify", false), (int) s.getLong("sent_retention_days", 30));
        }
    }
}
