package io.brique.loyalty;

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

    /** A JSON string literal (with quotes). */
    static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>') {
                        b.append(String.format("\\u%04x", (int) c)); // < and > too: safe to embed in HTML
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** An amount in euros for the page's language: 1,20 € (fr), €1.20 (en). */
    static String money(long minor, String lang) {
        java.text.NumberFormat f = java.text.NumberFormat.getCurrencyInstance("en".equals(lang)
                ? java.util.Locale.forLanguageTag("en-IE") : java.util.Locale.FRANCE);
        f.setCurrency(java.util.Currency.getInstance("EUR"));
        return f.format(java.math.BigDecimal.valueOf(minor, 2)).replace('\u202f', ' ').replace('\u00a0', ' ');
    }
}
