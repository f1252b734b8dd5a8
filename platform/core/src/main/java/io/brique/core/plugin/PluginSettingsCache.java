package io.brique.core.plugin;

import static io.brique.core.db.jooq.Tables.PLUGIN_SETTING;

import io.brique.core.db.Database;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * All plugins' saved settings, held in memory so that reading a setting on the request path (a slot
 * renderer, a cart adjuster) costs no query. Reloaded in one query after a save on this node and at
 * every plugin sync tick, so a change made on another node applies within that interval.
 */
final class PluginSettingsCache {

    private final Database db;
    private volatile Map<String, Map<String, String>> byPlugin = Map.of();

    PluginSettingsCache(Database db) {
        this.db = db;
    }

    void refresh() {
        Map<String, Map<String, String>> all = new HashMap<>();
        db.dsl().select(PLUGIN_SETTING.PLUGIN_ID, PLUGIN_SETTING.SETTING_KEY, PLUGIN_SETTING.VALUE)
                .from(PLUGIN_SETTING)
                .forEach(r -> all.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), r.value3()));
        Map<String, Map<String, String>> frozen = new HashMap<>();
        all.forEach((id, values) -> frozen.put(id, Map.copyOf(values)));
        byPlugin = Map.copyOf(frozen);
    }

    Optional<String> get(String pluginId, String key) {
        Map<String, String> values = byPlugin.get(pluginId);
        return values == null ? Optional.empty() : Optional.ofNullable(values.get(key));
    }
}
