package io.brique.example.hello;

import io.brique.api.plugin.PluginSettings;
import io.brique.api.plugin.SettingsDeclaration;
import java.util.List;
import org.pf4j.Extension;

/**
 * The settings the merchant edits in the admin console. The host validates saved values against
 * this declaration; the plugin reads them at each use (a change applies at once, on every node).
 */
@Extension
public class HelloSettings implements SettingsDeclaration {

    static final String GREETING = "greeting";
    static final String SHOW_ON_PRODUCT = "show_on_product";
    static final String DEFAULT_GREETING = "Hello from example-hello!";

    @Override
    public List<Setting> settings() {
        return List.of(
                new Setting(GREETING, "Greeting", "Shown below the price on product pages", Type.TEXT,
                        DEFAULT_GREETING, false, List.of(), "(?s).{1,120}", null, null), // at most 120 characters
                Setting.bool(SHOW_ON_PRODUCT, "Show on product pages", true));
    }

    /** Stored values only exist once saved: fall back to the declared defaults. */
    static String greeting(PluginSettings settings) {
        return settings.get(GREETING, DEFAULT_GREETING);
    }

    static boolean showOnProduct(PluginSettings settings) {
        return settings.getBoolean(SHOW_ON_PRODUCT, true);
    }
}
