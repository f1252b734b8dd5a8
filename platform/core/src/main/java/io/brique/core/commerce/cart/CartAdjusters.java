package io.brique.core.commerce.cart;

import io.brique.api.cart.CartAdjuster;
import io.brique.api.cart.CartAdjustment;
import io.brique.api.cart.CartSnapshot;
import io.brique.core.plugin.ExtensionRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link CartAdjuster}s of the core's {@link ExtensionRegistry} (none by default). Every call is
 * guarded: it runs under a time budget; one that throws, times out or returns junk contributes
 * nothing (and counts against its plugin), and pricing goes on without it.
 */
public final class CartAdjusters {

    private static final long MAX_ABS_MINOR = 1_000_000_000_000L;

    private final ExtensionRegistry extensions;
    private final Duration budget;

    public CartAdjusters(ExtensionRegistry extensions, Duration budget) {
        this.extensions = extensions;
        this.budget = budget;
    }

    public void register(String owner, CartAdjuster adjuster) {
        extensions.register(owner, CartAdjuster.class, adjuster);
    }

    public void unregisterOwner(String owner) {
        extensions.unregister(owner, CartAdjuster.class);
    }

    public List<CartAdjustment> collect(CartSnapshot snapshot) {
        List<ExtensionRegistry.Entry<CartAdjuster>> entries = extensions.entries(CartAdjuster.class);
        if (entries.isEmpty()) {
            return List.of();
        }
        List<CartAdjustment> out = new ArrayList<>();
        for (ExtensionRegistry.Entry<CartAdjuster> e : entries) {
            List<CartAdjustment> got = extensions.call(e, "cart-adjuster", budget, a -> a.adjust(snapshot),
                    List.of());
            if (got == null) {
                continue;
            }
            // Pricing caps discounts at the basket; an absurd amount (beyond 10 billion in minor units)
            // is a plugin bug: refuse it rather than let exact arithmetic overflow and fail the page.
            long bound = MAX_ABS_MINOR;
            for (CartAdjustment a : got) {
                if (a != null && (a.amountMinor() > bound || a.amountMinor() < -bound)) {
                    extensions.reportFailure(e.owner(), "cart-adjuster", "absurd adjustment " + a.amountMinor());
                    continue;
                }
                if (a != null && a.target() != null && a.code() != null && a.label() != null) {
                    out.add(new CartAdjustment(a.source() == null ? e.owner() : a.source(), a.code(), a.label(),
                            a.amountMinor(), a.target()));
                }
            }
        }
        return out;
    }
}
