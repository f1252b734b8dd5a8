package io.brique.core.commerce.web;

import io.brique.core.commerce.cart.CartService;
import io.brique.core.commerce.checkout.CheckoutService;
import io.brique.core.commerce.cart.CatalogReader;
import io.brique.core.db.Database;
import io.brique.core.web.Ctx;
import io.brique.core.web.HttpProblem;
import io.brique.core.web.Router;
import java.util.Map;

/** {@code /api/v1/carts}: headless carts addressed by their token, and their checkout. */
public final class CartApi {

    record AddLine(String sku, Long variantId, Integer quantity) {
    }

    record SetQuantity(Integer quantity) {
    }

    record AddressBody(String firstName, String lastName, String line1, String line2, String postcode, String city,
            String country, String phone) {
    }

    record CheckoutBody(String email, AddressBody address, String shippingMethod, String storeCode,
            String paymentMethod, String locale, Boolean consentMarketing) {
    }

    private final CartService carts;
    private final CheckoutService checkout;
    private final CatalogReader catalog;
    private final Database db;
    private final String defaultLang;
    private final String homeCountry;

    public CartApi(CartService carts, CheckoutService checkout, CatalogReader catalog, Database db, String defaultLang,
            String homeCountry) {
        this.homeCountry = homeCountry;
        this.carts = carts;
        this.checkout = checkout;
        this.catalog = catalog;
        this.db = db;
        this.defaultLang = defaultLang;
    }

    public void register(Router router) {
        router.post("/api/v1/carts", this::create);
        router.get("/api/v1/carts/{token}", this::get);
        router.post("/api/v1/carts/{token}/lines", this::addLine);
        router.put("/api/v1/carts/{token}/lines/{variantId}", this::setQuantity);
        router.delete("/api/v1/carts/{token}/lines/{variantId}", ctx -> ctx.json(CommerceJson.cart(
                carts.removeLine(ctx.pathParam("token"), ctx.pathId("variantId"), lang(ctx)))));
        router.post("/api/v1/carts/{token}/checkout", this::checkout);
    }

    /** The cart priced for {@code ?country=} (VAT of the destination) and {@code ?shippingMethod=}, default home. */
    void get(Ctx ctx) {
        String country = ctx.query("country").orElse(null);
        String method = ctx.query("shippingMethod").orElse("home");
        if (country != null && !country.matches("^[A-Z]{2}$")) {
            throw new HttpProblem(400, "Bad Request", "country must be an ISO 3166 code like FR",
                    Map.of("country", "commerce.error.country"));
        }
        if (!method.equals("home") && !method.equals("pickup")) {
            throw new HttpProblem(400, "Bad Request", "shippingMethod is home or pickup",
                    Map.of("shippingMethod", "commerce.error.shipping"));
        }
        ctx.json(CommerceJson.cart(country == null && method.equals("home") ? carts.view(ctx.pathParam("token"), lang(ctx))
                : carts.view(ctx.pathParam("token"), lang(ctx), country == null ? homeCountry : country, method)));
    }

    void create(Ctx ctx) {
        String token = carts.create(null, lang(ctx));
        ctx.resp().setHeader("Location", "/api/v1/carts/" + token);
        ctx.json(201, CommerceJson.cart(carts.view(token, lang(ctx))));
    }

    void addLine(Ctx ctx) {
        String token = ctx.pathParam("token");
        AddLine body = ctx.bodyJson(AddLine.class);
        if (body.quantity() == null) {
            throw new HttpProblem(400, "Bad Request", "quantity is required", Map.of("quantity", "error.required"));
        }
        long variantId;
        if (body.variantId() != null) {
            variantId = body.variantId();
        } else if (body.sku() != null && !body.sku().isBlank()) {
            if (body.sku().length() > 64) {
                throw new HttpProblem(400, "Bad Request", "sku is too long", Map.of("sku", "error.too_long"));
            }
            variantId = catalog.variantIdBySku(db.dsl(), body.sku())
                    .orElseThrow(() -> HttpProblem.notFound("no such sku: " + body.sku()));
        } else {
            throw new HttpProblem(400, "Bad Request", "sku or variantId is required",
                    Map.of("variantId", "error.required"));
        }
        ctx.json(CommerceJson.cart(carts.addLine(token, variantId, body.quantity(), lang(ctx))));
    }

    void setQuantity(Ctx ctx) {
        String token = ctx.pathParam("token");
        long variantId = ctx.pathId("variantId");
        SetQuantity body = ctx.bodyJson(SetQuantity.class);
        if (body.quantity() == null) {
            throw new HttpProblem(400, "Bad Request", "quantity is required", Map.of("quantity", "error.required"));
        }
        ctx.json(CommerceJson.cart(carts.setQuantity(token, variantId, body.quantity(), lang(ctx))));
    }

    void checkout(Ctx ctx) {
        String token = ctx.pathParam("token");
        String key = ctx.header("Idempotency-Key");
        if (key == null || key.isBlank()) {
            throw new HttpProblem(400, "Bad Request", "the Idempotency-Key header is required",
                    Map.of("Idempotency-Key", "error.required"));
        }
        CheckoutBody b = ctx.bodyJson(CheckoutBody.class);
        AddressBody a = b.address() == null ? new AddressBody(null, null, null, null, null, null, null, null)
                : b.address();
        CheckoutService.Placed placed = checkout.placeOrder(new CheckoutService.PlaceOrder(token, key.trim(), null,
                b.email(), new CheckoutService.Address(a.firstName(), a.lastName(), a.line1(), a.line2(), a.postcode(),
                        a.city(), a.country(), a.phone()),
                b.shippingMethod(), b.storeCode(), b.paymentMethod(), b.locale() == null ? defaultLang : b.locale(),
                Boolean.TRUE.equals(b.consentMarketing())));
        ctx.resp().setHeader("Location", "/api/v1/orders/" + placed.order().order().getNumber());
        ctx.json(placed.created() ? 201 : 200, CommerceJson.order(placed.order()));
    }

    private String lang(Ctx ctx) {
        return ctx.query("locale").filter(l -> l.equals("fr") || l.equals("en")).orElse(defaultLang);
    }
}
