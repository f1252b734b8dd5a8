package io.brique.core.catalog;

import java.util.Locale;

/**
 * Generated product pictures for the demo catalog (the shop may run offline): a coloured SVG tile
 * with the product's initials, tinted by its top-level category. Deterministic, so cacheable.
 */
public final class PlaceholderImages {

    private static final String[][] PALETTE = {
        {"#f3d9c6", "#8a4b2a"}, {"#d6e6f2", "#24527a"}, {"#e2f0d9", "#3b6b2e"}, {"#f6e3ef", "#8c3a6b"},
        {"#fff0c9", "#8a6a12"}, {"#e5e0f5", "#4b3d8a"}, {"#d9f0ee", "#22665f"}, {"#f2dede", "#8a2f2f"},
    };

    private PlaceholderImages() {
    }

    public static String url(long productId) {
        return "/media/placeholder/" + productId + ".svg";
    }

    public static String svg(String name, long colourKey) {
        String[] c = PALETTE[(int) Math.floorMod(colourKey, (long) PALETTE.length)];
        String initials = initials(name);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"600\" viewBox=\"0 0 600 600\""
                + " role=\"img\" aria-label=\"" + escape(name) + "\">"
                + "<rect width=\"600\" height=\"600\" fill=\"" + c[0] + "\"/>"
                + "<circle cx=\"300\" cy=\"300\" r=\"170\" fill=\"#ffffff\" fill-opacity=\"0.55\"/>"
                + "<text x=\"300\" y=\"300\" dy=\"0.35em\" text-anchor=\"middle\" font-family=\"Helvetica, Arial,"
                + " sans-serif\" font-size=\"150\" font-weight=\"700\" fill=\"" + c[1] + "\">" + escape(initials)
                + "</text></svg>";
    }

    static String initials(String name) {
        StringBuilder sb = new StringBuilder();
        for (String w : name.split("[\\s\\-']+")) {
            if (!w.isEmpty() && Character.isLetterOrDigit(w.codePointAt(0)) && w.length() > 2) {
                sb.appendCodePoint(Character.toUpperCase(w.codePointAt(0)));
                if (sb.length() >= 2) {
                    break;
                }
            }
        }
        if (sb.isEmpty() && !name.isBlank()) {
            sb.append(name.strip().substring(0, 1).toUpperCase(Locale.ROOT));
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
