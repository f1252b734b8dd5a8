package io.brique.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    @Test
    void withoutTrustedProxiesTheHeaderIsNeverRead() {
        ClientAddresses none = ClientAddresses.parse("");
        assertEquals("127.0.0.1", none.resolve("127.0.0.1", List.of("203.0.113.9")));
        assertEquals("10.0.0.2", ClientAddresses.DIRECT.resolve("10.0.0.2", List.of("1.2.3.4")));
    }

    @Test
    void aTrustedProxyGivesTheRightmostUntrustedHop() {
        ClientAddresses c = ClientAddresses.parse("127.0.0.1, 10.0.0.0/8");
        // the client forged the first value; the proxies appended the real ones
        assertEquals("203.0.113.7", c.resolve("127.0.0.1", List.of("6.6.6.6, 203.0.113.7, 10.1.2.3")));
        assertEquals("203.0.113.7", c.resolve("127.0.0.1", List.of("6.6.6.6", "203.0.113.7")));
        // an untrusted connection: its header is ignored
        assertEquals("198.51.100.1", c.resolve("198.51.100.1", List.of("203.0.113.7")));
        // only proxies in the chain: the leftmost one
        assertEquals("10.0.0.5", c.resolve("127.0.0.1", List.of("10.0.0.5")));
        // no header at all
        assertEquals("127.0.0.1", c.resolve("127.0.0.1", List.of()));
        // garbage stops the walk at the last vouched address
        assertEquals("10.9.9.9", c.resolve("127.0.0.1", List.of("evil.example, 10.9.9.9")));
    }

    @Test
    void blocksAndIpv6() {
        ClientAddresses c = ClientAddresses.parse("192.168.0.0/23,::1,2001:db8::/32");
        assertTrue(c.trusts("192.168.1.200"));
        assertFalse(c.trusts("192.168.2.1"));
        assertTrue(c.trusts("0:0:0:0:0:0:0:1"));
        assertTrue(c.trusts("2001:db8:1::5"));
        assertFalse(c.trusts("2001:db9::1"));
        assertFalse(c.trusts("not-an-ip"));
        assertEquals("2001:db9::1", c.resolve("::1", List.of("2001:db9::1")));
    }

    @Test
    void malformedSettingsFailTheBoot() {
        assertThrows(IllegalArgumentException.class, () -> ClientAddresses.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> ClientAddresses.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> ClientAddresses.parse("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> ClientAddresses.parse("300.1.1.1"));
    }
}
