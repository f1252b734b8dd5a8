package io.brique.core.commerce.web;

import io.brique.api.event.CheckoutStep;
import io.brique.core.commerce.cart.CartService;
import io.brique.core.commerce.cart.PricingService;
import io.brique.core.commerce.checkout.CheckoutService;
import io.brique.core.commerce.customer.CustomerService;
import io.brique.core.commerce.order.OrderDetails;
import io.brique.core.commerce.order.OrderService;
import io.brique.core.db.jooq.tables.records.CustomerRecord;
import io.brique.core.error.ConflictException;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import io.brique.core.event.ObservationRecorder;
import io.brique.core.web.Ctx;
import io.brique.core.web.LayoutModel;
import io.brique.core.web.Router;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Storefront checkout (form, place order) and the order confirmation page (by unguessable token). */
public final class CheckoutPages {

    static final List<String> FIELDS = List.of("email", "firstName", "lastName", "line1", "line2", "postcode", "city",
            "country", "phone", "shippingMethod", "storeCode", "paymentMethod", "consentMarketing", "idempotencyKey");
    private static final Map<String, Integer> MAX = Map.ofEntries(Map.entry("email", 254), Map.entry("firstName", 100),
            Map.entry("lastName", 100), Map.entry("line1", 200), Map.entry("line2", 200), Map.entry("postcode", 20),
            Map.entry("city", 100), Map.entry("country", 2), Map.entry("phone", 32), Map.entry("shippingMethod", 10),
            Map.entry("storeCode", 30), Map.entry("paymentMethod", 40), Map.entry("consentMarketing", 5),
            Map.entry("idempotencyKey", 100));

    private final CartService carts;
    private final CheckoutService checkout;
    private final OrderService orders;
    private final CustomerService customers;
    private final Visitors visitors;
    private final String homeCountry;
    private final ObservationRecorder observations;

    public CheckoutPages(CartService carts, CheckoutService checkout, OrderService orders, CustomerService customers,
            Visitors visitors, String homeCountry, ObservationRecorder observations) {
        this.observations = observations;
        this.carts = carts;
        this.checkout = checkout;
        this.orders = orders;
        this.customers = customers;
        this.visitors = visitors;
        this.homeCountry = homeCountry;
    }

    public void register(Router router) {
        router.get("/{locale}/checkout", this::form);
        router.post("/{locale}/checkout", this::place);
        router.get("/{locale}/order/{token}", this::confirmation);
    }

    void form(Ctx ctx) {
        LayoutModel.Visitor v = visitors.visitor(ctx);
        Optional<CartService.Cart> cart = v.cartToken() == null ? Optional.empty()
                : carts.findActive(v.cartToken(), ctx.lang());
        if (cart.isEmpty() || cart.get().priced().isEmpty()) {
            ctx.redirect("/" + ctx.lang() + "/cart");
            return;
        }
        Map<String, String> values = new HashMap<>();
        values.put("country", homeCountry);
        values.put("shippingMethod", PricingService.HOME);
        values.put("paymentMethod", "bank_transfer");
        if (v.loggedIn()) {
            CustomerRecord c = customers.get(v.customerId());
            values.put("email", c.getEmail());
            values.put("firstName", c.getFirstName());
            values.put("lastName", c.getLastName());
            values.put("phone", c.getPhone());
            customers.addresses(c.getId()).stream().findFirst().ifPresent(a -> {
                values.put("line1", a.getLine1());
                values.put("line2", a.getLine2());
                values.put("postcode", a.getPostcode());
                values.put("city", a.getCity());
                values.put("country", a.getCountryCode());
            });
        }
        values.put("idempotencyKey", CheckoutService.newIdempotencyKey());
        step(cart.get(), CheckoutStep.BEGIN, null);
        render(ctx, 200, cart.get(), values, Map.of(), null);
    }

    void place(Ctx ctx) {
        LayoutModel.Visitor v = visitors.visitor(ctx);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> tooLong = new LinkedHashMap<>();
        for (String f : FIELDS) {
            String val = ctx.form(f);
            if (val != null && val.length() > MAX.get(f)) {
                tooLong.put(f, "error.too_long");
                val = val.substring(0, MAX.get(f));
            }
            values.put(f, val);
        }
        if (v.cartToken() == null) {
            ctx.redirect("/" + ctx.lang() + "/cart");
            return;
        }
        try {
            if (!tooLong.isEmpty()) {
                throw new ValidationException("invalid input", tooLong);
            }
            submittedSteps(v.cartToken(), ctx.lang(), values);
            CheckoutService.Placed placed = checkout.placeOrder(new CheckoutService.PlaceOrder(v.cartToken(),
                    values.get("idempotencyKey"), v.customerId(), values.get("email"),
                    new CheckoutService.Address(values.get("firstName"), values.get("lastName"), values.get("line1"),
                            values.get("line2"), values.get("postcode"), values.get("city"), values.get("country"),
                            values.get("phone")),
                    values.get("shippingMethod"), values.get("storeCode"), values.get("paymentMethod"), ctx.lang(),
                    "on".equals(values.get("consentMarketing")) || "true".equals(values.get("consentMarketing"))));
            if (!v.loggedIn()) {
                visitors.forgetCart(ctx);
            }
            ctx.redirect("/" + ctx.lang() + "/order/" + placed.order().order().getAccessToken());
        } catch (ValidationException e) {
            rerender(ctx, v, values, e.fieldErrors(), null);
        } catch (ConflictException e) {
            // a plugin's refusal carries its own message for the shopper (already in the checkout language)
            rerender(ctx, v, values, Map.of(), "adjustment_refused".equals(e.code()) ? "!" + e.getMessage()
                    : "commerce.checkout.error." + e.code());
        } catch (NotFoundException e) {
            ctx.redirect("/" + ctx.lang() + "/cart");
        }
    }

    /** The shipping and payment steps of a submitted form, recorded before placing (a refusal still reached them). */
    private void submittedSteps(String cartToken, String lang, Map<String, String> values) {
        Optional<CartService.Cart> cart = carts.findActive(cartToken, lang);
        if (cart.isEmpty() || cart.get().priced().isEmpty()) {
            return;
        }
        if (values.get("shippingMethod") != null && !values.get("shippingMethod").isBlank()) {
            step(cart.get(), CheckoutStep.SHIPPING, values.get("shippingMethod"));
        }
        if (values.get("paymentMethod") != null && !values.get("paymentMethod").isBlank()) {
            step(cart.get(), CheckoutStep.PAYMENT, values.get("paymentMethod"));
        }
    }

    private void step(CartService.Cart cart, String step, String option) {
        observations.record(new CheckoutStep(cart.token(), cart.customerId(), step, option,
                cart.priced().subtotalMinor(), cart.priced().currency()));
    }

    private void rerender(Ctx ctx, LayoutModel.Visitor v, Map<String, String> values, Map<String, String> errors,
            String globalError) {
        Optional<CartService.Cart> cart = carts.findActive(v.cartToken(), ctx.lang());
        if (cart.isEmpty()) {
            ctx.redirect("/" + ctx.lang() + "/cart");
            return;
        }
        if (values.get("idempotencyKey") == null || values.get("idempotencyKey").isBlank()) {
            values.put("idempotencyKey", CheckoutService.newIdempotencyKey());
        }
        render(ctx, globalError == null ? 400 : 409, cart.get(), values, errors, globalError);
    }

    private void render(Ctx ctx, int status, CartService.Cart cart, Map<String, String> values,
            Map<String, String> errors, String globalError) {
        Map<String, Object> model = new HashMap<>();
        model.put("cart", cart.priced());
        model.put("values", values);
        model.put("errors", errors);
        boolean literal = globalError != null && globalError.startsWith("!");
        model.put("globalError", literal ? null : globalError);
        model.put("globalErrorText", literal ? globalError.substring(1) : null);
        model.put("countries", checkout.countries());
        model.put("stores", checkout.pickupStores());
        model.put("homePayments", checkout.paymentOffers(false).stream().map(o -> o.method()).toList());
        model.put("pickupPayments", checkout.paymentOffers(true).stream().map(o -> o.method()).toList());
        ctx.attribute("slotValues", Map.of("cartToken", cart.token()));
        ctx.render(status, "commerce/checkout", model);
    }

    void confirmation(Ctx ctx) {
        OrderDetails d = orders.byAccessToken(ctx.pathParam("token"));
        ctx.attribute("slotValues", Map.of("orderNumber", d.order().getNumber(),
                "orderId", String.valueOf(d.order().getId()), "productIds",
                CartPages.joinIds(d.lines().stream().map(l -> l.getProductId()).toList())));
        ctx.resp().setHeader("Referrer-Policy", "no-referrer");
        ctx.render("commerce/confirmation", Map.of("d", d, "o", d.order()));
    }
}
