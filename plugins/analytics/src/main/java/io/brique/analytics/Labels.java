package io.brique.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The labels of the reports, CSV headers, dashboard tile and customer panel in the admin's language,
 * from the plugin's own {@code i18n/messages_<lang>.properties} (the same files its templates use):
 * French or English, English for any other language. A missing key shows the key, so a test sees it.
 */
final class Labels {

    private static final Map<String, Labels> BY_LANG = new ConcurrentHashMap<>();

    static final Labels EN = of("en");

    private final String lang;
    private final Properties messages;

    private Labels(String lang, Properties messages) {
        this.lang = lang;
        this.messages = messages;
    }

    static Labels of(String lang) {
        String l = "fr".equals(lang) ? "fr" : "en";
        return BY_LANG.computeIfAbsent(l, k -> new Labels(k, load(k)));
    }

    private static Properties load(String lang) {
        Properties p = new Properties();
        try (InputStream in = Labels.class.getResourceAsStream("/i18n/messages_" + lang + ".properties")) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("analytics: cannot read the labels of " + lang, e);
        }
        return p;
    }

    String lang() {
        return lang;
    }

    String get(String key) {
        return messages.getProperty(key, key);
    }

    String get(String key, Object... args) {
        return String.format(Locale.ROOT, get(key), args);
    }

    /** A code shown to the merchant (channel, segment, model): its label, or the code itself. */
    String code(String group, String code) {
        return code == null ? null : messages.getProperty(group + "." + code, code);
    }
}
