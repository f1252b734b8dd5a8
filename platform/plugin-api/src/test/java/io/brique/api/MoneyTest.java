package io.brique.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void parsesDecimalsExactly() {
        assertEquals(1990, Money.parse("19.90", "EUR").minor());
        assertEquals(1990, Money.parse("19,9", "EUR").minor());
        assertEquals(5, Money.parse("0.05", "EUR").minor());
        assertEquals(1500, Money.parse("1500", "JPY").minor(), "JPY has no minor unit");
    }

    @Test
    void refusesMoreDecimalsThanTheCurrencyHas() {
        assertThrows(ArithmeticException.class, () -> Money.parse("1.999", "EUR"));
    }

    @Test
    void arithmeticNeverMixesCurrencies() {
        Money a = Money.of(1000, "EUR");
        assertEquals(Money.of(1250, "EUR"), a.plus(Money.of(250, "EUR")));
        assertEquals(Money.of(3000, "EUR"), a.times(3));
        assertThrows(IllegalArgumentException.class, () -> a.plus(Money.of(1, "USD")));
    }

    @Test
    void overflowIsAnErrorNotAWrapAround() {
        assertThrows(ArithmeticException.class, () -> Money.of(Long.MAX_VALUE, "EUR").plus(Money.of(1, "EUR")));
    }

    @Test
    void decimalView() {
        assertEquals("19.90", Money.of(1990, "EUR").toDecimal().toPlainString());
        assertEquals("-0.01", Money.of(-1, "EUR").toDecimal().toPlainString());
    }
}
