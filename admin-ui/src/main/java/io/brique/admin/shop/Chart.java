package io.brique.admin.shop;

import io.brique.core.web.Formats;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A revenue/orders chart drawn on the server as inline SVG (no JavaScript): one bar per day for revenue
 * and a line for the number of orders, each on its own scale. Only numbers and escaped texts reach the
 * template.
 */
public record Chart(int width, int height, List<Bar> bars, String ordersLine, List<Label> labels, String maxRevenue,
        int maxOrders) {

    /** One day: bar geometry and its tooltip. */
    public record Bar(int x, int y, int w, int h, String title) {
    }

    public record Label(int x, String text) {
    }

    static final int WIDTH = 720;
    static final int HEIGHT = 220;
    static final int TOP = 10;
    static final int BOTTOM = 24;

    static Chart of(List<ShopQueries.Day> days, String currency, Formats fmt, Locale locale) {
        int n = Math.max(1, days.size());
        long maxRev = Math.max(1, days.stream().mapToLong(ShopQueries.Day::revenueMinor).max().orElse(1));
        int maxOrd = Math.max(1, days.stream().mapToInt(ShopQueries.Day::orders).max().orElse(1));
        int plot = HEIGHT - TOP - BOTTOM;
        double step = (double) WIDTH / n;
        int barW = Math.max(1, (int) Math.floor(step * 0.7));
        List<Bar> bars = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        List<Label> labels = new ArrayList<>();
        DateTimeFormatter df = DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(locale);
        int every = Math.max(1, n / 6);
        for (int i = 0; i < days.size(); i++) {
            ShopQueries.Day d = days.get(i);
            int h = (int) Math.round((double) Math.max(0, d.revenueMinor()) * plot / maxRev);
            int x = (int) Math.round(i * step + (step - barW) / 2);
            bars.add(new Bar(x, TOP + plot - h, barW, h, d.day().format(df) + ": " + fmt.money(d.revenueMinor(), currency)
                    + ", " + d.orders()));
            int cx = (int) Math.round(i * step + step / 2);
            int cy = TOP + plot - (int) Math.round((double) d.orders() * plot / maxOrd);
            line.append(i == 0 ? "" : " ").append(cx).append(',').append(cy);
            if (i % every == 0) {
                labels.add(new Label(cx, d.day().format(df)));
            }
        }
        return new Chart(WIDTH, HEIGHT, bars, line.toString(), labels, fmt.money(maxRev, currency), maxOrd);
    }

    public int baseline() {
        return HEIGHT - BOTTOM;
    }

    public int labelY() {
        return HEIGHT - 6;
    }
}
