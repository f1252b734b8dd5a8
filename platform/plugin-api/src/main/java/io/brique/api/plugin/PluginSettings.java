package io.brique.api.plugin;

import java.util.Optional;

/** A plugin's saved settings, validated against what it declared ({@link SettingsDeclaration}). */
public interface PluginSettings {

    Optional<String> get(String key);

    default String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    default long getLong(String key, long fallback) {
        return get(key).map(Long::parseLong).orElse(fallback);
    }

    default boolean getBoolean(String key, boolean fallback) {
        return get(key).map(Boolean::parseBoolean).orElse(fallback);
    }
}
