package io.brique.core.commerce.web;

import io.brique.core.commerce.cart.CartService;
import io.brique.core.commerce.cart.PricedCart;
import io.brique.core.error.ConflictException;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import io.brique.core.web.Ctx;
import io.brique.core.web.HttpProblem;
import io.brique.core.web.Router;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Storefront cart: the cart page and its add / update / remove forms (each redirects back to the cart). */
public final class CartPages {

    /** Flash messages the cart page accepts in its query string (anything else is ignored). */
    static final Set<String> FLASHES = Set.of("added", "updated", "removed", "out_of_stock", "unavailable",
            "quantity", "not_found", "cart_closed");

    private final CartService carts;
    private final Visitors visitors;

    public CartPages(CartService carts, Visitors visitors) {
        this.carts = carts;
        this.visitors = visitors;
    }

    public void register(Router router) {
        router.get("/{locale}/cart", this::page);
        router.post("/{locale}/cart/add", this::add);
        router.post("/{locale}/cart/update", this::update);
        router.post("/{locale}/cart/remove", this::remove);
    }

    void page(Ctx ctx) {
        String token = visitors.visitor(ctx).cartToken();
        Map<String, Object> model = new HashMap<>();
        PricedCart cart = token == null ? null : carts.findActive(token, ctx.lang()).map(CartService.Cart::priced)
                .orElse(null);
        model.put("cart", cart);
        String flash = ctx.query("flash").filter(FLASHES::contains).orElse(null);
        model.put("flash", flash);
        model.put("flashOk", flash != null && Set.of("added", "updated", "removed").contains(flash));
        ctx.attribute("slotValues", Map.of("cartToken", token == null ? "" : token, "productIds",
                cart == null ? "" : joinIds(cart.lines().stream().map(PricedCart.Line::productId).toList())));
        ctx.render("commerce/cart", model);
    }

    void add(Ctx ctx) {
        long variantId = Forms.requiredId(ctx, "variantId");
        int quantity = Forms.intField("quantity", ctx.form("quantity"), 1);
        String token = visitors.ensureCart(ctx);
        mutate(ctx, "added", () -> carts.addLine(token, variantId, quantity, ctx.lang()));
    }

    void update(Ctx ctx) {
        long variantId = Forms.requiredId(ctx, "variantId");
        int quantity = Forms.intField("quantity", ctx.form("quantity"), 1);
        String token = requireCart(ctx);
        if (quantity == 0) {
            mutate(ctx, "removed", () -> carts.removeLine(token, variantId, ctx.lang()));
        } else {
            mutate(ctx, "updated", () -> carts.setQuantity(token, variantId, quantity, ctx.lang()));
        }
    }

    void remove(Ctx ctx) {
        long variantId = Forms.requiredId(ctx, "variantId");
        String token = requireCart(ctx);
        mutate(ctx, "removed", () -> carts.removeLine(token, variantId, ctx.lang()));
    }

    private String requireCart(Ctx ctx) {
        String token = visitors.visitor(ctx).cartToken();
        if (token == null) {
            throw HttpProblem.notFound("no cart");
        }
        return token;
    }

    /** Runs a cart change; business refusals come back to the cart page as a flash message. */
    private void mutate(Ctx ctx, String ok, Runnable change) {
        String flash;
        try {
            change.run();
            flash = ok;
        } catch (ConflictException e) {
            flash = FLASHES.contains(e.code()) ? e.code() : "unavailable";
        } catch (ValidationException e) {
            flash = "quantity";
        } catch (NotFoundException e) {
            flash = "not_found";
        }
        ctx.redirect("/" + ctx.lang() + "/cart?flash=" + flash);
    }

    /** "3,5,8": the page's products for slot renderers (recommendations). */
    static String joinIds(java.util.List<Long> ids) {
        return String.join(",", ids.stream().distinct().map(String::valueOf).toList());
    }
}
