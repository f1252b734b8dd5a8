package io.brique.api.storefront;

import java.util.Map;

/**
 * What a slot renderer knows about the page: its name, locale, the visitor, and page-specific
 * values (e.g. {@code productId}, {@code cartToken}, {@code orderNumber}).
 */
public record SlotContext(String page, String locale, Long customerId, String visitorId, Map<String, String> values) {

    public SlotContext {
        values = Map.copyOf(values);
    }

    public String value(String key) {
        return values.get(key);
    }
}
