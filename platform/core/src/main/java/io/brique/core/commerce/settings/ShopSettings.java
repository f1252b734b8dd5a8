package io.brique.core.commerce.settings;

import static io.brique.core.db.jooq.Tables.SHOP_SETTING;
import static io.brique.core.db.jooq.Tables.STORE;
import static io.brique.core.db.jooq.Tables.TAX_RATE;

import io.brique.core.db.Database;
import io.brique.core.db.jooq.tables.records.StoreRecord;
import io.brique.core.error.Checks;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The shop settings merchants change at run time, stored in the database so every node sees a change
 * at once: shipping flat rate and free-shipping threshold ({@code shop_setting}, falling back to the
 * configured defaults), VAT rates per country and tax class ({@code tax_rate}) and the physical stores
 * ({@code store}). The currency stays configuration ({@code shop.currency}): see docs/architecture.md.
 */
public final class ShopSettings {

    public static final String FLAT_RATE = "shipping.flat-rate";
    public static final String FREE_THRESHOLD = "shipping.free-threshold";
    public static final Set<String> TAX_CLASSES = Set.of("standard", "reduced", "super_reduced", "zero");

    /** Shipping prices in minor units of the shop currency. */
    public record Shipping(long flatRateMinor, long freeThresholdMinor) {
    }

    /** A store as the admin edits it. */
    public record StoreInput(String code, String name, String line1, String postcode, String city, String country,
            String phone, boolean clickAndCollect, boolean active) {
    }

    private final Database db;
    private final Clock clock;
    private final String currency;
    private final Shipping defaults;

    public ShopSettings(Database db, Clock clock, String currency, Shipping defaults) {
        this.db = db;
        this.clock = clock;
        this.currency = currency;
        this.defaults = defaults;
    }

    public String currency() {
        return currency;
    }

    /** Current shipping prices, read in the caller's transaction (one small primary-key query). */
    public Shipping shipping(DSLContext dsl) {
        Map<String, String> rows = new LinkedHashMap<>();
        dsl.select(SHOP_SETTING.NAME, SHOP_SETTING.VALUE).from(SHOP_SETTING)
                .where(SHOP_SETTING.NAME.in(FLAT_RATE, FREE_THRESHOLD)).fetch()
                .forEach(r -> rows.put(r.value1(), r.value2()));
        return new Shipping(parse(rows.get(FLAT_RATE), defaults.flatRateMinor()),
                parse(rows.get(FREE_THRESHOLD), defaults.freeThresholdMinor()));
    }

    public Shipping shipping() {
        return shipping(db.dsl());
    }

    private static long parse(String v, long fallback) {
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public void saveShipping(long flatRateMinor, long freeThresholdMinor) {
        Checks c = new Checks();
        c.check(flatRateMinor >= 0 && flatRateMinor <= 100_000_00L, "flatRate", "error.range");
        c.check(freeThresholdMinor >= 0 && freeThresholdMinor <= 100_000_000_00L, "freeThreshold", "error.range");
        c.throwIfAny();
        db.txRun(tx -> {
            put(tx.dsl(), FLAT_RATE, Long.toString(flatRateMinor));
            put(tx.dsl(), FREE_THRESHOLD, Long.toString(freeThresholdMinor));
        });
    }

    private void put(DSLContext dsl, String name, String value) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        int n = dsl.update(SHOP_SETTING).set(SHOP_SETTING.VALUE, value).set(SHOP_SETTING.UPDATED_AT, now)
                .where(SHOP_SETTING.NAME.eq(name)).execute();
        if (n == 0) {
            dsl.insertInto(SHOP_SETTING).set(SHOP_SETTING.NAME, name).set(SHOP_SETTING.VALUE, value)
                    .set(SHOP_SETTING.UPDATED_AT, now).execute();
        }
    }

    // ---- VAT ---------------------------------------------------------------------------------

    /** country -> tax class -> rate in basis points, countries in alphabetical order. */
    public Map<String, Map<String, Integer>> taxRates() {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        db.dsl().selectFrom(TAX_RATE).orderBy(TAX_RATE.COUNTRY_CODE, TAX_RATE.TAX_CLASS).fetch()
                .forEach(r -> out.computeIfAbsent(r.getCountryCode(), k -> new LinkedHashMap<>())
                        .put(r.getTaxClass(), r.getRateBp()));
        return out;
    }

    /** Sets (or adds) the rate of one country and tax class; a new country becomes a shipping destination. */
    public void saveTaxRate(String country, String taxClass, int rateBp) {
        Checks c = new Checks();
        c.check(country != null && country.matches("^[A-Z]{2}$"), "country", "commerce.error.country");
        c.check(taxClass != null && TAX_CLASSES.contains(taxClass), "taxClass", "error.range");
        c.check(rateBp >= 0 && rateBp <= 10_000, "rate", "error.range");
        c.throwIfAny();
        db.txRun(tx -> {
            int n = tx.dsl().update(TAX_RATE).set(TAX_RATE.RATE_BP, rateBp).where(TAX_RATE.COUNTRY_CODE.eq(country))
                    .and(TAX_RATE.TAX_CLASS.eq(taxClass)).execute();
            if (n == 0) {
                tx.dsl().insertInto(TAX_RATE).set(TAX_RATE.COUNTRY_CODE, country).set(TAX_RATE.TAX_CLASS, taxClass)
                        .set(TAX_RATE.RATE_BP, rateBp).execute();
            }
        });
    }

    // ---- stores ------------------------------------------------------------------------------

    public List<StoreRecord> stores() {
        return db.dsl().selectFrom(STORE).orderBy(STORE.CITY, STORE.NAME).fetch();
    }

    public StoreRecord store(long id) {
        return db.dsl().selectFrom(STORE).where(STORE.ID.eq(id)).fetchOptional()
                .orElseThrow(() -> new NotFoundException("no such store"));
    }

    /** Creates ({@code id} null) or updates a store; the code is unique. Returns the id. */
    public long saveStore(Long id, StoreInput in) {
        Checks c = new Checks();
        c.required("code", in.code()).check(in.code() == null || in.code().isBlank()
                || in.code().matches("^[A-Z0-9][A-Z0-9_-]{0,29}$"), "code", "admin.shop.error.code");
        c.required("name", in.name()).maxLength("name", in.name(), 100);
        c.required("line1", in.line1()).maxLength("line1", in.line1(), 200);
        c.required("postcode", in.postcode()).maxLength("postcode", in.postcode(), 20);
        c.required("city", in.city()).maxLength("city", in.city(), 100);
        c.check(in.country() != null && in.country().matches("^[A-Z]{2}$"), "country", "commerce.error.country");
        c.maxLength("phone", in.phone(), 32);
        c.check(in.phone() == null || in.phone().isBlank() || in.phone().matches("^[+0-9 ().-]{4,32}$"), "phone",
                "commerce.error.phone");
        c.throwIfAny();
        return db.tx(tx -> {
            DSLContext dsl = tx.dsl();
            boolean taken = dsl.fetchExists(STORE, STORE.CODE.eq(in.code()).and(id == null ? org.jooq.impl.DSL.trueCondition()
                    : STORE.ID.ne(id)));
            if (taken) {
                throw new ValidationException("code", "admin.shop.error.code_taken");
            }
            String phone = in.phone() == null || in.phone().isBlank() ? null : in.phone().trim();
            if (id == null) {
                return io.brique.core.db.Inserts.id(dsl, dsl.insertInto(STORE).set(STORE.CODE, in.code())
                        .set(STORE.NAME, in.name().trim()).set(STORE.LINE1, in.line1().trim())
                        .set(STORE.POSTCODE, in.postcode().trim()).set(STORE.CITY, in.city().trim())
                        .set(STORE.COUNTRY_CODE, in.country()).set(STORE.PHONE, phone)
                        .set(STORE.CLICK_AND_COLLECT, in.clickAndCollect()).set(STORE.ACTIVE, in.active()), STORE.ID);
            }
            int n = dsl.update(STORE).set(STORE.CODE, in.code()).set(STORE.NAME, in.name().trim())
                    .set(STORE.LINE1, in.line1().trim()).set(STORE.POSTCODE, in.postcode().trim())
                    .set(STORE.CITY, in.city().trim()).set(STORE.COUNTRY_CODE, in.country()).set(STORE.PHONE, phone)
                    .set(STORE.CLICK_AND_COLLECT, in.clickAndCollect()).set(STORE.ACTIVE, in.active())
                    .where(STORE.ID.eq(id)).execute();
            if (n == 0) {
                throw new NotFoundException("no such store");
            }
            return id;
        });
    }
}
