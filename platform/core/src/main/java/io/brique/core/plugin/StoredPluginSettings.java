package io.brique.core.plugin;

import static io.brique.core.db.jooq.Tables.PLUGIN_SETTING;

import io.brique.api.plugin.PluginSettings;
import io.brique.core.db.Database;
import java.util.Optional;

/** Settings read from the database at each use, so a change made on any node applies at once. */
final class StoredPluginSettings implements PluginSettings {

    private final Database db;
    private final String pluginId;

    StoredPluginSettings(Database db, String pluginId) {
        this.db = db;
        this.pluginId = pluginId;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(db.dsl().select(PLUGIN_SETTING.VALUE).from(PLUGIN_SETTING)
                .where(PLUGIN_SETTING.PLUGIN_ID.eq(pluginId)).and(PLUGIN_SETTING.SETTING_KEY.eq(key))
                .fetchOne(PLUGIN_SETTING.VALUE));
    }
}
