package io.brique.core.commerce;

import static io.brique.core.db.jooq.Tables.ORDERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.PluginJarBuilder;
import io.brique.core.testing.TestApp;
import io.brique.testing.HttpSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK 1.1 reservation step of cart adjusters: the checkout asks the plugin to take its discount for
 * good while placing the order; a refusal is a 409 with the plugin's message and no order; a time-out is
 * a 409 "try again" and a release; a failure after a successful reservation releases it.
 */
@Tag("db")
class CartReservationTest {

    @TempDir
    Path dir;

    /**
     * A plugin with one code usable {@code uses} times in all: reserve takes a use (idempotent per order
     * number), release gives it back or leaves a tombstone. A route shows its state. With
     * {@code slowReserve}, reserve hangs; with {@code failPayment}, its payment method "fails" refuses.
     */
    static PluginJarBuilder couponPlugin(int uses, boolean slowReserve) {
        return PluginJarBuilder.plugin("coupons", "1.0.0")
                .pluginClass("t.c.Main", "package t.c; public class Main extends io.brique.api.plugin.BriquePlugin {"
                        + " public Main(io.brique.api.plugin.PluginContext c) { super(c); } }")
                .source("t.c.State", """
                        package t.c;
                        import java.util.*;
                        public final class State {
                            public static int remaining = %d;
                            public static final Set<String> reserved = new TreeSet<>();
                            public static final Set<String> released = new TreeSet<>();
                            public static synchronized String text() {
                                return "remaining=" + remaining + ";reserved=" + reserved + ";released=" + released;
                            }
                        }
                        """.formatted(uses))
                .extension("t.c.Coupon", """
                        package t.c;
                        import io.brique.api.cart.*;
                        import java.util.List;
                        public class Coupon implements CartAdjuster {
                            public List<CartAdjustment> adjust(CartSnapshot cart) {
                                return List.of(new CartAdjustment("coupons", "LAST", "Last use -5", -500,
                                        CartAdjustment.Target.ITEMS));
                            }
                            public void reserve(CartSnapshot cart, List<CartAdjustment> applied, String number) {
                                if (%s) {
                                    try { Thread.sleep(3000); } catch (InterruptedException e) { }
                                }
                                synchronized (State.class) {
                                    if (applied.size() != 1 || !applied.get(0).code().equals("LAST")) {
                                        throw new IllegalStateException("wrong adjustments " + applied);
                                    }
                                    if (State.released.contains(number)) {
                                        throw new AdjustmentRefused("released");
                                    }
                                    if (State.reserved.contains(number)) {
                                        return;
                                    }
                                    if (State.remaining <= 0) {
                                        throw new AdjustmentRefused("fr".equals(cart.attributes().get("locale"))
                                                ? "Ce code a déjà été utilisé" : "This code was already used");
                                    }
                                    State.remaining--;
                                    State.reserved.add(number);
                                }
                            }
                            public void release(String number) {
                                synchronized (State.class) {
                                    if (State.reserved.remove(number)) {
                                        State.remaining++;
                                    }
                                    State.released.add(number);
                                }
                            }
                        }
                        """.formatted(slowReserve))
                .extension("t.c.Pay", """
                        package t.c;
                        import io.brique.api.payment.PaymentProvider;
                        import java.util.List;
                        public class Pay implements PaymentProvider {
                            public String id() { return "failing"; }
                            public List<PaymentMethod> methods() {
                                return List.of(new PaymentMethod("fails", "Fails", true, true));
                            }
                            public PaymentResult start(PaymentRequest r) {
                                return new PaymentResult(PaymentResult.Status.FAILED, null, null);
                            }
                        }
                        """)
                .extension("t.c.Routes", """
                        package t.c;
                        import io.brique.api.http.*;
                        public class Routes implements PluginRoutes {
                            public void register(Registrar r) {
                                r.get(Area.API, "/state", q -> PluginResponse.text(200, State.text()));
                            }
                        }
                        """);
    }

    private static String cart(TestApp app, long variant) {
        HttpSession http = app.http();
        String token = http.postJson("/api/v1/carts", "").json().get("token").asText();
        assertEquals(200, http.postJson("/api/v1/carts/" + token + "/lines",
                "{\"variantId\":" + variant + ",\"quantity\":1}").status());
        return token;
    }

    private static HttpSession.Response checkout(TestApp app, String token, String key, String payment) {
        return app.http().postJson("/api/v1/carts/" + token + "/checkout",
                CommerceFixtures.checkoutJson("res@example.com", "home", null, payment, "FR"),
                Map.of("Idempotency-Key", key));
    }

    @Test
    void theLastUseOfACodeGoesToExactlyOneOfManyConcurrentCheckouts() throws Exception {
        try (TestApp app = TestApp.start()) {
            app.app().plugins().install(couponPlugin(1, false).build(dir));
            app.app().plugins().enable("coupons");
            long v = CommerceFixtures.product(app, "RES-1", 2000, 100);
            int n = 8;
            List<String> carts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                carts.add(cart(app, v));
            }
            ExecutorService pool = Executors.newFixedThreadPool(n);
            List<Future<HttpSession.Response>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String token = carts.get(i);
                String key = "reservation-race-" + i;
                results.add(pool.submit((Callable<HttpSession.Response>) () -> checkout(app, token, key,
                        "bank_transfer")));
            }
            int created = 0;
            int refused = 0;
            for (Future<HttpSession.Response> f : results) {
                HttpSession.Response r = f.get();
                if (r.status() == 201) {
                    created++;
                    assertEquals("19.90", r.json().get("total").get("amount").asText(), "20.00 - 5.00 + 4.90 shipping");
                } else {
                    assertEquals(409, r.status(), r.body());
                    assertTrue(r.body().contains("Ce code a déjà été utilisé"), r.body());
                    assertTrue(r.body().contains("adjustment_refused"), r.body());
                    refused++;
                }
            }
            pool.shutdown();
            assertEquals(1, created);
            assertEquals(n - 1, refused);
            assertEquals(1, CommerceFixtures.count(app, ORDERS), "refused checkouts created no order");
            String state = app.http().get("/api/v1/plugins/coupons/state").body();
            assertTrue(state.startsWith("remaining=0;reserved=[BR"), state);

            // a replayed checkout of the placed order does not reserve again
            String winner = CommerceFixtures.dsl(app).select(ORDERS.IDEMPOTENCY_KEY).from(ORDERS).fetchOne().value1();
            int i = Integer.parseInt(winner.substring("reservation-race-".length()));
            assertEquals(200, checkout(app, carts.get(i), winner, "bank_transfer").status());
            assertEquals(state, app.http().get("/api/v1/plugins/coupons/state").body());
        }
    }

    @Test
    void aFailureAfterTheReservationReleasesIt() throws Exception {
        try (TestApp app = TestApp.start()) {
            app.app().plugins().install(couponPlugin(1, false).build(dir));
            app.app().plugins().enable("coupons");
            long v = CommerceFixtures.product(app, "RES-2", 2000, 100);
            HttpSession.Response r = checkout(app, cart(app, v), "reservation-payfail", "fails");
            assertEquals(409, r.status(), r.body());
            assertTrue(r.body().contains("payment_failed"), r.body());
            assertEquals(0, CommerceFixtures.count(app, ORDERS));
            String state = app.http().get("/api/v1/plugins/coupons/state").body();
            assertTrue(state.startsWith("remaining=1;reserved=[];released=[BR"), "given back: " + state);
            // the use is available again
            assertEquals(201, checkout(app, cart(app, v), "reservation-after", "bank_transfer").status());
        }
    }

    @Test
    void aReservationThatTimesOutRefusesTheCheckoutAndIsReleased() throws Exception {
        try (TestApp app = TestApp.start(Map.of("cart.reserve-timeout", "300ms"))) {
            app.app().plugins().install(couponPlugin(5, true).build(dir));
            app.app().plugins().enable("coupons");
            long v = CommerceFixtures.product(app, "RES-3", 2000, 100);
            HttpSession.Response r = checkout(app, cart(app, v), "reservation-slow", "bank_transfer");
            assertEquals(409, r.status(), r.body());
            assertTrue(r.body().contains("adjustment_unconfirmed"), r.body());
            assertTrue(r.body().contains("try again"), r.body());
            assertEquals(0, CommerceFixtures.count(app, ORDERS), "never an order with an unconfirmed discount");
            String state = app.http().get("/api/v1/plugins/coupons/state").body();
            assertTrue(state.contains("released=[BR"), "the core released the timed-out number: " + state);
        }
    }
}
