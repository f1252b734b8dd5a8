package io.brique.crm.identity;

import io.brique.api.plugin.PluginSettings;
import io.brique.api.plugin.SettingsDeclaration;
import java.util.List;
import org.pf4j.Extension;

/**
 * The identity-resolution settings, declared apart from the sync settings (the host gathers every
 * declaration of a plugin into one form). Thresholds are in percent of match probability. None is
 * required: left empty, the default applies (a save of the sync settings alone must not need them).
 */
@Extension
public class IdentitySettings implements SettingsDeclaration {
    static final String REVIEW = "identity.review-threshold";
    static final String AUTO_LINK = "identity.auto-link-threshold";
    static final String COUNTRY = "identity.default-country";

    @Override
    public List<Setting> settings() {
        return List.of(
                new Setting(REVIEW, "Identity: review threshold (%)",
                        "Pairs at least this likely to be the same person go to the review queue.",
                        Type.NUMBER, "50", false, List.of(), null, 1L, 99L),
                new Setting(AUTO_LINK, "Identity: auto-link threshold (%)",
                        "Pairs at least this likely are linked without review (never merged without the merchant).",
                        Type.NUMBER, "99", false, List.of(), null, 1L, 100L),
                new Setting(COUNTRY, "Identity: default country for phone numbers",
                        "Two-letter ISO code used for national numbers (06..., 07...).",
                        Type.TEXT, "FR", false, List.of(), "[A-Z]{2}", null, null));
    }

    static Thresholds thresholds(PluginSettings s) {
        double review = s.getLong(REVIEW, 50) / 100.0;
        double auto = s.getLong(AUTO_LINK, 99) / 100.0;
        // a saved auto-link below the review threshold would make the record invalid: keep the defaults' order
        return auto < review ? new Thresholds(review, review) : new Thresholds(review, auto);
    }

    static String country(PluginSettings s) {
        return s.get(COUNTRY, "FR");
    }
}
