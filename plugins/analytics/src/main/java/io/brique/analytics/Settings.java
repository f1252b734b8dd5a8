package io.brique.analytics;

import io.brique.api.plugin.PluginSettings;
import io.brique.api.plugin.SettingsDeclaration;
import java.util.List;
import org.pf4j.Extension;

/** The analytics settings, validated by the host and read at each use. */
@Extension
public class Settings implements SettingsDeclaration {

    static final String MODE = "mode";
    static final String RETENTION_DAYS = "retention_days";
    static final String TRACKER = "tracker";
    static final String IMPORT_TOKEN = "import_token";
    static final String QUEUE_BATCHES = "queue_batches";
    static final int DEFAULT_QUEUE_BATCHES = 5000;

    @Override
    public List<Setting> settings() {
        return List.of(
                new Setting(MODE, "Privacy mode", "audience: no cookie or storage, truncated IPs, no identity across"
                        + " days, no campaign or customer reports (no consent needed). consented: first-party visitor id"
                        + " and login stitching for visitors who gave consent (window.briqueConsent = true or a"
                        + " brique_consent=analytics cookie). Do Not Track and Global Privacy Control always win.",
                        Type.CHOICE, Privacy.AUDIENCE, true, List.of(Privacy.AUDIENCE, Privacy.CONSENTED), null, null, null),
                Setting.number(RETENTION_DAYS, "Keep events (days)", 395, 1, 3650),
                Setting.bool(TRACKER, "Insert the JavaScript tracker in storefront pages", true),
                Setting.secret(IMPORT_TOKEN, "Import token (server-to-server backfill of events older than 72 h)"),
                Setting.number(QUEUE_BATCHES, "Collection queue size (batches, applies at next start)",
                        DEFAULT_QUEUE_BATCHES, 10, 100_000));
    }

    static boolean consentedMode(PluginSettings s) {
        return Privacy.CONSENTED.equals(s.get(MODE, Privacy.AUDIENCE));
    }
}
