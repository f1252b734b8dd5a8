package io.brique.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.HttpSession;
import io.brique.testkit.BriqueTestServer;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What shoppers see on every page (H2, then MariaDB): balance and tier in the header, "earn N points" on product and cart. */
@Tag("db")
class LoyaltyStorefrontTest extends LoyaltyShop {

    /** The page once it carries {@code text}: the first render of a slot on a cold JVM may miss its 150 ms budget. */
    private static String page(HttpSession http, String path, String text) {
        String body = "";
        for (int i = 0; i < 10 && !body.contains(text); i++) {
            HttpSession.Response r = http.get(path);
            assertEquals(200, r.status(), path);
            body = r.body();
        }
        return body;
    }

    @Test
    void headerShowsBalanceAndTierAndProductAndCartSayWhatTheyEarnInFrenchAndEnglish() {
        BriqueTestServer.Product mug = shop.createProduct("earn-mug", "Mug", "24.90");
        HttpSession guest = shop.http();
        String guestProduct = page(guest, mug.urlEn(), "Sign in to earn 24 loyalty points.");
        assertTrue(guestProduct.contains("Sign in to earn 24 loyalty points."), "a guest is told to sign in (floor of 24.90)");
        assertFalse(guestProduct.contains("loyalty-header"), "nothing in the header for a guest");

        HttpSession http = shop.http();
        assertEquals(303, http.postForm("/fr/account/register", Map.of("email", "grace@example.com",
                "password", "a long enough password")).status());
        long id = sql(Long.class, "SELECT id FROM customer WHERE email = 'grace@example.com'");
        loyalty.ledger().adjust(id, 1234, "welcome", "test", "adj-grace", null);

        String home = page(http, "/fr/", "loyalty-header");
        assertTrue(home.matches("(?s).*class=\"loyalty-header\"[^>]*>.*1234.*Bronze.*"), "balance and tier in the header");
        assertTrue(page(http, mug.urlFr(), "Gagnez 24 points").contains("Gagnez 24 points fidélité avec ce produit."));
        assertTrue(page(http, mug.urlEn(), "Earn 24 loyalty").contains("Earn 24 loyalty points with this product."));

        long variant = sql(Long.class, "SELECT id FROM variant WHERE product_id = ?", mug.id());
        assertEquals(303, http.postForm("/fr/cart/add", Map.of("variantId", Long.toString(variant), "quantity", "2"))
                .status());
        assertTrue(page(http, "/fr/cart", "vous rapporte 49").contains("Cette commande vous rapporte 49 points fidélité."),
                "2 x 24.90 = 49.80: 49 points");
        assertTrue(page(http, "/en/cart", "earns you 49").contains("This order earns you 49 loyalty points."));

        // the header follows the ledger (the pricing cache sees the new movement)
        loyalty.ledger().adjust(id, -34, "typo", "test", "adj-grace-2", null);
        assertTrue(page(http, "/en/", ">1200<").contains(">1200<"));
    }
}
