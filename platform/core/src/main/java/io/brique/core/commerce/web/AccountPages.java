package io.brique.core.commerce.web;

import io.brique.core.commerce.checkout.CheckoutService;
import io.brique.core.commerce.customer.CustomerService;
import io.brique.core.commerce.customer.SessionService;
import io.brique.core.commerce.order.OrderService;
import io.brique.core.error.ValidationException;
import io.brique.core.web.Ctx;
import io.brique.core.web.LayoutModel;
import io.brique.core.web.Router;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Storefront account: login, register, logout, profile and consents, addresses, order history. */
public final class AccountPages {

    private static final Set<String> FLASHES = Set.of("profile_saved", "address_added", "address_saved", "address_removed", "welcome");
    private static final List<String> ADDRESS_FIELDS = List.of("firstName", "lastName", "line1", "line2", "postcode",
            "city", "country", "phone");

    private final CustomerService customers;
    private final SessionService sessions;
    private final OrderService orders;
    private final CheckoutService checkout;
    private final Visitors visitors;

    public AccountPages(CustomerService customers, SessionService sessions, OrderService orders,
            CheckoutService checkout, Visitors visitors) {
        this.customers = customers;
        this.sessions = sessions;
        this.orders = orders;
        this.checkout = checkout;
        this.visitors = visitors;
    }

    public void register(Router router) {
        router.get("/{locale}/account/login", ctx -> renderLogin(ctx, 200, Map.of(), Map.of()));
        router.post("/{locale}/account/login", this::login);
        router.get("/{locale}/account/register", ctx -> renderRegister(ctx, 200, Map.of(), Map.of()));
        router.post("/{locale}/account/register", this::registerCustomer);
        router.post("/{locale}/account/logout", this::logout);
        router.get("/{locale}/account", ctx -> account(ctx, 200, Map.of(), Map.of()));
        router.post("/{locale}/account/profile", this::profile);
        router.post("/{locale}/account/addresses", this::addAddress);
        router.post("/{locale}/account/addresses/{id}", this::updateAddress);
        router.post("/{locale}/account/addresses/{id}/delete", this::deleteAddress);
        router.get("/{locale}/account/orders", this::orderList);
        router.get("/{locale}/account/orders/{number}", this::orderDetail);
    }

    void login(Ctx ctx) {
        String email = Forms.limited(ctx, "email", 254);
        String password = Forms.limited(ctx, "password", CustomerService.MAX_PASSWORD);
        try {
            CustomerService.Login login = customers.login(email, password,
                    ctx.cookie(Visitors.CART_COOKIE).orElse(null), ctx.lang());
            startSession(ctx, login);
            ctx.redirect("/" + ctx.lang() + "/account");
        } catch (ValidationException e) {
            renderLogin(ctx, 400, Map.of("email", email == null ? "" : email), e.fieldErrors());
        }
    }

    void registerCustomer(Ctx ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : List.of("email", "firstName", "lastName")) {
            values.put(f, Forms.limited(ctx, f, 254));
        }
        String password = Forms.limited(ctx, "password", CustomerService.MAX_PASSWORD);
        boolean marketing = "on".equals(ctx.form("consentMarketing"));
        try {
            customers.register(new CustomerService.Registration(values.get("email"), password, values.get("firstName"),
                    values.get("lastName"), ctx.lang(), marketing));
            CustomerService.Login login = customers.login(values.get("email"), password,
                    ctx.cookie(Visitors.CART_COOKIE).orElse(null), ctx.lang());
            startSession(ctx, login);
            ctx.redirect("/" + ctx.lang() + "/account?flash=welcome");
        } catch (ValidationException e) {
            renderRegister(ctx, 400, values, e.fieldErrors());
        }
    }

    private void startSession(Ctx ctx, CustomerService.Login login) {
        // Any session the browser had before is ended: the new id is the only valid one (no fixation).
        ctx.cookie(SessionService.COOKIE).ifPresent(sessions::delete);
        ctx.setCookie(SessionService.COOKIE, login.sessionToken(), (int) sessions.ttl().toSeconds(), true);
        visitors.useCart(ctx, login.cartToken());
    }

    void logout(Ctx ctx) {
        ctx.cookie(SessionService.COOKIE).ifPresent(sessions::delete);
        ctx.clearCookie(SessionService.COOKIE);
        visitors.forgetCart(ctx);
        ctx.redirect("/" + ctx.lang() + "/");
    }

    void account(Ctx ctx, int status, Map<String, String> addressValues, Map<String, String> errors) {
        LayoutModel.Visitor v = visitors.visitor(ctx);
        if (!v.loggedIn()) {
            ctx.redirect("/" + ctx.lang() + "/account/login");
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("customer", customers.get(v.customerId()));
        model.put("addresses", customers.addresses(v.customerId()));
        model.put("countries", checkout.countries());
        model.put("values", addressValues);
        model.put("errors", errors);
        model.put("flash", ctx.query("flash").filter(FLASHES::contains).orElse(null));
        ctx.attribute("slotValues", Map.of("customerId", String.valueOf(v.customerId())));
        ctx.render(status, "commerce/account", model);
    }

    void profile(Ctx ctx) {
        long id = requireLogin(ctx);
        if (id < 0) {
            return;
        }
        try {
            customers.updateProfile(id, Forms.limited(ctx, "firstName", 100), Forms.limited(ctx, "lastName", 100),
                    Forms.limited(ctx, "phone", 32), "on".equals(ctx.form("consentMarketing")),
                    "on".equals(ctx.form("consentAnalytics")));
            ctx.redirect("/" + ctx.lang() + "/account?flash=profile_saved");
        } catch (ValidationException e) {
            account(ctx, 400, Map.of(), e.fieldErrors());
        }
    }

    void addAddress(Ctx ctx) {
        long id = requireLogin(ctx);
        if (id < 0) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : ADDRESS_FIELDS) {
            values.put(f, Forms.limited(ctx, f, 200));
        }
        try {
            customers.addAddress(id, new CustomerService.AddressInput(values.get("firstName"), values.get("lastName"),
                    values.get("line1"), values.get("line2"), values.get("postcode"), values.get("city"),
                    values.get("country"), values.get("phone")));
            ctx.redirect("/" + ctx.lang() + "/account?flash=address_added");
        } catch (ValidationException e) {
            account(ctx, 400, values, e.fieldErrors());
        }
    }

    void updateAddress(Ctx ctx) {
        long id = requireLogin(ctx);
        if (id < 0) {
            return;
        }
        long addressId = ctx.pathId("id");
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : ADDRESS_FIELDS) {
            values.put(f, Forms.limited(ctx, f, 200));
        }
        try {
            customers.updateAddress(id, addressId, new CustomerService.AddressInput(values.get("firstName"),
                    values.get("lastName"), values.get("line1"), values.get("line2"), values.get("postcode"),
                    values.get("city"), values.get("country"), values.get("phone")));
            ctx.redirect("/" + ctx.lang() + "/account?flash=address_saved");
        } catch (ValidationException e) {
            account(ctx, 400, values, e.fieldErrors());
        }
    }

    void deleteAddress(Ctx ctx) {
        long id = requireLogin(ctx);
        if (id < 0) {
            return;
        }
        customers.deleteAddress(id, ctx.pathId("id"));
        ctx.redirect("/" + ctx.lang() + "/account?flash=address_removed");
    }

    void orderList(Ctx ctx) {
        long id = requireLogin(ctx);
        if (id < 0) {
            return;
        }
        int page = ctx.queryInt("page", 1, 1, 10_000);
        ctx.render("commerce/orders", Map.of("page", orders.list(null, id, page, 20)));
    }

    void orderDetail(Ctx ctx) {
        long id = requireLogin(ctx);
        if (id < 0) {
            return;
        }
        var d = orders.ofCustomer(id, ctx.pathParam("number"));
        ctx.render("commerce/order", Map.of("d", d, "o", d.order()));
    }

    /** The logged-in customer's id, or -1 after redirecting to the login page. */
    private long requireLogin(Ctx ctx) {
        LayoutModel.Visitor v = visitors.visitor(ctx);
        if (!v.loggedIn()) {
            ctx.redirect("/" + ctx.lang() + "/account/login");
            return -1;
        }
        return v.customerId();
    }

    private void renderLogin(Ctx ctx, int status, Map<String, String> values, Map<String, String> errors) {
        ctx.render(status, "commerce/login", Map.of("values", values, "errors", errors));
    }

    private void renderRegister(Ctx ctx, int status, Map<String, String> values, Map<String, String> errors) {
        ctx.render(status, "commerce/register", Map.of("values", values, "errors", errors));
    }
}
