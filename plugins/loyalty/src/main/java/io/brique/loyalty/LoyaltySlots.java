package io.brique.loyalty;

import io.brique.api.plugin.PluginContext;
import io.brique.api.storefront.SlotContext;
import io.brique.api.storefront.SlotRenderer;
import io.brique.api.storefront.Slots;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pf4j.Extension;

/** The shopper's side: balance, tier and history on the account page; balance and the points/code link in the cart. */
public final class LoyaltySlots {

    private LoyaltySlots() {
    }

    @Extension
    public static class Cart implements SlotRenderer {
        private final PluginContext context;
        private final LoyaltyService loyalty;

        public Cart(PluginContext context) {
            this.context = context;
            this.loyalty = new LoyaltyService(context);
        }

        @Override
        public String slot() {
            return Slots.CART_BOTTOM;
        }

        @Override
        public String render(SlotContext page) {
            String token = page.value("cartToken");
            if (token == null || token.isEmpty()) {
                return "";
            }
            Map<String, Object> m = new HashMap<>();
            m.put("signedIn", page.customerId() != null);
            LoyaltyService.Summary s = page.customerId() == null ? null : loyalty.summary(page.customerId());
            m.put("available", s == null ? 0 : s.available());
            m.put("tier", s == null ? null : s.tier());
            m.put("formUrl", "/" + page.locale() + "/x/loyalty/cart?cart=" + token);
            return context.templates().renderFragment("shop/parts", "cart", page.locale(), m);
        }
    }

    @Extension
    public static class Account implements SlotRenderer {
        private final PluginContext context;
        private final LoyaltyService loyalty;

        public Account(PluginContext context) {
            this.context = context;
            this.loyalty = new LoyaltyService(context);
        }

        @Override
        public String slot() {
            return Slots.ACCOUNT_MAIN;
        }

        @Override
        public String render(SlotContext page) {
            if (page.customerId() == null) {
                return "";
            }
            LoyaltyService.Summary s = loyalty.summary(page.customerId());
            Map<String, Object> m = new HashMap<>();
            m.put("available", s.available());
            m.put("pending", s.pending());
            m.put("worth", Html.money(LoyaltyService.discountFor(s.available(), loyalty.programme()), page.locale()));
            m.put("tier", s.tier());
            m.put("nextTier", s.next() == null ? null : s.next().name());
            m.put("toNext", s.next() == null ? 0 : s.next().threshold() - s.windowPoints());
            m.put("rewardsUrl", "/" + page.locale() + "/x/loyalty/rewards");
            m.put("movements", loyalty.ledger().history(page.customerId(), 20).stream().map(mv -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("at", mv.createdAt().toString().substring(0, 10));
                row.put("kind", mv.kind());
                row.put("points", (mv.points() + mv.pendingPoints() > 0 ? "+" : "") + (mv.points() + mv.pendingPoints()));
                row.put("reference", mv.reference() == null ? "" : mv.reference());
                return row;
            }).toList());
            return context.templates().renderFragment("shop/parts", "account", page.locale(), m);
        }
    }
}
