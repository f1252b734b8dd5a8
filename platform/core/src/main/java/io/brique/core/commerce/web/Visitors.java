package io.brique.core.commerce.web;

import io.brique.core.commerce.cart.CartService;
import io.brique.core.commerce.customer.SessionService;
import io.brique.core.web.Ctx;
import io.brique.core.web.LayoutModel;
import java.util.Optional;

/**
 * Who is browsing, from the {@code brq_sid} (login) and {@code brq_cart} (guest cart) cookies. A visitor
 * with neither cookie costs no database query (anonymous product pages stay fast). The answer is
 * computed once per request and kept in the request's attributes.
 */
public final class Visitors implements LayoutModel.VisitorProvider {

    public static final String CART_COOKIE = "brq_cart";
    static final int CART_COOKIE_AGE = 60 * 60 * 24 * 60;

    private final SessionService sessions;
    private final CartService carts;

    public Visitors(SessionService sessions, CartService carts) {
        this.sessions = sessions;
        this.carts = carts;
    }

    @Override
    public LayoutModel.Visitor visitor(Ctx ctx) {
        LayoutModel.Visitor cached = ctx.attribute("visitor");
        if (cached != null) {
            return cached;
        }
        Optional<String> sid = ctx.cookie(SessionService.COOKIE);
        Optional<String> cartCookie = ctx.cookie(CART_COOKIE).filter(CartService::wellFormedToken);
        LayoutModel.Visitor v;
        if (sid.isEmpty() && cartCookie.isEmpty()) {
            v = LayoutModel.Visitor.ANONYMOUS;
        } else {
            Optional<SessionService.Session> session = sid.flatMap(sessions::resolve);
            String cartToken;
            if (session.isPresent()) {
                cartToken = carts.activeTokenOfCustomer(session.get().customerId()).orElse(null);
            } else {
                cartToken = cartCookie.orElse(null);
            }
            int count = cartToken == null ? 0 : carts.itemCount(cartToken);
            v = new LayoutModel.Visitor(session.map(SessionService.Session::customerId).orElse(null),
                    session.map(SessionService.Session::firstName).orElse(null), count, cartToken);
        }
        ctx.attribute("visitor", v);
        return v;
    }

    /** The visitor's active cart token, creating a cart (and its cookie) when there is none. */
    public String ensureCart(Ctx ctx) {
        LayoutModel.Visitor v = visitor(ctx);
        if (v.cartToken() != null && carts.findActiveToken(v.cartToken())) {
            return v.cartToken();
        }
        String token = carts.create(v.customerId(), ctx.lang());
        ctx.setCookie(CART_COOKIE, token, CART_COOKIE_AGE, true);
        ctx.attribute("visitor", new LayoutModel.Visitor(v.customerId(), v.firstName(), 0, token));
        return token;
    }

    public void forgetCart(Ctx ctx) {
        ctx.clearCookie(CART_COOKIE);
    }

    public void useCart(Ctx ctx, String token) {
        ctx.setCookie(CART_COOKIE, token, CART_COOKIE_AGE, true);
    }
}
