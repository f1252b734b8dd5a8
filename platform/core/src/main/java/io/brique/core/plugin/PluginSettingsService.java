package io.brique.core.plugin;

import static io.brique.core.db.jooq.Tables.PLUGIN_INSTALLATION;
import static io.brique.core.db.jooq.Tables.PLUGIN_SETTING;

import io.brique.api.plugin.SettingsDeclaration.Setting;
import io.brique.api.plugin.SettingsDeclaration.Type;
import io.brique.core.db.Database;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and saves a plugin's settings against what it declared: typed validation with field errors,
 * unknown keys refused, secrets never shown back (an empty secret keeps the stored one). Saved in one
 * transaction; plugins read settings at use, so changes apply at once on every node.
 */
public final class PluginSettingsService {

    public static final String MASK = "********";
    private static final int MAX_TEXT = 4000;

    /** A setting as a form shows it: secrets are masked. */
    public record SettingView(Setting setting, String value, boolean isSet) {
    }

    private final Database db;
    private final PluginHost host;
    private final Clock clock;

    public PluginSettingsService(Database db, PluginHost host, Clock clock) {
        this.db = db;
        this.host = host;
        this.clock = clock;
    }

    public List<SettingView> view(String pluginId) {
        requirePlugin(pluginId);
        Map<String, String> stored = stored(pluginId);
        List<SettingView> out = new ArrayList<>();
        for (Setting s : host.declaredSettings(pluginId)) {
            String v = stored.get(s.key());
            boolean isSet = v != null;
            if (s.type() == Type.SECRET) {
                out.add(new SettingView(s, isSet ? MASK : "", isSet));
            } else {
                out.add(new SettingView(s, isSet ? v : s.defaultValue() == null ? "" : s.defaultValue(), isSet));
            }
        }
        return out;
    }

    /** Validates all values, then saves them together; nothing is saved if one is wrong. */
    public void save(String pluginId, Map<String, String> values) {
        requirePlugin(pluginId);
        List<Setting> declared = host.declaredSettings(pluginId);
        Map<String, Setting> byKey = new HashMap<>();
        declared.forEach(s -> byKey.put(s.key(), s));
        Map<String, String> errors = new LinkedHashMap<>();
        for (String key : values.keySet()) {
            if (!byKey.containsKey(key)) {
                errors.put(key, "error.unknown_field");
            }
        }
        Map<String, String> stored = stored(pluginId);
        Map<String, String> toSave = new LinkedHashMap<>();
        for (Setting s : declared) {
            String raw = values.get(s.key());
            String v = raw == null ? null : raw.trim();
            if (s.type() == Type.SECRET && (v == null || v.isEmpty() || v.equals(MASK))) {
                if (s.required() && stored.get(s.key()) == null) {
                    errors.put(s.key(), "error.required");
                }
                continue; // keep the stored secret
            }
            if (s.type() == Type.BOOLEAN && (v == null || v.isEmpty())) {
                v = "false"; // an unticked checkbox sends nothing
            }
            if (v == null || v.isEmpty()) {
                if (s.required()) {
                    errors.put(s.key(), "error.required");
                } else {
                    toSave.put(s.key(), null);
                }
                continue;
            }
            String error = check(s, v);
            if (error != null) {
                errors.put(s.key(), error);
            } else {
                toSave.put(s.key(), v);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("invalid settings for " + pluginId, errors);
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        db.txRun(tx -> {
            toSave.forEach((k, v) -> {
                if (v == null) {
                    tx.dsl().deleteFrom(PLUGIN_SETTING).where(PLUGIN_SETTING.PLUGIN_ID.eq(pluginId))
                            .and(PLUGIN_SETTING.SETTING_KEY.eq(k)).execute();
                } else {
                    tx.dsl().insertInto(PLUGIN_SETTING)
                            .set(PLUGIN_SETTING.PLUGIN_ID, pluginId).set(PLUGIN_SETTING.SETTING_KEY, k)
                            .set(PLUGIN_SETTING.VALUE, v).set(PLUGIN_SETTING.UPDATED_AT, now)
                            .onDuplicateKeyUpdate()
                            .set(PLUGIN_SETTING.VALUE, v).set(PLUGIN_SETTING.UPDATED_AT, now)
                            .execute();
                }
            });
            tx.dsl().update(PLUGIN_INSTALLATION).set(PLUGIN_INSTALLATION.UPDATED_AT, now)
                    .where(PLUGIN_INSTALLATION.PLUGIN_ID.eq(pluginId)).execute();
        });
        host.settingsChanged();
    }

    /** An i18n error key, or null when the value is acceptable. */
    static String check(Setting s, String v) {
        if (v.length() > MAX_TEXT) {
            return "error.too_long";
        }
        switch (s.type()) {
            case NUMBER -> {
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    return "error.number";
                }
                if (s.min() != null && n < s.min() || s.max() != null && n > s.max()) {
                    return "error.range";
                }
            }
            case BOOLEAN -> {
                if (!v.equals("true") && !v.equals("false")) {
                    return "error.type";
                }
            }
            case CHOICE -> {
                if (!s.choices().contains(v)) {
                    return "error.choice";
                }
            }
            default -> {
                // TEXT, SECRET, LIST: the pattern below
            }
        }
        if (s.pattern() != null && !s.pattern().isEmpty()) {
            try {
                if (!Pattern.compile(s.pattern()).matcher(v).matches()) {
                    return "error.pattern";
                }
            } catch (PatternSyntaxException e) {
                return "error.pattern";
            }
        }
        return null;
    }

    private Map<String, String> stored(String pluginId) {
        Map<String, String> out = new HashMap<>();
        db.dsl().selectFrom(PLUGIN_SETTING).where(PLUGIN_SETTING.PLUGIN_ID.eq(pluginId))
                .forEach(r -> out.put(r.getSettingKey(), r.getValue()));
        return out;
    }

    private void requirePlugin(String pluginId) {
        if (host.get(pluginId).isEmpty()) {
            throw new NotFoundException("no plugin " + pluginId);
        }
    }
}
