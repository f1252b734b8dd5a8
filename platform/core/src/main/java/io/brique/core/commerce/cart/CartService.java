package io.brique.core.commerce.cart;

import io.brique.api.event.Events;
import io.brique.core.db.Database;
import io.brique.core.db.Tx;
import io.brique.core.db.jooq.tables.records.CartLineRecord;
import io.brique.core.db.jooq.tables.records.CartRecord;
import io.brique.core.error.ConflictException;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import io.brique.core.event.EventPublisher;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Carts: a guest cart is addressed by its random token (cookie {@code brq_cart} or API path), a
 * customer's cart is also linked to the customer. Every change checks the variant is sellable and
 * the wanted quantity (1..99) is in stock, then the cart is re-priced by {@link PricingService}.
 */
public final class CartService {

    public static final int MAX_QUANTITY = 99;
    private static final Pattern TOKEN = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    /** A cart and its current pricing. */
    public record Cart(long id, String token, Long customerId, String status, Long orderId, String locale,
            PricedCart priced) {
        public boolean active() {
            return CartRepository.ACTIVE.equals(status);
        }
    }

    private final Database db;
    private final CartRepository carts;
    private final CatalogReader catalog;
    private final PricingService pricing;
    private final EventPublisher events;
    private final Clock clock;
    private final String currency;

    public CartService(Database db, CartRepository carts, CatalogReader catalog, PricingService pricing,
            EventPublisher events, Clock clock, String currency) {
        this.db = db;
        this.carts = carts;
        this.catalog = catalog;
        this.pricing = pricing;
        this.events = events;
        this.clock = clock;
        this.currency = currency;
    }

    public static boolean wellFormedToken(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    public String create(Long customerId, String lang) {
        return db.tx(tx -> carts.create(tx.dsl(), UUID.randomUUID().toString(), customerId, currency,
                pricing.homeCountry(), lang, now()).getToken());
    }

    /** The cart with prices for the home country and home delivery (what the cart page shows). */
    public Cart view(String token, String lang) {
        return view(token, lang, pricing.homeCountry(), PricingService.HOME);
    }

    public Cart view(String token, String lang, String country, String shippingMethod) {
        DSLContext dsl = db.dsl();
        CartRecord cart = find(dsl, token);
        return priceInTx(dsl, cart, lang, country, shippingMethod);
    }

    public Optional<Cart> findActive(String token, String lang) {
        if (!wellFormedToken(token)) {
            return Optional.empty();
        }
        return carts.byToken(db.dsl(), token).filter(c -> CartRepository.ACTIVE.equals(c.getStatus()))
                .map(c -> priceInTx(db.dsl(), c, lang, pricing.homeCountry(), PricingService.HOME));
    }

    /** Is this token an active cart? */
    public boolean findActiveToken(String token) {
        return wellFormedToken(token) && carts.byToken(db.dsl(), token)
                .filter(c -> CartRepository.ACTIVE.equals(c.getStatus())).isPresent();
    }

    /** The token of the customer's active cart, if any. */
    public Optional<String> activeTokenOfCustomer(long customerId) {
        return carts.activeOfCustomer(db.dsl(), customerId).map(CartRecord::getToken);
    }

    public int itemCount(String token) {
        if (!wellFormedToken(token)) {
            return 0;
        }
        return carts.byToken(db.dsl(), token).filter(c -> CartRepository.ACTIVE.equals(c.getStatus()))
                .map(c -> carts.itemCount(db.dsl(), c.getId())).orElse(0);
    }

    /** Adds {@code quantity} of a variant (on top of what the cart already has). */
    public Cart addLine(String token, long variantId, int quantity, String lang) {
        checkQuantity(quantity);
        db.txRun(tx -> {
            CartRecord cart = activeForUpdate(tx.dsl(), token);
            CatalogReader.VariantInfo v = sellableVariant(tx.dsl(), variantId, lang);
            int before = carts.line(tx.dsl(), cart.getId(), variantId).map(CartLineRecord::getQuantity).orElse(0);
            int after = before + quantity;
            if (after > MAX_QUANTITY) {
                throw new ValidationException("quantity", "commerce.error.quantity_max");
            }
            checkStock(v, after);
            if (before == 0) {
                carts.insertLine(tx.dsl(), cart.getId(), variantId, after, now());
            } else {
                carts.updateLine(tx.dsl(), cart.getId(), variantId, after);
            }
            changed(tx, cart, v, before, after);
        });
        return view(token, lang);
    }

    /** Sets a line's quantity (1..99); the line must exist. */
    public Cart setQuantity(String token, long variantId, int quantity, String lang) {
        checkQuantity(quantity);
        db.txRun(tx -> {
            CartRecord cart = activeForUpdate(tx.dsl(), token);
            CartLineRecord line = carts.line(tx.dsl(), cart.getId(), variantId)
                    .orElseThrow(() -> new NotFoundException("no line for variant " + variantId + " in this cart"));
            CatalogReader.VariantInfo v = sellableVariant(tx.dsl(), variantId, lang);
            if (quantity > line.getQuantity()) {
                checkStock(v, quantity);
            }
            carts.updateLine(tx.dsl(), cart.getId(), variantId, quantity);
            changed(tx, cart, v, line.getQuantity(), quantity);
        });
        return view(token, lang);
    }

    public Cart removeLine(String token, long variantId, String lang) {
        db.txRun(tx -> {
            CartRecord cart = activeForUpdate(tx.dsl(), token);
            CartLineRecord line = carts.line(tx.dsl(), cart.getId(), variantId)
                    .orElseThrow(() -> new NotFoundException("no line for variant " + variantId + " in this cart"));
            carts.deleteLine(tx.dsl(), cart.getId(), variantId);
            catalog.variant(tx.dsl(), variantId, lang).ifPresent(v -> changed(tx, cart, v, line.getQuantity(), 0));
        });
        return view(token, lang);
    }

    /**
     * At login: moves the guest cart's lines into the customer's active cart (quantities added, capped
     * by available stock and 99), marks the guest cart merged, and returns the customer's cart token.
     * Runs in the caller's transaction.
     */
    public String mergeAtLogin(Tx tx, String guestToken, long customerId, String lang) {
        DSLContext dsl = tx.dsl();
        Optional<CartRecord> guest = wellFormedToken(guestToken)
                ? carts.byTokenForUpdate(dsl, guestToken).filter(c -> CartRepository.ACTIVE.equals(c.getStatus()))
                : Optional.empty();
        Optional<CartRecord> mine = carts.activeOfCustomer(dsl, customerId);
        if (guest.isPresent() && guest.get().getCustomerId() != null && guest.get().getCustomerId() == customerId) {
            return guest.get().getToken();
        }
        if (mine.isEmpty()) {
            if (guest.isPresent() && guest.get().getCustomerId() == null) {
                carts.attachCustomer(dsl, guest.get().getId(), customerId, now());
                return guest.get().getToken();
            }
            return carts.create(dsl, UUID.randomUUID().toString(), customerId, currency, pricing.homeCountry(), lang,
                    now()).getToken();
        }
        CartRecord target = carts.byTokenForUpdate(dsl, mine.get().getToken()).orElseThrow();
        if (guest.isEmpty() || guest.get().getCustomerId() != null) {
            return target.getToken();
        }
        List<CartLineRecord> guestLines = carts.lines(dsl, guest.get().getId());
        Map<Long, CatalogReader.VariantInfo> variants = catalog.variants(dsl,
                guestLines.stream().map(CartLineRecord::getVariantId).toList(), lang);
        for (CartLineRecord gl : guestLines) {
            CatalogReader.VariantInfo v = variants.get(gl.getVariantId());
            if (v == null || !v.sellable()) {
                continue;
            }
            int before = carts.line(dsl, target.getId(), gl.getVariantId()).map(CartLineRecord::getQuantity).orElse(0);
            int after = Math.min(Math.min(before + gl.getQuantity(), MAX_QUANTITY), Math.max(before, v.available()));
            if (after <= before) {
                continue;
            }
            if (before == 0) {
                carts.insertLine(dsl, target.getId(), gl.getVariantId(), after, now());
            } else {
                carts.updateLine(dsl, target.getId(), gl.getVariantId(), after);
            }
        }
        carts.close(dsl, guest.get().getId(), CartRepository.MERGED, null, now());
        carts.touch(dsl, target.getId(), now());
        return target.getToken();
    }

    public Cart priceInTx(DSLContext dsl, CartRecord cart, String lang, String country, String shippingMethod) {
        List<CartLineRecord> lines = carts.lines(dsl, cart.getId());
        Map<Long, CatalogReader.VariantInfo> variants = catalog.variants(dsl,
                lines.stream().map(CartLineRecord::getVariantId).toList(), lang);
        List<PricingService.LineInput> inputs = lines.stream().filter(l -> variants.containsKey(l.getVariantId()))
                .map(l -> new PricingService.LineInput(variants.get(l.getVariantId()), l.getQuantity())).toList();
        PricedCart priced = pricing.price(dsl, new PricingService.Request(cart.getToken(), cart.getCustomerId(), null,
                cart.getCurrency(), country, shippingMethod, inputs, Map.of()));
        return new Cart(cart.getId(), cart.getToken(), cart.getCustomerId(), cart.getStatus(), cart.getOrderId(),
                cart.getLocale(), priced);
    }

    private CartRecord find(DSLContext dsl, String token) {
        if (!wellFormedToken(token)) {
            throw new NotFoundException("no such cart");
        }
        return carts.byToken(dsl, token).orElseThrow(() -> new NotFoundException("no such cart"));
    }

    private CartRecord activeForUpdate(DSLContext dsl, String token) {
        if (!wellFormedToken(token)) {
            throw new NotFoundException("no such cart");
        }
        CartRecord cart = carts.byTokenForUpdate(dsl, token).orElseThrow(() -> new NotFoundException("no such cart"));
        if (!CartRepository.ACTIVE.equals(cart.getStatus())) {
            throw new ConflictException("cart_closed", "this cart is " + cart.getStatus() + " and can no longer change");
        }
        return cart;
    }

    private CatalogReader.VariantInfo sellableVariant(DSLContext dsl, long variantId, String lang) {
        CatalogReader.VariantInfo v = catalog.variant(dsl, variantId, lang)
                .orElseThrow(() -> new NotFoundException("no such variant: " + variantId));
        if (!v.sellable()) {
            throw new ConflictException("unavailable", "this product is not available");
        }
        if (!currency.equals(v.currency())) {
            throw new ConflictException("unavailable", "this product is not sold in " + currency);
        }
        return v;
    }

    private static void checkStock(CatalogReader.VariantInfo v, int wanted) {
        if (wanted > v.available()) {
            throw new ConflictException("out_of_stock", v.available() == 0 ? "out of stock: " + v.sku()
                    : "only " + v.available() + " left of " + v.sku());
        }
    }

    private static void checkQuantity(int quantity) {
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new ValidationException("quantity", "commerce.error.quantity");
        }
    }

    private void changed(Tx tx, CartRecord cart, CatalogReader.VariantInfo v, int before, int after) {
        carts.touch(tx.dsl(), cart.getId(), now());
        events.publish(tx, new Events.CartChanged(cart.getToken(), cart.getCustomerId(), v.variantId(), v.sku(),
                v.productId(), before, after, v.priceMinor(), v.currency()));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
