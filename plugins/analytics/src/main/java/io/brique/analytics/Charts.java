package io.brique.analytics;

import io.brique.api.text.Escape;

import java.util.List;
import java.util.Locale;

/** Inline SVG charts (no script, no inline style: presentation attributes pass the shop's CSP). */
final class Charts {

    private static final int W = 640;
    private static final int H = 180;
    private static final int PAD = 24;

    private Charts() {
    }

    /** Current period (solid) against the previous one (dashed), one point per day. */
    static String lines(String title, List<String> labels, double[] current, double[] previous) {
        double max = 1;
        for (double v : current) {
            max = Math.max(max, v);
        }
        for (double v : previous) {
            max = Math.max(max, v);
        }
        StringBuilder b = open(title);
        b.append(path(previous, max, "#9aa5b1", " stroke-dasharray=\"4 3\""));
        b.append(path(current, max, "#2563eb", ""));
        axis(b, labels, max);
        return b.append("</svg>").toString();
    }

    static String bars(String title, List<String> labels, double[] values) {
        double max = 1;
        for (double v : values) {
            max = Math.max(max, v);
        }
        StringBuilder b = open(title);
        int n = Math.max(1, values.length);
        double slot = (W - 2.0 * PAD) / n;
        for (int i = 0; i < values.length; i++) {
            double h = (H - 2.0 * PAD) * values[i] / max;
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2563eb\">"
                    + "<title>%s: %s</title></rect>", PAD + i * slot + slot * 0.15, H - PAD - h, slot * 0.7, h,
                    Escape.html(labels.get(i)), num(values[i])));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                    PAD + i * slot + slot / 2, H - 8, Escape.html(shorten(labels.get(i)))));
        }
        return b.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"analytics-chart\" viewBox=\"0 0 ")
                .append(W).append(' ').append(H).append("\" width=\"100%\" role=\"img\" aria-label=\"")
                .append(Escape.html(title)).append("\"><title>").append(Escape.html(title)).append("</title>");
    }

    private static String path(double[] values, double max, String color, String extra) {
        if (values.length == 0) {
            return "";
        }
        StringBuilder d = new StringBuilder();
        double step = values.length == 1 ? 0 : (W - 2.0 * PAD) / (values.length - 1);
        for (int i = 0; i < values.length; i++) {
            double y = H - PAD - (H - 2.0 * PAD) * values[i] / max;
            d.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", PAD + i * step, y));
        }
        return "<path d=\"" + d + "\" fill=\"none\" stroke=\"" + color + "\" stroke-width=\"2\"" + extra + "/>";
    }

    private static void axis(StringBuilder b, List<String> labels, double max) {
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ccc\"/>", PAD, H - PAD,
                W - PAD, H - PAD));
        b.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"10\">%s</text>", PAD - 6, num(max)));
        if (!labels.isEmpty()) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>", PAD, H - 8,
                    Escape.html(labels.get(0))));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>",
                    W - PAD, H - 8, Escape.html(labels.get(labels.size() - 1))));
        }
    }

    private static String shorten(String s) {
        return s.length() > 12 ? s.substring(0, 11) + "…" : s;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
