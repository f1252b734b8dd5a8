package io.brique.core.plugin;

import io.brique.api.plugin.PluginSettings;
import java.util.Optional;

/** One plugin's view of the settings cache: saved values, current on this node after each save or sync. */
final class StoredPluginSettings implements PluginSettings {

    private final PluginSettingsCache cache;
    private final String pluginId;

    StoredPluginSettings(PluginSettingsCache cache, String pluginId) {
        this.cache = cache;
        this.pluginId = pluginId;
    }

    @Override
    public Optional<String> get(String key) {
        return cache.get(pluginId, key);
    }
}
