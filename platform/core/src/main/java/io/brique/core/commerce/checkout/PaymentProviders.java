package io.brique.core.commerce.checkout;

import io.brique.api.payment.PaymentProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The core-owned registry of payment providers; the offline provider is always there. */
public final class PaymentProviders {

    /** A method offered at checkout and the provider that handles it. */
    public record Offer(PaymentProvider provider, PaymentProvider.PaymentMethod method) {
    }

    private record Registered(String owner, PaymentProvider provider) {
    }

    private final List<Registered> providers = new CopyOnWriteArrayList<>();

    public PaymentProviders() {
        providers.add(new Registered("core", new OfflinePaymentProvider()));
    }

    public void register(String owner, PaymentProvider provider) {
        providers.add(new Registered(owner, provider));
    }

    public void unregisterOwner(String owner) {
        providers.removeIf(r -> !r.owner().equals("core") && r.owner().equals(owner));
    }

    /** Methods available for a shipping method ({@code home} or {@code pickup}). */
    public List<Offer> offers(boolean pickup) {
        List<Offer> out = new ArrayList<>();
        for (Registered r : providers) {
            for (PaymentProvider.PaymentMethod m : safeMethods(r.provider())) {
                if (pickup ? m.availableForPickup() : m.availableForShipping()) {
                    out.add(new Offer(r.provider(), m));
                }
            }
        }
        return out;
    }

    public Optional<Offer> find(String methodId, boolean pickup) {
        return offers(pickup).stream().filter(o -> o.method().id().equals(methodId)).findFirst();
    }

    private static List<PaymentProvider.PaymentMethod> safeMethods(PaymentProvider p) {
        try {
            List<PaymentProvider.PaymentMethod> m = p.methods();
            return m == null ? List.of() : m;
        } catch (RuntimeException | LinkageError e) {
            return List.of();
        }
    }
}
