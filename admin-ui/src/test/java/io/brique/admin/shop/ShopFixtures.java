package io.brique.admin.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brique.admin.AdminTestApp;
import io.brique.core.commerce.CommerceFixtures;
import io.brique.testing.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** Orders placed through the real storefront API, and a multipart helper, for the shop-page tests. */
final class ShopFixtures {

    static final String XSS = "<script>alert('x')</script>";
    static final String XSS_ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;";

    private ShopFixtures() {
    }

    /** Places an order of {@code qty} units of the variant for {@code email}; returns its number. */
    static String order(AdminTestApp app, long variantId, int qty, String email) {
        HttpSession http = app.http();
        String cart = http.postJson("/api/v1/carts", "").json().get("token").asText();
        assertEquals(200, http.postJson("/api/v1/carts/" + cart + "/lines",
                "{\"variantId\":" + variantId + ",\"quantity\":" + qty + "}").status());
        HttpSession.Response r = http.postJson("/api/v1/carts/" + cart + "/checkout",
                CommerceFixtures.checkoutJson(email, "home", null, "bank_transfer", "FR"),
                Map.of("Idempotency-Key", "shop-" + UUID.randomUUID()));
        assertEquals(201, r.status(), r.body());
        return r.json().get("number").asText();
    }

    /** A multipart POST with one file and the session's CSRF token. */
    static HttpSession.Response upload(HttpSession s, String path, String field, String filename, byte[] content) {
        String boundary = "----brique" + UUID.randomUUID();
        String token = s.csrfToken();
        StringBuilder head = new StringBuilder();
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n")
                .append(token).append("\r\n--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(field).append("\"; filename=\"").append(filename).append("\"\r\nContent-Type: text/csv\r\n\r\n");
        byte[] a = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] b = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[a.length + content.length + b.length];
        System.arraycopy(a, 0, body, 0, a.length);
        System.arraycopy(content, 0, body, a.length, content.length);
        System.arraycopy(b, 0, body, a.length + content.length, b.length);
        return s.send("POST", path, "multipart/form-data; boundary=" + boundary, body, Map.of());
    }
}
