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
            m.put("earn", earn(loyalty, page, null, null));
            return context.templates().renderFragment("shop/parts", "cart", page.locale(), m);
        }
    }

    /**
     * "Earn N points" for the page's {@code itemsMinor} (set by the core on product and cart pages), 0 when the page
     * has no price (an older core) or a value is malformed.
     */
    static long earn(LoyaltyService loyalty, SlotContext page, Long categoryId, Long brandId) {
        try {
            String items = page.value("itemsMinor");
            String currency = page.value("currency");
            if (items == null || currency == null) {
                return 0;
            }
            return loyalty.estimate(page.customerId(), Long.parseLong(items), currency, categoryId, brandId);
        } catch (IllegalArgumentException e) {
            return 0; // a malformed number or an unknown currency: say nothing rather than something wrong
        }
    }

    static Long id(SlotContext page, String key) {
        String v = page.value(key);
        return v == null || !v.matches("^[0-9]{1,18}$") ? null : Long.valueOf(v);
    }

    /** The product page: what the product earns at the shopper's tier. */
    @Extension
    public static class Product implements SlotRenderer {
        private final PluginContext context;
        private final LoyaltyService loyalty;

        public Product(PluginContext context) {
            this.context = context;
            this.loyalty = new LoyaltyService(context);
        }

        @Override
        public String slot() {
            return Slots.PRODUCT_BELOW_PRICE;
        }

        @Override
        public String render(SlotContext page) {
            long earn = earn(loyalty, page, id(page, "categoryId"), id(page, "brandId"));
            if (earn <= 0) {
                return "";
            }
            return context.templates().renderFragment("shop/parts", "earn", page.locale(),
                    Map.of("earn", earn, "signedIn", page.customerId() != null));
        }
    }

    /** The header: balance and tier of a signed-in customer, from the pricing cache; nothing for guests. */
    @Extension
    public static class Header implements SlotRenderer {
        private final PluginContext context;
        private final LoyaltyService loyalty;

        public Header(PluginContext context) {
            this.context = context;
            this.loyalty = new LoyaltyService(context);
        }

        @Override
        public String slot() {
            return Slots.HEADER;
        }

        @Override
        public String render(SlotContext page) {
            if (page.customerId() == null) {
                return "";
            }
            PricingCache.Customer c = loyalty.cached(page.customerId(), loyalty.programme());
            Map<String, Object> m = new HashMap<>();
            m.put("available", c.available());
            m.put("tier", c.tier());
            m.put("accountUrl", "/" + page.locale() + "/account");
            return context.templates().renderFragment("shop/parts", "header", page.locale(), m);
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
