package io.brique.loyalty;

import io.brique.api.text.Escape;

import io.brique.api.admin.AdminNavigation;
import io.brique.api.admin.CustomerPanel;
import io.brique.api.admin.DashboardWidget;
import io.brique.api.customer.CustomerDataHandler;
import io.brique.api.plugin.PluginContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** The merchant's side in the admin console: menu entry and permission, customer panel, dashboard tile, GDPR. */
public final class LoyaltyAdmin {

    private LoyaltyAdmin() {
    }

    @Extension
    public static class Navigation implements AdminNavigation {
        @Override
        public List<Entry> entries() {
            return List.of(new Entry(Map.of("fr", "Fidélité", "en", "Loyalty"), "/", LoyaltyRoutes.PERMISSION, 50));
        }

        @Override
        public List<String> permissions() {
            return List.of(LoyaltyRoutes.PERMISSION);
        }
    }

    @Extension
    public static class Panel implements CustomerPanel {
        private final LoyaltyService loyalty;

        public Panel(PluginContext context) {
            this.loyalty = new LoyaltyService(context);
        }

        @Override
        public String id() {
            return "balance";
        }

        @Override
        public String title(String lang) {
            return Texts.get(lang, "loyalty.title");
        }

        @Override
        public String permission() {
            return LoyaltyRoutes.PERMISSION;
        }

        @Override
        public String render(long customerId, String lang) {
            LoyaltyService.Summary s = loyalty.summary(customerId);
            StringBuilder b = new StringBuilder("<p class=\"loyalty-panel\">").append(Escape.html(Texts.get(lang,
                    "loyalty.balance"))).append(": <strong>").append(s.available()).append("</strong> ")
                    .append(Escape.html(Texts.get(lang, "loyalty.points"))).append(" (+").append(s.pending()).append(' ')
                    .append(Escape.html(Texts.get(lang, "loyalty.pending"))).append(")");
            if (s.tier() != null) {
                b.append(" · ").append(Escape.html(Texts.get(lang, "loyalty.tier"))).append(": ").append(Escape.html(s.tier()));
            }
            b.append("</p><ul>");
            loyalty.ledger().history(customerId, 5).forEach(m -> b.append("<li>").append(Escape.html(m.createdAt()
                    .toString().substring(0, 10))).append(' ').append(Escape.html(Texts.get(lang, "loyalty.kind." + m.kind())))
                    .append(' ').append(m.points() + m.pendingPoints()).append("</li>"));
            return b.append("</ul><p><a href=\"/admin/plugins/loyalty/customers/").append(customerId).append("\">")
                    .append(Escape.html(Texts.get(lang, "loyalty.history"))).append("</a></p>").toString();
        }
    }

    @Extension
    public static class Widget implements DashboardWidget {
        private final PluginContext context;
        private final LoyaltyService loyalty;

        public Widget(PluginContext context) {
            this.context = context;
            this.loyalty = new LoyaltyService(context);
        }

        @Override
        public String id() {
            return "today";
        }

        @Override
        public String render(String lang) {
            LoyaltyService.Figures f = loyalty.figures(LocalDate.now(context.clock().withZone(ZoneOffset.UTC))
                    .atStartOfDay().toInstant(ZoneOffset.UTC));
            return "<div class=\"loyalty-widget\"><h3>" + Escape.html(Texts.get(lang, "loyalty.title")) + "</h3><p>"
                    + Escape.html(Texts.get(lang, "loyalty.admin.issued_today")) + ": " + f.issued() + "<br>"
                    + Escape.html(Texts.get(lang, "loyalty.admin.redeemed_today")) + ": " + f.redeemed() + "<br>"
                    + Escape.html(Texts.get(lang, "loyalty.admin.liability")) + ": " + f.outstanding() + " ("
                    + Escape.html(Html.money(f.outstandingValueMinor(), lang)) + ")</p></div>";
        }
    }

    @Extension
    public static class Gdpr implements CustomerDataHandler {
        private final LoyaltyService loyalty;

        public Gdpr(PluginContext context) {
            this.loyalty = new LoyaltyService(context);
        }

        @Override
        public Map<String, Object> export(long customerId, String email) {
            return loyalty.export(customerId);
        }

        @Override
        public String erase(long customerId, String email) {
            return loyalty.erase(customerId, email);
        }
    }
}
