package io.brique.core.commerce.cart;

import io.brique.api.cart.AdjustmentRefused;
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
 *
 * <p>At order placement, {@link #reserve} asks each adjuster whose adjustments are in the order to take
 * them for good (SDK 1.1). A refusal, a failure or a time-out refuses the checkout: an order is never
 * placed with a discount its plugin did not confirm.
 */
public final class CartAdjusters {

    private static final long MAX_ABS_MINOR = 1_000_000_000_000L;

    private final ExtensionRegistry extensions;
    private final Duration budget;
    private final Duration reserveBudget;

    public CartAdjusters(ExtensionRegistry extensions, Duration budget) {
        this(extensions, budget, budget.multipliedBy(8));
    }

    public CartAdjusters(ExtensionRegistry extensions, Duration budget, Duration reserveBudget) {
        this.extensions = extensions;
        this.budget = budget;
        this.reserveBudget = reserveBudget;
    }

    public void register(String owner, CartAdjuster adjuster) {
        extensions.register(owner, CartAdjuster.class, adjuster);
    }

    public void unregisterOwner(String owner) {
        extensions.unregister(owner, CartAdjuster.class);
    }

    /** What one adjuster contributed to a priced cart. */
    public record Contribution(ExtensionRegistry.Entry<CartAdjuster> adjuster, List<CartAdjustment> adjustments) {
        public Contribution {
            adjustments = List.copyOf(adjustments);
        }
    }

    /** Adjustments of every adjuster, in order. */
    public List<CartAdjustment> collect(CartSnapshot snapshot) {
        return contributions(snapshot).stream().flatMap(c -> c.adjustments().stream()).toList();
    }

    /** Adjustments per adjuster (only adjusters that contributed something), in registration order. */
    public List<Contribution> contributions(CartSnapshot snapshot) {
        List<ExtensionRegistry.Entry<CartAdjuster>> entries = extensions.entries(CartAdjuster.class);
        if (entries.isEmpty()) {
            return List.of();
        }
        List<Contribution> out = new ArrayList<>();
        for (ExtensionRegistry.Entry<CartAdjuster> e : entries) {
            List<CartAdjustment> got = extensions.call(e, "cart-adjuster", budget, a -> a.adjust(snapshot),
                    List.of());
            if (got == null) {
                continue;
            }
            List<CartAdjustment> kept = new ArrayList<>();
            // Pricing caps discounts at the basket; an absurd amount (beyond 10 billion in minor units)
            // is a plugin bug: refuse it rather than let exact arithmetic overflow and fail the page.
            long bound = MAX_ABS_MINOR;
            for (CartAdjustment a : got) {
                if (a != null && (a.amountMinor() > bound || a.amountMinor() < -bound)) {
                    extensions.reportFailure(e.owner(), "cart-adjuster", "absurd adjustment " + a.amountMinor());
                    continue;
                }
                if (a != null && a.target() != null && a.code() != null && a.label() != null) {
                    kept.add(new CartAdjustment(a.source() == null ? e.owner() : a.source(), a.code(), a.label(),
                            a.amountMinor(), a.target()));
                }
            }
            if (!kept.isEmpty()) {
                out.add(new Contribution(e, kept));
            }
        }
        return out;
    }

    /** How a reservation went. */
    public sealed interface Reservation {
    }

    /** Every adjuster reserved; {@link #release} them if the order is not created after all. */
    public record Reserved(List<ExtensionRegistry.Entry<CartAdjuster>> adjusters, String orderNumber)
            implements Reservation {
        public Reserved {
            adjusters = List.copyOf(adjusters);
        }
    }

    /** An adjuster refused with a message for the shopper; nothing stays reserved. */
    public record Refused(String owner, String shopperMessage) implements Reservation {
    }

    /** An adjuster failed, timed out or is gone: its state is unknown; everything was released; try again. */
    public record Unconfirmed(String owner) implements Reservation {
    }

    private enum Outcome { OK, REFUSED, FAILED }

    /**
     * Calls {@link CartAdjuster#reserve} of each adjuster that has adjustments in the order, in turn. On
     * the first refusal or failure, the adjusters already reserved are released, and the failing one too
     * when it failed or timed out (its reservation may still land: the release tells the plugin to refuse
     * it, and the plugin's clean-up job catches the rest); that outcome is returned.
     */
    public Reservation reserve(CartSnapshot cart, List<Contribution> contributions, String orderNumber) {
        List<ExtensionRegistry.Entry<CartAdjuster>> done = new ArrayList<>();
        List<ExtensionRegistry.Entry<CartAdjuster>> live = extensions.entries(CartAdjuster.class);
        for (Contribution c : contributions) {
            if (live.stream().noneMatch(e -> e.extension() == c.adjuster().extension())) {
                // the plugin stopped between pricing and placement: its discount cannot be honoured
                releaseAll(done, orderNumber);
                return new Unconfirmed(c.adjuster().owner());
            }
            String[] message = new String[1];
            Outcome outcome = extensions.call(c.adjuster(), "cart-reserve", reserveBudget, a -> {
                try {
                    a.reserve(cart, c.adjustments(), orderNumber);
                    return Outcome.OK;
                } catch (AdjustmentRefused refused) {
                    message[0] = refused.getMessage();
                    return Outcome.REFUSED;
                }
            }, Outcome.FAILED);
            if (outcome == Outcome.OK) {
                done.add(c.adjuster());
                continue;
            }
            if (outcome == Outcome.FAILED) {
                done.add(c.adjuster());
            }
            releaseAll(done, orderNumber);
            return outcome == Outcome.REFUSED && message[0] != null && !message[0].isBlank()
                    ? new Refused(c.adjuster().owner(), message[0].length() > 300 ? message[0].substring(0, 300)
                            : message[0])
                    : new Unconfirmed(c.adjuster().owner());
        }
        return new Reserved(done, orderNumber);
    }

    /** Undoes a reservation whose order was not created (guarded: a failure is reported, the plugin's job cleans up). */
    public void release(Reserved reserved) {
        releaseAll(reserved.adjusters(), reserved.orderNumber());
    }

    private void releaseAll(List<ExtensionRegistry.Entry<CartAdjuster>> adjusters, String orderNumber) {
        for (ExtensionRegistry.Entry<CartAdjuster> entry : adjusters) {
            extensions.call(entry, "cart-release", reserveBudget, a -> {
                a.release(orderNumber);
                return Boolean.TRUE;
            }, Boolean.FALSE);
        }
    }
}
