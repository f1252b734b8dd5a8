package io.brique.core.commerce.checkout;

import io.brique.api.payment.PaymentProvider;
import java.util.List;

/** The built-in offline methods: the order is placed with a pending payment, settled by the merchant. */
public final class OfflinePaymentProvider implements PaymentProvider {

    @Override
    public String id() {
        return "offline";
    }

    @Override
    public List<PaymentMethod> methods() {
        return List.of(
                new PaymentMethod("bank_transfer", "commerce.payment.bank_transfer", true, true),
                new PaymentMethod("cash_on_delivery", "commerce.payment.cash_on_delivery", true, false),
                new PaymentMethod("pay_in_store", "commerce.payment.pay_in_store", false, true));
    }

    @Override
    public PaymentResult start(PaymentRequest request) {
        return new PaymentResult(PaymentResult.Status.PENDING, request.orderNumber(),
                "commerce.payment.instructions." + request.method());
    }
}
