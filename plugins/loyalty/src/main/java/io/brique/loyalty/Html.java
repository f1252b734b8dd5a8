package io.brique.loyalty;

/** Money formatting for the pages the plugin writes by hand (escaping: {@link io.brique.api.text.Escape}). */
final class Html {

    private Html() {
    }

    /** An amount in euros for the page's language: 1,20 € (fr), €1.20 (en). */
    static String money(long minor, String lang) {
        java.text.NumberFormat f = java.text.NumberFormat.getCurrencyInstance("en".equals(lang)
                ? java.util.Locale.forLanguageTag("en-IE") : java.util.Locale.FRANCE);
        f.setCurrency(java.util.Currency.getInstance("EUR"));
        return f.format(java.math.BigDecimal.valueOf(minor, 2)).replace('\u202f', ' ').replace('\u00a0', ' ');
    }
}
