package io.brique.core.commerce.checkout;

import io.brique.api.payment.PaymentProvider;
import io.brique.core.plugin.ExtensionRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The payment providers of the core's {@link ExtensionRegistry}: the offline provider (owner
 * {@code core}) is always there, plugins add theirs. Asking a provider for its methods is guarded.
 */
public final class PaymentProviders {

    /** A method offered at checkout and the provider that handles it. */
    public record Offer(PaymentProvider provider, PaymentProvider.PaymentMethod method, String owner) {
    }

    private static final Duration BUDGET = Duration.ofMillis(200);

    private final ExtensionRegistry extensions;

    public PaymentProviders(ExtensionRegistry extensions) {
        this.extensions = extensions;
        extensions.register("core", PaymentProvider.class, new OfflinePaymentProvider());
    }

    public void register(String owner, PaymentProvider provider) {
        extensions.register(owner, PaymentProvider.class, provider);
    }

    /** Methods available for a shipping method ({@code home} or {@code pickup}). */
    public List<Offer> offers(boolean pickup) {
        List<Offer> out = new ArrayList<>();
        for (ExtensionRegistry.Entry<PaymentProvider> e : extensions.entries(PaymentProvider.class)) {
            List<PaymentProvider.PaymentMethod> methods = extensions.call(e, "payment-methods", BUDGET,
                    PaymentProvider::methods, List.of());
            for (PaymentProvider.PaymentMethod m : methods == null ? List.<PaymentProvider.PaymentMethod>of() : methods) {
                if (m != null && (pickup ? m.availableForPickup() : m.availableForShipping())) {
                    out.add(new Offer(e.extension(), m, e.owner()));
                }
            }
        }
        return out;
    }

    /**
     * Starts a payment through the guarded registry call: a provider that throws, hangs past
     * {@code budget} or answers without a status gives a FAILED result (and counts against its plugin).
     */
    public PaymentProvider.PaymentResult start(Offer offer, PaymentProvider.PaymentRequest request, Duration budget) {
        PaymentProvider.PaymentResult failed = new PaymentProvider.PaymentResult(
                PaymentProvider.PaymentResult.Status.FAILED, null, null);
        PaymentProvider.PaymentResult r = extensions.call(new ExtensionRegistry.Entry<>(offer.owner(),
                offer.provider()), "payment-start", budget, p -> p.start(request), failed);
        return r == null || r.status() == null ? failed : r;
    }

    public Optional<Offer> find(String methodId, boolean pickup) {
        return offers(pickup).stream().filter(o -> o.method().id().equals(methodId)).findFirst();
    }
}
