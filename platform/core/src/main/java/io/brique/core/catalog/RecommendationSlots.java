package io.brique.core.catalog;

import io.brique.api.storefront.SlotContext;
import io.brique.api.storefront.SlotRenderer;
import io.brique.core.slot.SlotService;
import io.brique.core.web.WebSupport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fills the product, cart, home and order confirmation slots with the providers' recommendations,
 * rendered as product tiles by the core's own template ({@code catalog/recommendations}). Runs only
 * while a provider is enabled; disabling the plugin empties the slots at the next page.
 */
final class RecommendationSlots {

    static final int TILES = 4;

    private RecommendationSlots() {
    }

    static void register(SlotService slots, Recommendations recommendations, WebSupport web) {
        Recommendations.SLOT_OF_PLACEMENT.forEach((placement, slot) -> slots.register("core", new SlotRenderer() {
            @Override
            public String slot() {
                return slot;
            }

            @Override
            public int order() {
                return 500;
            }

            @Override
            public String render(SlotContext c) {
                List<Recommendations.Item> items = recommendations.recommend(placement, c.locale(), c.customerId(),
                        c.visitorId(), contextProducts(c), TILES);
                if (items.isEmpty()) {
                    return "";
                }
                Locale locale = Locale.forLanguageTag(c.locale());
                Map<String, Object> model = new HashMap<>();
                model.put("items", items);
                model.put("placement", placement);
                model.put("lang", c.locale());
                model.put("fmt", web.formats(locale));
                return web.views().render("catalog/recommendations", locale, model);
            }
        }, c -> PAGE_OF_PLACEMENT.get(placement).equals(c.page()) && recommendations.active()));
        // parse the template now: the first page with recommendations should not pay for it
        for (String lang : web.languages()) {
            Locale locale = Locale.forLanguageTag(lang);
            var sample = new Recommendations.Item(new Views.ProductSummary(0, "-", "-", "-", 100, null, "EUR", "/-",
                    "-", 1, false), "-", 1);
            web.views().render("catalog/recommendations", locale, Map.of("items", List.of(sample), "placement",
                    "home", "lang", lang, "fmt", web.formats(locale)));
        }
    }

    /** The storefront page (template) of each placement. */
    static final Map<String, String> PAGE_OF_PLACEMENT = Map.of("product", "product", "cart", "commerce/cart",
            "home", "home", "confirmation", "commerce/confirmation");

    /** The page's products: {@code productId} (product page) or {@code productIds} "1,2,3" (cart, order). */
    static List<Long> contextProducts(SlotContext c) {
        List<Long> out = new ArrayList<>();
        String one = c.value("productId");
        if (one != null && !one.isBlank()) {
            out.add(Long.parseLong(one));
        }
        String many = c.value("productIds");
        if (many != null && !many.isBlank()) {
            for (String s : many.split(",")) {
                out.add(Long.parseLong(s.trim()));
            }
        }
        return out;
    }
}
