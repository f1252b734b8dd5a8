package io.brique.api.payment;

import java.util.List;

/**
 * A way to pay. The core ships offline methods (bank transfer, cash on delivery, pay in store);
 * online providers implement the same interface.
 */
public interface PaymentProvider extends org.pf4j.ExtensionPoint {

    String id();

    List<PaymentMethod> methods();

    /** Starts the payment of a freshly placed order. Must be idempotent per order number. */
    PaymentResult start(PaymentRequest request);

    record PaymentMethod(String id, String labelKey, boolean availableForShipping, boolean availableForPickup) {
    }

    record PaymentRequest(String orderNumber, String method, long amountMinor, String currency, String email,
            String locale) {
    }

    /** {@code PENDING}: waiting for the money (offline); {@code CAPTURED}: paid; {@code FAILED}: refused. */
    record PaymentResult(Status status, String reference, String instructionsKey) {
        public enum Status { PENDING, CAPTURED, FAILED }
    }
}
