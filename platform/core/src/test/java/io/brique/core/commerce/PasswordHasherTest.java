package io.brique.core.commerce;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.core.commerce.customer.PasswordHasher;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesInPhcFormatWithOwaspParameters() {
        String h = hasher.hash("correct horse battery staple");
        assertTrue(h.matches("^\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$"), h);
        assertNotEquals(h, hasher.hash("correct horse battery staple"), "random salt per hash");
    }

    @Test
    void verifiesOnlyTheRightPassword() {
        String h = hasher.hash("correct horse battery staple");
        assertTrue(hasher.verify("correct horse battery staple", h));
        assertFalse(hasher.verify("correct horse battery stapl", h));
        assertFalse(hasher.verify("", h));
        assertFalse(hasher.verify(null, h));
    }

    @Test
    void malformedOrTamperedHashesNeverVerify() {
        String h = hasher.hash("password-123456");
        assertFalse(hasher.verify("password-123456", null));
        assertFalse(hasher.verify("password-123456", "plain"));
        assertFalse(hasher.verify("password-123456", h.replace("argon2id", "argon2i")));
        assertFalse(hasher.verify("password-123456", h.replace("m=19456", "m=19457")));
        assertFalse(hasher.verify("password-123456", h.substring(0, h.length() - 2) + "AA"));
    }
}
