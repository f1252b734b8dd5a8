package io.brique.core.commerce.customer;

import static io.brique.core.db.jooq.Tables.CART;
import static io.brique.core.db.jooq.Tables.CUSTOMER;
import static io.brique.core.db.jooq.Tables.CUSTOMER_ADDRESS;
import static io.brique.core.db.jooq.Tables.LOGIN_ATTEMPT;
import static io.brique.core.db.jooq.Tables.ORDERS;
import static io.brique.core.db.jooq.Tables.WEB_SESSION;

import io.brique.api.customer.CustomerDataHandler;
import io.brique.api.event.Events;
import io.brique.core.db.Database;
import io.brique.core.db.jooq.tables.records.CustomerRecord;
import io.brique.core.error.NotFoundException;
import io.brique.core.event.EventPublisher;
import io.brique.core.plugin.ExtensionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * GDPR for one customer: export of everything the shop holds (core data plus each enabled plugin's
 * {@link CustomerDataHandler}) and erasure.
 *
 * <p>Erasure: each plugin's handler runs first (guarded, time-boxed; a failure is reported, not hidden,
 * and erasure can be run again since handlers are idempotent), then the core data in one transaction:
 * the customer row is kept as an anonymous shell (status {@code erased}, e-mail replaced by
 * {@code erased-<id>@erased.invalid}, names, phone, birth date, password and consents cleared), addresses,
 * sessions, login attempts and open carts are deleted. Orders are kept for accounting (amounts, lines,
 * VAT, destination country stay: they are legal records) but their personal fields are anonymised
 * (e-mail, name, street, postcode, city, phone). A {@code customer.updated} event ({@code erased}) tells
 * listeners.
 */
public final class CustomerPrivacy {

    public static final String ERASED = "erased";

    /** What happened to one plugin's data. */
    public record PluginOutcome(String pluginId, boolean ok, String summary) {
    }

    public record Erasure(long customerId, List<PluginOutcome> plugins, int ordersAnonymised) {
    }

    private final Database db;
    private final ExtensionRegistry extensions;
    private final EventPublisher events;
    private final Clock clock;
    private final Duration budget;

    public CustomerPrivacy(Database db, ExtensionRegistry extensions, EventPublisher events, Clock clock,
            Duration budget) {
        this.db = db;
        this.extensions = extensions;
        this.events = events;
        this.clock = clock;
        this.budget = budget;
    }

    private CustomerRecord customer(DSLContext dsl, long id) {
        return dsl.selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(id)).fetchOptional()
                .orElseThrow(() -> new NotFoundException("no such customer"));
    }

    /** Everything held about the customer, as JSON-friendly values. */
    public Map<String, Object> export(long customerId) {
        DSLContext dsl = db.dsl();
        CustomerRecord c = customer(dsl, customerId);
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", c.getId());
        profile.put("email", c.getEmail());
        profile.put("firstName", c.getFirstName());
        profile.put("lastName", c.getLastName());
        profile.put("phone", c.getPhone());
        profile.put("birthDate", c.getBirthDate() == null ? null : c.getBirthDate().toString());
        profile.put("locale", c.getLocale());
        profile.put("status", c.getStatus());
        profile.put("consentMarketing", c.getConsentMarketing());
        profile.put("consentMarketingAt", str(c.getConsentMarketingAt()));
        profile.put("consentAnalytics", c.getConsentAnalytics());
        profile.put("consentAnalyticsAt", str(c.getConsentAnalyticsAt()));
        profile.put("createdAt", str(c.getCreatedAt()));
        profile.put("lastLoginAt", str(c.getLastLoginAt()));
        out.put("profile", profile);
        out.put("addresses", dsl.selectFrom(CUSTOMER_ADDRESS).where(CUSTOMER_ADDRESS.CUSTOMER_ID.eq(customerId))
                .orderBy(CUSTOMER_ADDRESS.ID).fetch(a -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("firstName", a.getFirstName());
                    m.put("lastName", a.getLastName());
                    m.put("company", a.getCompany());
                    m.put("line1", a.getLine1());
                    m.put("line2", a.getLine2());
                    m.put("postcode", a.getPostcode());
                    m.put("city", a.getCity());
                    m.put("country", a.getCountryCode());
                    m.put("phone", a.getPhone());
                    return m;
                }));
        out.put("orders", dsl.selectFrom(ORDERS).where(ORDERS.CUSTOMER_ID.eq(customerId)).orderBy(ORDERS.ID)
                .fetch(o -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("number", o.getNumber());
                    m.put("placedAt", str(o.getPlacedAt()));
                    m.put("status", o.getStatus());
                    m.put("currency", o.getCurrency());
                    m.put("totalMinor", o.getTotalMinor());
                    m.put("email", o.getEmail());
                    m.put("shippingName", join(o.getAddrFirstName(), o.getAddrLastName()));
                    m.put("shippingAddress", join(o.getAddrLine1(), o.getAddrLine2(), o.getAddrPostcode(),
                            o.getAddrCity(), o.getAddrCountry()));
                    return m;
                }));
        Map<String, Object> plugins = new LinkedHashMap<>();
        for (var e : extensions.entries(CustomerDataHandler.class)) {
            Map<String, Object> data = extensions.call(e, "customer-export", budget,
                    h -> h.export(customerId, c.getEmail()), null);
            plugins.put(e.owner(), data == null ? Map.of("error", "the plugin did not answer") : data);
        }
        out.put("plugins", plugins);
        return out;
    }

    /** Erases the customer (see the class comment); a second call only re-runs the plugins' handlers. */
    public Erasure erase(long customerId) {
        CustomerRecord c = customer(db.dsl(), customerId);
        String email = c.getEmail();
        List<PluginOutcome> outcomes = new ArrayList<>();
        for (var e : extensions.entries(CustomerDataHandler.class)) {
            String summary = extensions.call(e, "customer-erase", budget, h -> {
                String s = h.erase(customerId, email);
                return s == null ? "" : s;
            }, null);
            outcomes.add(new PluginOutcome(e.owner(), summary != null, summary == null ? "failed" : summary));
        }
        int orders = db.tx(tx -> {
            DSLContext dsl = tx.dsl();
            dsl.selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(customerId)).forUpdate()
                    .fetchOptional().orElseThrow(() -> new NotFoundException("no such customer"));
            LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
            String placeholder = "erased-" + customerId + "@erased.invalid";
            dsl.update(CUSTOMER).set(CUSTOMER.EMAIL, placeholder).setNull(CUSTOMER.PASSWORD_HASH)
                    .setNull(CUSTOMER.FIRST_NAME).setNull(CUSTOMER.LAST_NAME).setNull(CUSTOMER.PHONE)
                    .setNull(CUSTOMER.BIRTH_DATE).set(CUSTOMER.CONSENT_MARKETING, false)
                    .set(CUSTOMER.CONSENT_ANALYTICS, false).set(CUSTOMER.STATUS, ERASED)
                    .set(CUSTOMER.UPDATED_AT, now).where(CUSTOMER.ID.eq(customerId)).execute();
            dsl.deleteFrom(CUSTOMER_ADDRESS).where(CUSTOMER_ADDRESS.CUSTOMER_ID.eq(customerId)).execute();
            dsl.deleteFrom(WEB_SESSION).where(WEB_SESSION.CUSTOMER_ID.eq(customerId)).execute();
            dsl.deleteFrom(LOGIN_ATTEMPT).where(LOGIN_ATTEMPT.EMAIL.eq(email)).execute();
            dsl.update(CART).setNull(CART.CUSTOMER_ID).where(CART.CUSTOMER_ID.eq(customerId)).execute();
            int n = dsl.update(ORDERS).set(ORDERS.EMAIL, placeholder).setNull(ORDERS.ADDR_FIRST_NAME)
                    .setNull(ORDERS.ADDR_LAST_NAME).setNull(ORDERS.ADDR_LINE1).setNull(ORDERS.ADDR_LINE2)
                    .setNull(ORDERS.ADDR_POSTCODE).setNull(ORDERS.ADDR_CITY).setNull(ORDERS.ADDR_PHONE)
                    .where(ORDERS.CUSTOMER_ID.eq(customerId).or(ORDERS.EMAIL.eq(email))).execute();
            events.publish(tx, new Events.CustomerUpdated(customerId, ERASED));
            return n;
        });
        return new Erasure(customerId, outcomes, orders);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                b.append(b.isEmpty() ? "" : ", ").append(p);
            }
        }
        return b.toString();
    }
}
