package io.brique.core.commerce.checkout;


import io.brique.api.cart.CartAdjustment;
import io.brique.api.cart.CartSnapshot;
import io.brique.api.event.Events;
import io.brique.api.payment.PaymentProvider;
import io.brique.core.commerce.cart.CartAdjusters;
import io.brique.core.commerce.cart.CartRepository;
import io.brique.core.commerce.cart.CartService;
import io.brique.core.commerce.cart.PricedCart;
import io.brique.core.commerce.cart.PricingService;
import io.brique.core.commerce.cart.TaxRates;
import io.brique.core.commerce.customer.CustomerRepository;
import io.brique.core.commerce.order.OrderDetails;
import io.brique.core.commerce.order.OrderRepository;
import io.brique.core.commerce.order.OrderService;
import io.brique.core.commerce.order.StockRepository;
import io.brique.core.commerce.store.StoreRepository;
import io.brique.core.db.Database;
import io.brique.core.db.Tx;
import io.brique.core.db.jooq.tables.records.CartRecord;
import io.brique.core.db.jooq.tables.records.OrderAdjustmentRecord;
import io.brique.core.db.jooq.tables.records.OrderLineRecord;
import io.brique.core.db.jooq.tables.records.OrdersRecord;
import io.brique.core.db.jooq.tables.records.StoreRecord;
import io.brique.core.error.Checks;
import io.brique.core.error.ConflictException;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import io.brique.core.event.EventPublisher;
import io.brique.core.mail.MailOutbox;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Turns a cart into an order, exactly once.
 *
 * <p>Idempotent: the same idempotency key gives the same order, and a cart that was already ordered
 * gives that order. Everything happens in ONE transaction: the cart row is locked (concurrent submits
 * of one cart queue up), the cart is re-priced, stock is reserved with a conditional UPDATE per
 * variant in id order (no oversell, no deadlock between two carts), then the order, its lines,
 * adjustments, history, payment, stock movements, the confirmation e-mail and the {@code order.placed}
 * event are written. If any line cannot be reserved the whole transaction rolls back: nothing is
 * written. Two concurrent submits with the same key on different connections: the loser hits the
 * unique key on {@code idempotency_key} and returns the winner's order.
 */
public final class CheckoutService {

    public static final String CHANNEL_WEB = "web";
    public static final String CHANNEL_CLICK_AND_COLLECT = "click_and_collect";
    private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9._:-]{8,100}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Address(String firstName, String lastName, String line1, String line2, String postcode,
            String city, String country, String phone) {
    }

    public record PlaceOrder(String cartToken, String idempotencyKey, Long customerId, String email, Address address,
            String shippingMethod, String storeCode, String paymentMethod, String locale, boolean consentMarketing) {
    }

    /** The order, and whether this call created it (false: a replay answered with the existing order). */
    public record Placed(OrderDetails order, boolean created) {
    }

    private final Database db;
    private final CartRepository carts;
    private final CartService cartService;
    private final PricingService pricing;
    private final TaxRates taxRates;
    private final OrderRepository orders;
    private final OrderService orderService;
    private final StockRepository stock;
    private final StoreRepository stores;
    private final CustomerRepository customers;
    private static final java.time.Duration PAYMENT_BUDGET = java.time.Duration.ofSeconds(5);

    private final PaymentProviders payments;
    private final CartAdjusters adjusters;
    private final OrderMails mails;
    private final MailOutbox mail;
    private final EventPublisher events;
    private final Clock clock;
    private final String numberPrefix;
    private final List<String> languages;

    public CheckoutService(Database db, CartRepository carts, CartService cartService, PricingService pricing,
            TaxRates taxRates, OrderRepository orders, OrderService orderService, StockRepository stock,
            StoreRepository stores, CustomerRepository customers, PaymentProviders payments, CartAdjusters adjusters,
            OrderMails mails,
            MailOutbox mail, EventPublisher events, Clock clock, String numberPrefix, List<String> languages) {
        this.db = db;
        this.carts = carts;
        this.cartService = cartService;
        this.pricing = pricing;
        this.taxRates = taxRates;
        this.orders = orders;
        this.orderService = orderService;
        this.stock = stock;
        this.stores = stores;
        this.customers = customers;
        this.payments = payments;
        this.adjusters = adjusters;
        this.mails = mails;
        this.mail = mail;
        this.events = events;
        this.clock = clock;
        this.numberPrefix = numberPrefix;
        this.languages = languages;
    }

    public static String newIdempotencyKey() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public List<String> countries() {
        return taxRates.countries(db.dsl());
    }

    public List<StoreRecord> pickupStores() {
        return stores.clickAndCollect(db.dsl());
    }

    public List<PaymentProviders.Offer> paymentOffers(boolean pickup) {
        return payments.offers(pickup);
    }

    public Placed placeOrder(PlaceOrder cmd) {
        validate(cmd);
        Optional<OrdersRecord> replay = orders.byIdempotencyKey(db.dsl(), cmd.idempotencyKey());
        if (replay.isPresent()) {
            return replay(replay.get(), cmd);
        }
        return placeOnce(cmd);
    }

    private Placed placeReleasingUnused(PlaceOrder cmd) {
        // Reservations taken by cart adjusters in each attempt; all but the committed order's are released.
        List<CartAdjusters.Reserved> reservations = new java.util.concurrent.CopyOnWriteArrayList<>();
        Placed placed;
        try {
            placed = Transient.retry(() -> db.tx(tx -> place(tx, cmd, reservations)));
        } catch (RuntimeException e) {
            reservations.forEach(adjusters::release);
            throw e;
        }
        String kept = placed.created() ? placed.order().order().getNumber() : null;
        reservations.stream().filter(r -> !r.orderNumber().equals(kept)).forEach(adjusters::release);
        return placed;
    }

    private Placed placeOnce(PlaceOrder cmd) {
        try {
            return placeReleasingUnused(cmd);
        } catch (DataAccessException e) {
            if (!Transient.isDuplicate(e)) {
                throw e;
            }
            // A concurrent twin committed first: answer with its order.
            Optional<OrdersRecord> twin = orders.byIdempotencyKey(db.dsl(), cmd.idempotencyKey());
            if (twin.isEmpty() && CartService.wellFormedToken(cmd.cartToken())) {
                twin = carts.byToken(db.dsl(), cmd.cartToken()).flatMap(c -> orders.byCartId(db.dsl(), c.getId()));
            }
            return replay(twin.orElseThrow(() -> e), cmd);
        }
    }

    /**
     * The existing order for a replayed submit. A key reused with ANOTHER cart is refused rather than
     * answered: otherwise guessing keys would read other people's orders.
     */
    private Placed replay(OrdersRecord order, PlaceOrder cmd) {
        Long cartId = carts.byToken(db.dsl(), cmd.cartToken()).map(CartRecord::getId).orElse(null);
        if (cartId == null || !cartId.equals(order.getCartId())) {
            throw new ConflictException("idempotency_key_reused",
                    "this Idempotency-Key was already used for another cart");
        }
        return new Placed(orderService.details(db.dsl(), order), false);
    }

    private Placed place(Tx tx, PlaceOrder cmd, List<CartAdjusters.Reserved> reservations) {
        DSLContext dsl = tx.dsl();
        CartRecord cart = carts.byTokenForUpdate(dsl, cmd.cartToken())
                .orElseThrow(() -> new NotFoundException("no such cart"));
        Optional<OrdersRecord> byKey = orders.byIdempotencyKey(dsl, cmd.idempotencyKey());
        if (byKey.isPresent() && !cart.getId().equals(byKey.get().getCartId())) {
            throw new ConflictException("idempotency_key_reused", "this Idempotency-Key was already used for another cart");
        }
        Optional<OrdersRecord> existing = byKey.or(() -> orders.byCartId(dsl, cart.getId()));
        if (existing.isPresent()) {
            return new Placed(orderService.details(dsl, existing.get()), false);
        }
        if (!CartRepository.ACTIVE.equals(cart.getStatus())) {
            throw new ConflictException("cart_closed", "this cart is " + cart.getStatus() + " and cannot be ordered");
        }
        boolean pickup = PricingService.PICKUP.equals(cmd.shippingMethod());
        StoreRecord store = null;
        String country = cmd.address().country();
        if (pickup) {
            store = stores.byCode(dsl, cmd.storeCode()).filter(s -> s.getActive() && s.getClickAndCollect())
                    .orElseThrow(() -> new ValidationException("storeCode", "commerce.error.store"));
            country = store.getCountryCode();
        }
        PaymentProviders.Offer offer = payments.find(cmd.paymentMethod(), pickup)
                .orElseThrow(() -> new ValidationException("paymentMethod", "commerce.error.payment"));
        String lang = cmd.locale();
        CartService.Cart priced = cartServiceView(dsl, cart, lang, country, cmd.shippingMethod());
        PricedCart p = priced.priced();
        if (p.isEmpty()) {
            throw new ConflictException("cart_empty", "the cart is empty");
        }
        for (PricedCart.Line l : p.lines()) {
            if ("unavailable".equals(l.problem())) {
                throw new ConflictException("unavailable", "no longer available: " + l.sku());
            }
        }
        // Reserve in variant id order: two carts sharing variants lock them in the same order.
        List<PricedCart.Line> byVariant = p.lines().stream().sorted(Comparator.comparingLong(PricedCart.Line::variantId))
                .toList();
        for (PricedCart.Line l : byVariant) {
            if (!stock.reserve(dsl, l.variantId(), l.quantity())) {
                throw new ConflictException("out_of_stock", "not enough stock for " + l.sku());
            }
        }
        LocalDateTime now = now();
        OrdersRecord o = new OrdersRecord();
        o.setChannel(pickup ? CHANNEL_CLICK_AND_COLLECT : CHANNEL_WEB);
        o.setStatus(OrderService.PLACED);
        o.setCustomerId(cmd.customerId() != null ? cmd.customerId() : cart.getCustomerId());
        o.setEmail(cmd.email().trim().toLowerCase(Locale.ROOT));
        o.setLocale(lang);
        o.setCurrency(p.currency());
        o.setSubtotalMinor(p.subtotalMinor());
        o.setDiscountMinor(p.discountMinor());
        o.setShippingMinor(p.shippingMinor());
        o.setTaxMinor(p.taxMinor());
        o.setTotalMinor(p.totalMinor());
        o.setRefundedMinor(0L);
        o.setShippingMethod(cmd.shippingMethod());
        o.setStoreId(store == null ? null : store.getId());
        o.setPaymentMethod(cmd.paymentMethod());
        Address a = cmd.address();
        o.setAddrFirstName(a.firstName());
        o.setAddrLastName(a.lastName());
        o.setAddrLine1(pickup ? null : a.line1());
        o.setAddrLine2(pickup ? null : blankToNull(a.line2()));
        o.setAddrPostcode(pickup ? null : a.postcode());
        o.setAddrCity(pickup ? null : a.city());
        o.setAddrCountry(country);
        o.setAddrPhone(blankToNull(a.phone()));
        o.setCartId(cart.getId());
        o.setIdempotencyKey(cmd.idempotencyKey());
        o.setAccessToken(newAccessToken());
        o.setPlacedAt(now);
        o.setUpdatedAt(now);
        o.setVersion(0);
        long id = orders.insert(dsl, o);
        String number = numberPrefix + String.format(Locale.ROOT, "%06d", id);
        orders.setNumber(dsl, id, number);
        List<Events.OrderLine> eventLines = new ArrayList<>();
        for (PricedCart.Line l : p.lines()) {
            OrderLineRecord ol = new OrderLineRecord();
            ol.setOrderId(id);
            ol.setVariantId(l.variantId());
            ol.setProductId(l.productId());
            ol.setSku(l.sku());
            ol.setName(truncate(l.name(), 255));
            ol.setOptionsLabel(truncate(l.optionsLabel(), 255));
            ol.setQuantity(l.quantity());
            ol.setUnitPriceMinor(l.unitPriceMinor());
            ol.setTaxRateBp(l.taxRateBp());
            ol.setLineTotalMinor(l.lineTotalMinor());
            ol.setLineTaxMinor(l.lineTaxMinor());
            orders.insertLine(dsl, ol);
            eventLines.add(new Events.OrderLine(l.variantId(), l.productId(), l.sku(), l.name(), l.quantity(),
                    l.unitPriceMinor(), l.lineTotalMinor(), l.taxRateBp(),
                    l.categoryId() == null ? List.of() : List.of(l.categoryId()), l.brandId()));
        }
        for (CartAdjustment adj : p.adjustments()) {
            OrderAdjustmentRecord r = new OrderAdjustmentRecord();
            r.setOrderId(id);
            r.setSource(truncate(adj.source(), 64));
            r.setCode(truncate(adj.code(), 64));
            r.setLabel(truncate(adj.label(), 255));
            r.setAmountMinor(adj.amountMinor());
            orders.insertAdjustment(dsl, r);
        }
        orders.insertStatusChange(dsl, id, null, OrderService.PLACED, null, "checkout", now);
        reserveAdjustments(p, o, number, lang, reservations);
        for (PricedCart.Line l : byVariant) {
            stock.movement(dsl, l.variantId(), 0, l.quantity(), "order_reserved", number, now);
        }
        // Inside the transaction so a refused payment leaves nothing behind; the call is guarded and
        // time-boxed. Providers must be idempotent per order number (a retried transaction may call again).
        PaymentProvider.PaymentResult pay = payments.start(offer, new PaymentProvider.PaymentRequest(number,
                cmd.paymentMethod(), p.totalMinor(), p.currency(), o.getEmail(), lang), PAYMENT_BUDGET);
        if (pay.status() == PaymentProvider.PaymentResult.Status.FAILED) {
            throw new ConflictException("payment_failed", "the payment could not be started; nothing was charged");
        }
        orders.insertPayment(dsl, id, offer.provider().id(), cmd.paymentMethod(),
                pay.status().name().toLowerCase(Locale.ROOT), p.totalMinor(), p.currency(),
                truncate(pay.reference(), 100), now);
        if (!carts.close(dsl, cart.getId(), CartRepository.ORDERED, id, now)) {
            throw new ConflictException("cart_closed", "this cart was closed meanwhile");
        }
        if (cmd.consentMarketing() && o.getCustomerId() != null) {
            customers.setMarketingConsent(dsl, o.getCustomerId(), true, now);
        }
        OrderDetails details = orderService.details(dsl, orders.byId(dsl, id).orElseThrow());
        mail.enqueue(tx, mails.confirmation(details));
        events.publish(tx, new Events.OrderPlaced(id, number, o.getChannel(), o.getCustomerId(), o.getEmail(),
                o.getCurrency(), o.getSubtotalMinor(), o.getDiscountMinor(), o.getShippingMinor(), o.getTaxMinor(),
                o.getTotalMinor(), cart.getToken(), o.getStoreId(), eventLines));
        return new Placed(details, true);
    }

    /**
     * Asks the plugins whose adjustments are in the order to take them for good (points, last use of a
     * code). A refusal answers 409 with the plugin's message; a failure or time-out answers 409 "try
     * again": never an order with a discount its plugin did not confirm. Runs inside the transaction, so
     * a refusal leaves nothing; what was reserved is released by {@link #placeOrder} if this attempt
     * does not commit.
     */
    private void reserveAdjustments(PricedCart p, OrdersRecord o, String number, String lang,
            List<CartAdjusters.Reserved> reservations) {
        if (p.contributions().isEmpty()) {
            return;
        }
        CartSnapshot seen = p.snapshot();
        java.util.Map<String, String> attributes = new java.util.HashMap<>(seen.attributes());
        attributes.put("locale", lang);
        CartSnapshot cart = new CartSnapshot(seen.cartToken(), o.getCustomerId(), o.getEmail(), seen.currency(),
                seen.country(), seen.lines(), seen.subtotalMinor(), seen.shippingMinor(), seen.shippingMethod(),
                attributes);
        switch (adjusters.reserve(cart, p.contributions(), number)) {
            case CartAdjusters.Reserved r -> reservations.add(r);
            case CartAdjusters.Refused r -> throw new ConflictException("adjustment_refused", r.shopperMessage());
            case CartAdjusters.Unconfirmed u -> throw new ConflictException("adjustment_unconfirmed",
                    "a discount of this cart could not be confirmed just now; please try again");
        }
    }

    private CartService.Cart cartServiceView(DSLContext dsl, CartRecord cart, String lang, String country,
            String shippingMethod) {
        return cartService.priceInTx(dsl, cart, lang, country, shippingMethod);
    }

    private void validate(PlaceOrder cmd) {
        Checks c = new Checks();
        c.required("idempotencyKey", cmd.idempotencyKey());
        c.check(cmd.idempotencyKey() == null || KEY.matcher(cmd.idempotencyKey()).matches(), "idempotencyKey",
                "commerce.error.idempotency_key");
        c.required("email", cmd.email()).email("email", cmd.email()).maxLength("email", cmd.email(), 254);
        c.required("shippingMethod", cmd.shippingMethod());
        c.check(cmd.shippingMethod() == null || PricingService.HOME.equals(cmd.shippingMethod())
                || PricingService.PICKUP.equals(cmd.shippingMethod()), "shippingMethod", "commerce.error.shipping");
        c.required("paymentMethod", cmd.paymentMethod()).maxLength("paymentMethod", cmd.paymentMethod(), 40);
        c.check(cmd.locale() != null && languages.contains(cmd.locale()), "locale", "error.range");
        Address a = cmd.address();
        if (a == null) {
            c.check(false, "address", "error.required");
        } else {
            c.required("firstName", a.firstName()).maxLength("firstName", a.firstName(), 100);
            c.required("lastName", a.lastName()).maxLength("lastName", a.lastName(), 100);
            c.maxLength("phone", a.phone(), 32);
            c.check(a.phone() == null || a.phone().isBlank() || a.phone().matches("^[+0-9 ().-]{4,32}$"), "phone",
                    "commerce.error.phone");
            if (PricingService.HOME.equals(cmd.shippingMethod())) {
                c.required("line1", a.line1()).maxLength("line1", a.line1(), 200);
                c.maxLength("line2", a.line2(), 200);
                c.required("postcode", a.postcode()).maxLength("postcode", a.postcode(), 20);
                c.required("city", a.city()).maxLength("city", a.city(), 100);
                c.required("country", a.country());
                c.check(a.country() == null || a.country().isBlank() || countries().contains(a.country()), "country",
                        "commerce.error.country");
            }
        }
        if (PricingService.PICKUP.equals(cmd.shippingMethod())) {
            c.required("storeCode", cmd.storeCode()).maxLength("storeCode", cmd.storeCode(), 30);
        }
        c.throwIfAny();
        if (!CartService.wellFormedToken(cmd.cartToken())) {
            throw new NotFoundException("no such cart");
        }
    }

    private static String newAccessToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

}
