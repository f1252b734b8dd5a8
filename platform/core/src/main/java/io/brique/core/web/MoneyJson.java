package io.brique.core.web;

import io.brique.api.Money;

/** Money in API responses: a decimal string (never a float) and its currency, e.g. {"amount":"19.99","currency":"EUR"}. */
public record MoneyJson(String amount, String currency) {

    public static MoneyJson of(long minor, String currency) {
        return new MoneyJson(Money.of(minor, currency).toDecimal().toPlainString(), currency);
    }

    public static MoneyJson of(Money money) {
        return of(money.minor(), money.currency());
    }
}
