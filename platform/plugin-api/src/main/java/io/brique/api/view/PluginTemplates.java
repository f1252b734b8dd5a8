package io.brique.api.view;

import java.util.Map;

/**
 * Thymeleaf templates from the plugin's own jar (since SDK 1.1). {@code name} is relative to
 * {@code templates/} in the jar, without {@code .html}: {@code render("admin/balance", "fr", model)}
 * reads {@code templates/admin/balance.html}. {@code #{key}} texts come from the plugin's
 * {@code i18n/messages_<lang>.properties} (then {@code i18n/messages.properties}), then from the core's
 * shared texts. Output is escaped as usual with {@code th:text}; the result is safe HTML to return from
 * a slot, a widget or a route.
 */
public interface PluginTemplates {

    String render(String name, String lang, Map<String, Object> model);

    /** Renders one {@code th:fragment} of a template. */
    String renderFragment(String name, String fragment, String lang, Map<String, Object> model);
}
