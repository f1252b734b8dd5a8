package com.example.myplugin;

import io.brique.api.storefront.SlotContext;
import io.brique.api.storefront.SlotRenderer;
import io.brique.api.storefront.Slots;
import org.pf4j.Extension;

/** Adds a line at the end of every storefront page. Must be fast: it runs on the request path. */
@Extension
public class MySlot implements SlotRenderer {

    @Override
    public String slot() {
        return Slots.BODY_END;
    }

    @Override
    public String render(SlotContext page) {
        return "<p class=\"my-plugin\">Hello from my-plugin</p>";
    }
}
