package io.brique.analytics;

/**
 * Escaping for what the plugin writes into HTML and JSON. Slot and route output goes into the
 * shopper's page as is: anything the plugin did not write itself (settings, table rows) must be
 * escaped. The SDK is dependency-free, so a plugin carries these few lines.
 */
final class Html {

    private Html() {
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
