package io.brique.core.commerce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brique.core.commerce.cart.VatMath;
import org.junit.jupiter.api.Test;

class VatMathTest {

    @Test
    void homePriceIsKeptForTheHomeCountry() {
        assertEquals(1990, VatMath.destinationPrice(1990, 2000, 2000));
    }

    @Test
    void frenchPriceShippedToGermany() {
        // 19.90 / 1.20 = 16.5833 net; * 1.19 = 19.7342 -> 19.73
        assertEquals(1973, VatMath.destinationPrice(1990, 2000, 1900));
        // 9.90 -> 9.8175 -> 9.82 (half-up)
        assertEquals(982, VatMath.destinationPrice(990, 2000, 1900));
    }

    @Test
    void otherDestinations() {
        assertEquals(2007, VatMath.destinationPrice(1990, 2000, 2100)); // BE: 20.0658 -> 20.07
        assertEquals(1793, VatMath.destinationPrice(1990, 2000, 810));  // CH 8.1 %: 17.9258 -> 17.93
    }

    @Test
    void includedTax() {
        assertEquals(332, VatMath.includedTax(1990, 2000)); // 19.90 - 16.58
        assertEquals(663, VatMath.includedTax(3980, 2000)); // 39.80 - 33.17
        assertEquals(82, VatMath.includedTax(490, 2000));   // 4.90 - 4.08
        assertEquals(0, VatMath.includedTax(1990, 0));
        assertEquals(315, VatMath.includedTax(1973, 1900)); // 19.73 - 16.58
    }

    @Test
    void allocationAddsUpExactly() {
        long[] shares = VatMath.allocate(-1000, new long[] {3000, 3000, 3000});
        assertEquals(-1000, shares[0] + shares[1] + shares[2]);
        assertArrayEquals(new long[] {-334, -333, -333}, shares);
        assertArrayEquals(new long[] {0, 0}, VatMath.allocate(0, new long[] {100, 200}));
        assertArrayEquals(new long[] {-100, -200}, VatMath.allocate(-300, new long[] {100, 200}));
    }
}
