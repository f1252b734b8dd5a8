package io.brique.core.plugin;

import java.util.regex.Pattern;

/** Plugin id rules: lower-case letters, digits and dashes, 2 to 40 characters, starting with a letter. */
final class PluginIds {

    private static final Pattern ID = Pattern.compile("^[a-z][a-z0-9-]{1,39}$");

    private PluginIds() {
    }

    static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** {@code loyalty_}, {@code search_synonyms_}: the prefix of every table the plugin owns. */
    static String tablePrefix(String id) {
        return id.replace('-', '_') + "_";
    }
}
