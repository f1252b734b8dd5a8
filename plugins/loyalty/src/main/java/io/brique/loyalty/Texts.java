package io.brique.loyalty;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/** The plugin's texts ({@code i18n/messages_<lang>.properties}) for what is not rendered by a template. */
final class Texts {

    private static final Map<String, Properties> BUNDLES = new ConcurrentHashMap<>();

    private Texts() {
    }

    static String get(String lang, String key) {
        String l = "en".equals(lang) ? "en" : "fr";
        Properties p = BUNDLES.computeIfAbsent(l, Texts::load);
        return p.getProperty(key, key);
    }

    private static Properties load(String lang) {
        Properties p = new Properties();
        try (InputStream in = Texts.class.getResourceAsStream("/i18n/messages_" + lang + ".properties")) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // no texts: keys are shown
        }
        return p;
    }
}
