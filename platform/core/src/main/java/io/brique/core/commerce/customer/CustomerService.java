package io.brique.core.commerce.customer;

import io.brique.api.event.Events;
import io.brique.core.commerce.cart.CartService;
import io.brique.core.db.Database;
import io.brique.core.db.jooq.tables.records.CustomerAddressRecord;
import io.brique.core.db.jooq.tables.records.CustomerRecord;
import io.brique.core.error.Checks;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import io.brique.core.event.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;

/**
 * Customer accounts: registration (unique lower-cased e-mail, Argon2id password), login with a
 * generic error and database-backed throttling (5 failures per e-mail in 15 minutes, shared by all
 * nodes), profile, consents with timestamps, addresses.
 */
public final class CustomerService {

    public static final int MIN_PASSWORD = 10;
    public static final int MAX_PASSWORD = 200;
    static final int MAX_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);

    public record Registration(String email, String password, String firstName, String lastName, String locale,
            boolean consentMarketing) {
    }

    /** A successful login: the customer, the new session cookie value, and the cart token after the merge. */
    public record Login(CustomerRecord customer, String sessionToken, String cartToken) {
    }

    public record AddressInput(String firstName, String lastName, String line1, String line2, String postcode,
            String city, String country, String phone) {
    }

    /** What the back office may change on a customer's profile, all at once. */
    public record ProfileEdit(String email, String firstName, String lastName, String phone, boolean marketing,
            boolean analytics) {
    }

    /** A page of customers. */
    public record Page(List<CustomerRecord> items, int page, int size, int total) {
    }

    private final Database db;
    private final CustomerRepository customers;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final CartService carts;
    private final EventPublisher events;
    private final Clock clock;
    private final Supplier<List<String>> countries;
    private final List<String> languages;

    public CustomerService(Database db, CustomerRepository customers, PasswordHasher hasher, SessionService sessions,
            CartService carts, EventPublisher events, Clock clock, Supplier<List<String>> countries,
            List<String> languages) {
        this.db = db;
        this.customers = customers;
        this.hasher = hasher;
        this.sessions = sessions;
        this.carts = carts;
        this.events = events;
        this.clock = clock;
        this.countries = countries;
        this.languages = languages;
    }

    public static String normaliseEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    public CustomerRecord register(Registration r) {
        String email = normaliseEmail(r.email());
        Checks c = new Checks();
        c.required("email", email).email("email", email).maxLength("email", email, 254);
        c.required("password", r.password());
        c.check(r.password() == null || r.password().length() >= MIN_PASSWORD, "password", "commerce.error.password_short");
        c.check(r.password() == null || r.password().length() <= MAX_PASSWORD, "password", "error.too_long");
        c.maxLength("firstName", r.firstName(), 100).maxLength("lastName", r.lastName(), 100);
        c.check(r.locale() == null || languages.contains(r.locale()), "locale", "error.range");
        c.throwIfAny();
        String hash = hasher.hash(r.password());
        LocalDateTime now = now();
        try {
            return db.tx(tx -> {
                if (customers.byEmail(tx.dsl(), email).isPresent()) {
                    throw new ValidationException("email", "commerce.error.email_taken");
                }
                CustomerRecord cr = new CustomerRecord();
                cr.setEmail(email);
                cr.setPasswordHash(hash);
                cr.setFirstName(blankToNull(r.firstName()));
                cr.setLastName(blankToNull(r.lastName()));
                cr.setLocale(r.locale() == null ? languages.get(0) : r.locale());
                cr.setConsentMarketing(r.consentMarketing());
                cr.setConsentMarketingAt(r.consentMarketing() ? now : null);
                cr.setConsentAnalytics(false);
                cr.setStatus("active");
                cr.setCreatedAt(now);
                cr.setUpdatedAt(now);
                long id = customers.insert(tx.dsl(), cr);
                events.publish(tx, new Events.CustomerRegistered(id, email, cr.getFirstName(), cr.getLastName(),
                        cr.getLocale(), r.consentMarketing()));
                return customers.byId(tx.dsl(), id).orElseThrow();
            });
        } catch (DataAccessException e) {
            if (io.brique.core.commerce.checkout.Transient.isDuplicate(e)) {
                throw new ValidationException("email", "commerce.error.email_taken");
            }
            throw e;
        }
    }

    /**
     * Checks the credentials. Unknown e-mail and wrong password give the same error (and take the same
     * time); after 5 failures in 15 minutes the e-mail is refused until the window passes. On success
     * a new session is created and the guest cart merged into the customer's cart.
     */
    public Login login(String rawEmail, String password, String guestCartToken, String lang) {
        String email = normaliseEmail(rawEmail);
        if (email == null || email.isEmpty() || email.length() > 254 || password == null || password.isEmpty()
                || password.length() > MAX_PASSWORD) {
            throw new ValidationException("email", "commerce.login.failed");
        }
        LocalDateTime now = now();
        customers.purgeAttempts(db.dsl(), email, now.minus(FAILURE_WINDOW));
        // The attempt is counted as a failure BEFORE the password is checked, so parallel guesses
        // cannot all slip under the limit; a success wipes the count.
        customers.recordLogin(db.dsl(), email, false, now);
        if (customers.recentFailures(db.dsl(), email, now.minus(FAILURE_WINDOW)) > MAX_FAILURES) {
            throw new ValidationException("email", "commerce.login.throttled");
        }
        CustomerRecord c = customers.byEmail(db.dsl(), email).filter(x -> "active".equals(x.getStatus())).orElse(null);
        boolean ok = hasher.verify(password, c == null || c.getPasswordHash() == null ? hasher.dummyHash()
                : c.getPasswordHash()) && c != null && c.getPasswordHash() != null;
        if (!ok) {
            throw new ValidationException("email", "commerce.login.failed");
        }
        return db.tx(tx -> {
            customers.purgeAttempts(tx.dsl(), email, now.plusSeconds(1));
            customers.recordLogin(tx.dsl(), email, true, now);
            customers.touchLogin(tx.dsl(), c.getId(), now);
            String session = sessions.create(tx.dsl(), c.getId());
            String cartToken = carts.mergeAtLogin(tx, guestCartToken, c.getId(), lang);
            events.publish(tx, new Events.CustomerLoggedIn(c.getId(),
                    guestCartToken != null && !guestCartToken.equals(cartToken) ? guestCartToken : null));
            return new Login(c, session, cartToken);
        });
    }

    public CustomerRecord get(long id) {
        return customers.byId(db.dsl(), id).orElseThrow(() -> new NotFoundException("no such customer"));
    }

    public Page search(String q, int page, int size) {
        if (q != null && q.length() > 100) {
            throw new ValidationException("q", "error.too_long");
        }
        return new Page(customers.search(db.dsl(), q, (page - 1) * size, size), page, size, customers.count(db.dsl(), q));
    }

    public void updateProfile(long id, String firstName, String lastName, String phone, boolean marketing,
            boolean analytics) {
        Checks c = new Checks();
        c.maxLength("firstName", firstName, 100).maxLength("lastName", lastName, 100).maxLength("phone", phone, 32);
        c.check(phone == null || phone.isBlank() || phone.matches("^[+0-9 ().-]{4,32}$"), "phone", "commerce.error.phone");
        c.throwIfAny();
        db.txRun(tx -> {
            LocalDateTime now = now();
            customers.updateProfile(tx.dsl(), id, blankToNull(firstName), blankToNull(lastName), blankToNull(phone), now);
            customers.setMarketingConsent(tx.dsl(), id, marketing, now);
            customers.setAnalyticsConsent(tx.dsl(), id, analytics, now);
            events.publish(tx, new Events.CustomerUpdated(id, "profile"));
        });
    }

    /**
     * The back office's profile edit: e-mail (unique, normalised), names, phone and consents in one
     * transaction, so a refused e-mail leaves everything as it was. An erased customer cannot be edited.
     */
    public CustomerRecord editProfile(long id, ProfileEdit e) {
        String email = normaliseEmail(e.email());
        Checks c = new Checks();
        c.required("email", email).email("email", email).maxLength("email", email, 254);
        c.maxLength("firstName", e.firstName(), 100).maxLength("lastName", e.lastName(), 100)
                .maxLength("phone", e.phone(), 32);
        c.check(e.phone() == null || e.phone().isBlank() || e.phone().matches("^[+0-9 ().-]{4,32}$"), "phone",
                "commerce.error.phone");
        c.throwIfAny();
        try {
            return db.tx(tx -> {
                CustomerRecord current = customers.byId(tx.dsl(), id)
                        .orElseThrow(() -> new NotFoundException("no such customer"));
                if (CustomerPrivacy.ERASED.equals(current.getStatus())) {
                    throw new io.brique.core.error.ConflictException("erased", "an erased customer cannot be edited");
                }
                var other = customers.byEmail(tx.dsl(), email);
                if (other.isPresent() && other.get().getId() != id) {
                    throw new ValidationException("email", "commerce.error.email_taken");
                }
                LocalDateTime now = now();
                customers.updateProfile(tx.dsl(), id, blankToNull(e.firstName()), blankToNull(e.lastName()),
                        blankToNull(e.phone()), now);
                if (!email.equals(current.getEmail())) {
                    customers.updateEmail(tx.dsl(), id, email, now);
                }
                if (e.marketing() != Boolean.TRUE.equals(current.getConsentMarketing())) {
                    customers.setMarketingConsent(tx.dsl(), id, e.marketing(), now);
                }
                if (e.analytics() != Boolean.TRUE.equals(current.getConsentAnalytics())) {
                    customers.setAnalyticsConsent(tx.dsl(), id, e.analytics(), now);
                }
                events.publish(tx, new Events.CustomerUpdated(id, "profile"));
                return customers.byId(tx.dsl(), id).orElseThrow();
            });
        } catch (DataAccessException ex) {
            if (io.brique.core.commerce.checkout.Transient.isDuplicate(ex)) {
                throw new ValidationException("email", "commerce.error.email_taken");
            }
            throw ex;
        }
    }

    public List<CustomerAddressRecord> addresses(long customerId) {
        return customers.addresses(db.dsl(), customerId);
    }

    public long addAddress(long customerId, AddressInput in) {
        validate(in);
        return db.tx(tx -> {
            CustomerAddressRecord a = toRecord(customerId, in);
            a.setIsDefault(customers.addresses(tx.dsl(), customerId).isEmpty());
            a.setCreatedAt(now());
            long id = customers.insertAddress(tx.dsl(), a);
            events.publish(tx, new Events.CustomerUpdated(customerId, "address_added"));
            return id;
        });
    }

    public void updateAddress(long customerId, long addressId, AddressInput in) {
        validate(in);
        db.txRun(tx -> {
            CustomerAddressRecord a = toRecord(customerId, in);
            a.setId(addressId);
            if (customers.updateAddress(tx.dsl(), a) == 0) {
                throw new NotFoundException("no such address");
            }
            events.publish(tx, new Events.CustomerUpdated(customerId, "address_changed"));
        });
    }

    public void deleteAddress(long customerId, long addressId) {
        db.txRun(tx -> {
            if (customers.deleteAddress(tx.dsl(), customerId, addressId) == 0) {
                throw new NotFoundException("no such address");
            }
            events.publish(tx, new Events.CustomerUpdated(customerId, "address_removed"));
        });
    }

    private void validate(AddressInput in) {
        Checks c = new Checks();
        c.required("firstName", in.firstName()).maxLength("firstName", in.firstName(), 100);
        c.required("lastName", in.lastName()).maxLength("lastName", in.lastName(), 100);
        c.required("line1", in.line1()).maxLength("line1", in.line1(), 200);
        c.maxLength("line2", in.line2(), 200);
        c.required("postcode", in.postcode()).maxLength("postcode", in.postcode(), 20);
        c.required("city", in.city()).maxLength("city", in.city(), 100);
        c.required("country", in.country());
        c.check(in.country() == null || in.country().isBlank() || countries.get().contains(in.country()), "country",
                "commerce.error.country");
        c.maxLength("phone", in.phone(), 32);
        c.throwIfAny();
    }

    private static CustomerAddressRecord toRecord(long customerId, AddressInput in) {
        CustomerAddressRecord a = new CustomerAddressRecord();
        a.setCustomerId(customerId);
        a.setFirstName(in.firstName());
        a.setLastName(in.lastName());
        a.setLine1(in.line1());
        a.setLine2(blankToNull(in.line2()));
        a.setPostcode(in.postcode());
        a.setCity(in.city());
        a.setCountryCode(in.country());
        a.setPhone(blankToNull(in.phone()));
        return a;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
