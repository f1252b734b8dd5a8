package io.brique.core.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * UI texts in the shop languages, from {@code i18n/<bundle>_<lang>.properties} (UTF-8). Several
 * bundles (one per area) merge into one key space. A missing key renders as {@code ??key??} so it is
 * seen, never as an exception.
 */
public final class Messages {

    public static final List<String> CORE_BUNDLES = List.of("messages", "catalog", "commerce");

    private final Map<String, Map<String, String>> byLang = new HashMap<>();
    private final String fallbackLang;

    public Messages(List<String> bundles, List<String> languages, String fallbackLang) {
        this.fallbackLang = fallbackLang;
        for (String lang : languages) {
            Map<String, String> merged = new HashMap<>();
            for (String bundle : bundles) {
                merged.putAll(load("i18n/" + bundle + "_" + lang + ".properties"));
            }
            byLang.put(lang, Map.copyOf(merged));
        }
    }

    private static Map<String, String> load(String resource) {
        Map<String, String> out = new HashMap<>();
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return out;
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        return out;
    }

    public String get(Locale locale, String key, Object... args) {
        String pattern = find(locale, key);
        if (pattern == null) {
            return "??" + key + "??";
        }
        if (args == null || args.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern.replace("'", "''"), locale).format(args);
    }

    /** The text, or null when no language has the key. */
    public String find(Locale locale, String key) {
        Map<String, String> texts = byLang.getOrDefault(locale.getLanguage(), Map.of());
        String v = texts.get(key);
        if (v == null) {
            v = byLang.getOrDefault(fallbackLang, Map.of()).get(key);
        }
        return v;
    }

    public boolean has(Locale locale, String key) {
        return find(locale, key) != null;
    }
}
