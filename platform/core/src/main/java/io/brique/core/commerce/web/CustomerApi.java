package io.brique.core.commerce.web;

import io.brique.core.commerce.customer.CustomerService;
import io.brique.core.web.ApiTokens;
import io.brique.core.web.Ctx;
import io.brique.core.web.Router;

/** {@code /api/v1/customers}: public registration, back-office search and detail (API token). */
public final class CustomerApi {

    record RegisterBody(String email, String password, String firstName, String lastName, String locale,
            Boolean consentMarketing) {
    }

    private final CustomerService customers;
    private final ApiTokens tokens;

    public CustomerApi(CustomerService customers, ApiTokens tokens) {
        this.customers = customers;
        this.tokens = tokens;
    }

    public void register(Router router) {
        router.post("/api/v1/customers", this::create);
        router.get("/api/v1/customers", this::search);
        router.get("/api/v1/customers/{id}", ctx -> {
            tokens.require(ctx, "customers:read");
            ctx.json(CommerceJson.customer(customers.get(ctx.pathId("id"))));
        });
    }

    void create(Ctx ctx) {
        RegisterBody b = ctx.bodyJson(RegisterBody.class);
        var c = customers.register(new CustomerService.Registration(b.email(), b.password(), b.firstName(),
                b.lastName(), b.locale(), Boolean.TRUE.equals(b.consentMarketing())));
        ctx.resp().setHeader("Location", "/api/v1/customers/" + c.getId());
        ctx.json(201, CommerceJson.customer(c));
    }

    void search(Ctx ctx) {
        tokens.require(ctx, "customers:read");
        int page = ctx.queryInt("page", 1, 1, 100_000);
        int size = ctx.queryInt("size", 20, 1, 100);
        CustomerService.Page p = customers.search(ctx.query("q").orElse(null), page, size);
        ctx.json(CommerceJson.page(p.items().stream().map(CommerceJson::customer).toList(), p.page(), p.size(),
                p.total()));
    }
}
