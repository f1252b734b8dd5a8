package io.brique.analytics;

import io.brique.api.text.Escape;

import io.brique.api.plugin.PluginContext;
import io.brique.api.storefront.SlotContext;
import io.brique.api.storefront.SlotRenderer;
import io.brique.api.storefront.Slots;
import org.pf4j.Extension;

/**
 * Puts the tracker in every storefront page (slot {@code body.end}). The page type and, on a
 * product page, the product id travel as data attributes; the mode tells the script whether it may
 * keep a first-party id (consented mode) or must keep nothing (audience mode).
 */
@Extension
public class TrackerSlot implements SlotRenderer {

    private final PluginContext context;

    public TrackerSlot(PluginContext context) {
        this.context = context;
    }

    @Override
    public String slot() {
        return Slots.BODY_END;
    }

    @Override
    public String render(SlotContext page) {
        if (!context.settings().getBoolean(Settings.TRACKER, true)) {
            return "";
        }
        String locale = page.locale() == null || !page.locale().matches("[a-z]{2}") ? "en" : page.locale();
        String product = page.value("productId");
        String cart = page.value("cartToken") == null || page.value("cartToken").isEmpty() ? null
                : ServerEvents.cartKey(page.value("cartToken"));
        return "<script src=\"/" + locale + "/x/analytics/tracker.js\" defer data-brique-analytics"
                + " data-endpoint=\"/api/v1/plugins/analytics/collect\" data-mode=\""
                + (Settings.consentedMode(context.settings()) ? Privacy.CONSENTED : Privacy.AUDIENCE) + "\" data-page=\""
                + Escape.html(page.page() == null ? "" : page.page()) + "\""
                + (product == null ? "" : " data-product=\"" + Escape.html(product) + "\"")
                + (cart == null ? "" : " data-cart=\"" + cart + "\"") + "></script>";
    }
}
