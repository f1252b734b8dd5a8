package io.brique.example.hello;

import io.brique.api.text.Escape;

import io.brique.api.plugin.PluginContext;
import io.brique.api.storefront.SlotContext;
import io.brique.api.storefront.SlotRenderer;
import io.brique.api.storefront.Slots;
import org.pf4j.Extension;

/**
 * A greeting below the price on product pages. Runs on the request path within a 150 ms budget
 * shared by all renderers of the page: it only reads one setting (no remote call).
 */
@Extension
public class HelloSlot implements SlotRenderer {

    private final PluginContext context;

    public HelloSlot(PluginContext context) {
        this.context = context;
    }

    @Override
    public String slot() {
        return Slots.PRODUCT_BELOW_PRICE;
    }

    @Override
    public String render(SlotContext page) {
        if (!HelloSettings.showOnProduct(context.settings())) {
            return "";
        }
        // The greeting is typed by the merchant: escape it like any text the plugin did not write.
        return "<p class=\"example-hello\" data-product=\"" + Escape.html(String.valueOf(page.value("productId")))
                + "\">" + Escape.html(HelloSettings.greeting(context.settings())) + "</p>";
    }
}
