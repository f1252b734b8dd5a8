package io.brique.api.plugin;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * A plugin's self-describing settings; the admin console renders and validates the form from it.
 * Keys are scoped to the plugin.
 */
public interface SettingsDeclaration extends ExtensionPoint {

    List<Setting> settings();

    enum Type { TEXT, NUMBER, BOOLEAN, CHOICE, SECRET, LIST }

    /**
     * One setting. {@code pattern} is a regular expression the text must match; {@code min}/{@code max}
     * bound numbers; {@code choices} lists allowed values for CHOICE.
     */
    record Setting(String key, String label, String help, Type type, String defaultValue, boolean required,
            List<String> choices, String pattern, Long min, Long max) {

        public Setting {
            choices = choices == null ? List.of() : List.copyOf(choices);
        }

        public static Setting text(String key, String label, String defaultValue) {
            return new Setting(key, label, "", Type.TEXT, defaultValue, false, List.of(), null, null, null);
        }

        public static Setting number(String key, String label, long defaultValue, long min, long max) {
            return new Setting(key, label, "", Type.NUMBER, Long.toString(defaultValue), true, List.of(), null, min,
                    max);
        }

        public static Setting bool(String key, String label, boolean defaultValue) {
            return new Setting(key, label, "", Type.BOOLEAN, Boolean.toString(defaultValue), true, List.of(), null,
                    null, null);
        }

        public static Setting secret(String key, String label) {
            return new Setting(key, label, "", Type.SECRET, null, false, List.of(), null, null, null);
        }

        public static Setting choice(String key, String label, String defaultValue, List<String> choices) {
            return new Setting(key, label, "", Type.CHOICE, defaultValue, true, choices, null, null, null);
        }
    }
}
