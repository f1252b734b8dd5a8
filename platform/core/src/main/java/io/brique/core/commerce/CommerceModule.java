package io.brique.core.commerce;

import io.brique.api.Money;
import io.brique.core.Core;
import io.brique.core.commerce.cart.CartAdjusters;
import io.brique.core.commerce.cart.CartRepository;
import io.brique.core.commerce.cart.CartService;
import io.brique.core.commerce.cart.CatalogReader;
import io.brique.core.commerce.cart.PricingService;
import io.brique.core.commerce.cart.TaxRates;
import io.brique.core.commerce.checkout.CheckoutService;
import io.brique.core.commerce.checkout.OrderMails;
import io.brique.core.commerce.checkout.PaymentProviders;
import io.brique.core.commerce.customer.CustomerRepository;
import io.brique.core.commerce.customer.CustomerPrivacy;
import io.brique.core.commerce.customer.CustomerService;
import io.brique.core.commerce.settings.ShopSettings;
import io.brique.core.commerce.customer.PasswordHasher;
import io.brique.core.commerce.customer.SessionService;
import io.brique.core.commerce.order.OrderRepository;
import io.brique.core.commerce.order.OrderService;
import io.brique.core.commerce.order.StockRepository;
import io.brique.core.commerce.store.StoreRepository;
import io.brique.core.commerce.store.StoreSaleImportService;
import io.brique.core.commerce.web.AccountPages;
import io.brique.core.commerce.web.CartApi;
import io.brique.core.commerce.web.CartPages;
import io.brique.core.commerce.web.CheckoutPages;
import io.brique.core.commerce.web.CustomerApi;
import io.brique.core.commerce.web.OrderApi;
import io.brique.core.commerce.web.StoreSalesApi;
import io.brique.core.commerce.web.Visitors;
import io.brique.core.config.BriqueConfig;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires customers, sessions, carts, checkout, orders, payments and store sales. */
public final class CommerceModule {

    private static final Logger LOG = LoggerFactory.getLogger(CommerceModule.class);

    private final Core core;
    private final StoreRepository stores = new StoreRepository();
    private final CartAdjusters adjusters;
    private final PaymentProviders payments;
    private final PricingService pricing;
    private final CartService carts;
    private final OrderService orders;
    private final CheckoutService checkout;
    private final CustomerService customers;
    private final SessionService sessions;
    private final StoreSaleImportService storeSales;
    private final ShopSettings settings;
    private final CustomerPrivacy privacy;

    public CommerceModule(Core core) {
        this.core = core;
        BriqueConfig cfg = core.config();
        String currency = cfg.get("shop.currency", "EUR");
        String homeCountry = cfg.get("shop.country", "FR");
        String prefix = cfg.get("order.number-prefix", "BR");
        List<String> languages = Arrays.stream(cfg.get("shop.locales", "fr,en").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        String defaultLang = cfg.defaultLocale().getLanguage();

        TaxRates taxRates = new TaxRates();
        CatalogReader catalog = new CatalogReader();
        CartRepository cartRepo = new CartRepository();
        OrderRepository orderRepo = new OrderRepository();
        StockRepository stock = new StockRepository();
        CustomerRepository customerRepo = new CustomerRepository();
        adjusters = new CartAdjusters(core.extensions(), cfg.getDuration("cart.adjuster-timeout", Duration.ofMillis(250)),
                cfg.getDuration("cart.reserve-timeout", Duration.ofSeconds(2)));
        payments = new PaymentProviders(core.extensions());
        settings = new ShopSettings(core.db(), core.clock(), currency, new ShopSettings.Shipping(
                Money.parse(cfg.get("shipping.flat-rate", "4.90"), currency).minor(),
                Money.parse(cfg.get("shipping.free-threshold", "60.00"), currency).minor()));
        pricing = new PricingService(taxRates, adjusters, homeCountry, settings);
        carts = new CartService(core.db(), cartRepo, catalog, pricing, core.events(), core.clock(), currency);
        orders = new OrderService(core.db(), orderRepo, stock, core.events(), core.clock());
        OrderMails mails = new OrderMails(core.messages(), core.web().views(),
                ZoneId.of(cfg.get("shop.timezone", "Europe/Paris")), cfg.baseUrl(), cfg.get("shop.name", "Brique"));
        checkout = new CheckoutService(core.db(), cartRepo, carts, pricing, taxRates, orderRepo, orders, stock, stores,
                customerRepo, payments, adjusters, mails, core.mail(), core.events(), core.clock(), prefix, languages);
        sessions = new SessionService(core.db(), core.clock(), cfg.getDuration("session.ttl", Duration.ofDays(30)));
        customers = new CustomerService(core.db(), customerRepo, new PasswordHasher(), sessions, carts, core.events(),
                core.clock(), checkout::countries, languages);
        storeSales = new StoreSaleImportService(core.db(), stores, catalog, taxRates, orderRepo, stock, customerRepo,
                core.events(), core.clock(), currency, prefix, defaultLang);

        privacy = new CustomerPrivacy(core.db(), core.extensions(), core.events(), core.clock(),
                cfg.getDuration("gdpr.plugin-budget", Duration.ofSeconds(5)));

        Visitors visitors = new Visitors(sessions, carts);
        core.web().useVisitors(visitors);
        new CartPages(carts, visitors).register(core.router());
        new CheckoutPages(carts, checkout, orders, customers, visitors, homeCountry, core.observations()).register(core.router());
        new AccountPages(customers, sessions, orders, checkout, visitors).register(core.router());
        new CartApi(carts, checkout, catalog, core.db(), defaultLang, homeCountry).register(core.router());
        new OrderApi(orders, core.apiTokens(), currency).register(core.router());
        new CustomerApi(customers, core.apiTokens()).register(core.router());
        new StoreSalesApi(storeSales, core.apiTokens()).register(core.router());
    }

    /** Demo stores (Paris, Lyon) for click and collect, when there are none. */
    public void loadDemoDataIfEmpty() {
        core.db().txRun(tx -> {
            if (stores.count(tx.dsl()) > 0) {
                return;
            }
            stores.insert(tx.dsl(), "PAR-MARAIS", "Brique Paris Marais", "12 rue des Francs-Bourgeois", "75004",
                    "Paris", "FR", "+33 1 42 00 00 01");
            stores.insert(tx.dsl(), "PAR-BATIGNOLLES", "Brique Paris Batignolles", "48 rue des Dames", "75017",
                    "Paris", "FR", "+33 1 42 00 00 02");
            stores.insert(tx.dsl(), "LYS-PRESQUILE", "Brique Lyon Presqu'île", "7 rue de la République", "69002",
                    "Lyon", "FR", "+33 4 72 00 00 03");
            LOG.info("demo stores created (Paris x2, Lyon)");
        });
    }

    public CartAdjusters cartAdjusters() {
        return adjusters;
    }

    public PaymentProviders paymentProviders() {
        return payments;
    }

    public PricingService pricing() {
        return pricing;
    }

    public CartService carts() {
        return carts;
    }

    public OrderService orders() {
        return orders;
    }

    public CheckoutService checkout() {
        return checkout;
    }

    public CustomerService customers() {
        return customers;
    }

    public SessionService sessions() {
        return sessions;
    }

    /** Shipping prices, VAT rates and stores, editable at run time. */
    public ShopSettings settings() {
        return settings;
    }

    /** GDPR export and erasure of one customer (core data and every plugin's). */
    public CustomerPrivacy privacy() {
        return privacy;
    }

    public StoreSaleImportService storeSales() {
        return storeSales;
    }
}
