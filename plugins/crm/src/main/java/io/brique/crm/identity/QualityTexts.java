package io.brique.crm.identity;

import io.brique.crm.quality.Suggestion;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/** The data-quality messages for JSON answers, from the plugin's i18n files (French or English). */
final class QualityTexts {
    private final Map<String, Properties> byLang = new ConcurrentHashMap<>();

    String message(String locale, Suggestion s) {
        String lang = locale != null && locale.startsWith("fr") ? "fr" : "en";
        Properties p = byLang.computeIfAbsent(lang, QualityTexts::load);
        String text = p.getProperty(s.messageKey(), s.messageKey());
        return s.suggested() == null ? text : text.replace("{0}", s.suggested());
    }

    private static Properties load(String lang) {
        Properties p = new Properties();
        try (InputStream in = QualityTexts.class.getResourceAsStream("/i18n/messages_" + lang + ".properties")) {
            if (in != null) p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // no texts: the keys are shown instead
        }
        return p;
    }
}
