package io.brique.core.catalog;

import static io.brique.core.db.jooq.Tables.ATTRIBUTE;
import static io.brique.core.db.jooq.Tables.BRAND;
import static io.brique.core.db.jooq.Tables.CATEGORY;
import static io.brique.core.db.jooq.Tables.ORDER_LINE;
import static io.brique.core.db.jooq.Tables.PRODUCT;
import static io.brique.core.db.jooq.Tables.PRODUCT_ATTRIBUTE;
import static io.brique.core.db.jooq.Tables.PRODUCT_IMAGE;
import static io.brique.core.db.jooq.Tables.PRODUCT_TRANSLATION;
import static io.brique.core.db.jooq.Tables.STOCK_MOVEMENT;
import static io.brique.core.db.jooq.Tables.TAX_RATE;
import static io.brique.core.db.jooq.Tables.VARIANT;
import static io.brique.core.db.jooq.Tables.VARIANT_OPTION;

import io.brique.api.event.Events;
import io.brique.core.db.Database;
import io.brique.core.db.Inserts;
import io.brique.core.db.Tx;
import io.brique.core.error.Checks;
import io.brique.core.error.ConflictException;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import io.brique.core.event.EventPublisher;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Writes to one product (the catalog aggregate) from the back office: texts and slugs per language,
 * status, category, brand, tax class, attributes, images, variants (SKU, price, status) and stock
 * adjustments. Each change is one transaction that refreshes the search text and publishes
 * {@code product.changed} (which evicts the product's cached pages on every node). Stock can never go
 * below what open orders hold (reserved units); every stock change writes a {@code stock_movement}.
 */
public final class ProductService {

    public static final List<String> LOCALES = List.of("fr", "en");
    public static final Set<String> STATUSES = Set.of("draft", "active", "archived");
    public static final Set<String> VARIANT_STATUSES = Set.of("active", "inactive");
    /** Variant options the back office and the CSV import know, in display order. */
    public static final List<String> OPTION_CODES = List.of("size", "color");
    private static final Pattern HANDLE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$");
    private static final Pattern SKU = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$");
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern IMAGE_URL = Pattern.compile("^(https?://|/)[^\\s\"'<>]{1,990}$");

    /** Name, slug and description of one language. */
    public record Text(String name, String slug, String description) {
    }

    /** The product's own fields; {@code brand} is a brand name (created when new), blank for none. */
    public record ProductInput(String status, Long categoryId, String brand, String taxClass, Map<String, Text> texts) {
    }

    private final Database db;
    private final EventPublisher events;
    private final CatalogRepository repository;
    private final Clock clock;

    public ProductService(Database db, EventPublisher events, CatalogRepository repository, Clock clock) {
        this.db = db;
        this.events = events;
        this.repository = repository;
        this.clock = clock;
    }

    /** A new draft product (then edited like any other); returns its id. */
    public long create(String handle, String nameFr, String nameEn) {
        Checks c = new Checks();
        c.required("handle", handle).check(handle == null || handle.isBlank() || HANDLE.matcher(handle).matches(),
                "handle", "catalog.error.handle");
        c.required("name_fr", nameFr).maxLength("name_fr", nameFr, 255);
        c.required("name_en", nameEn).maxLength("name_en", nameEn, 255);
        c.throwIfAny();
        return db.tx(tx -> {
            DSLContext dsl = tx.dsl();
            if (dsl.fetchExists(PRODUCT, PRODUCT.HANDLE.eq(handle))) {
                throw new ValidationException("handle", "catalog.error.handle_taken");
            }
            LocalDateTime now = now();
            long id = Inserts.id(dsl, dsl.insertInto(PRODUCT).set(PRODUCT.HANDLE, handle).set(PRODUCT.STATUS, "draft")
                    .set(PRODUCT.TAX_CLASS, "standard").set(PRODUCT.CREATED_AT, now).set(PRODUCT.UPDATED_AT, now),
                    PRODUCT.ID);
            for (String lang : LOCALES) {
                String name = (lang.equals("fr") ? nameFr : nameEn).trim();
                String base = Slugs.of(name, 200).isEmpty() ? Slugs.of(handle, 200) : Slugs.of(name, 200);
                dsl.insertInto(PRODUCT_TRANSLATION).set(PRODUCT_TRANSLATION.PRODUCT_ID, id)
                        .set(PRODUCT_TRANSLATION.LOCALE, lang).set(PRODUCT_TRANSLATION.NAME, name)
                        .set(PRODUCT_TRANSLATION.SLUG, uniqueSlug(dsl, lang, base, id)).execute();
            }
            changed(tx, id, "created");
            return id;
        });
    }

    public void update(long productId, ProductInput in) {
        Checks c = new Checks();
        c.check(in.status() != null && STATUSES.contains(in.status()), "status", "error.range");
        c.maxLength("brand", in.brand(), 200);
        for (String lang : LOCALES) {
            Text t = in.texts().get(lang);
            String name = t == null ? null : t.name();
            String slug = t == null ? null : t.slug();
            c.required("name_" + lang, name).maxLength("name_" + lang, name, 255);
            c.check(slug == null || slug.isBlank() || (slug.length() <= 200 && SLUG.matcher(slug).matches()),
                    "slug_" + lang, "catalog.error.slug");
            c.maxLength("description_" + lang, t == null ? null : t.description(), 65_535);
        }
        c.throwIfAny();
        db.txRun(tx -> {
            DSLContext dsl = tx.dsl();
            lockProduct(dsl, productId);
            if (in.categoryId() != null && !dsl.fetchExists(CATEGORY, CATEGORY.ID.eq(in.categoryId()))) {
                throw new ValidationException("category", "error.range");
            }
            if (!dsl.fetchExists(TAX_RATE, TAX_RATE.TAX_CLASS.eq(in.taxClass()))) {
                throw new ValidationException("taxClass", "error.range");
            }
            for (String lang : LOCALES) {
                Text t = in.texts().get(lang);
                String slug = t.slug() == null || t.slug().isBlank() ? Slugs.of(t.name(), 200) : t.slug();
                if (slug.isEmpty()) {
                    throw new ValidationException("slug_" + lang, "catalog.error.slug");
                }
                if (dsl.fetchExists(PRODUCT_TRANSLATION, PRODUCT_TRANSLATION.LOCALE.eq(lang),
                        PRODUCT_TRANSLATION.SLUG.eq(slug), PRODUCT_TRANSLATION.PRODUCT_ID.ne(productId))) {
                    throw new ValidationException("slug_" + lang, "catalog.error.slug_taken");
                }
            }
            Long brandId = in.brand() == null || in.brand().isBlank() ? null : brandId(dsl, in.brand().trim());
            LocalDateTime now = now();
            dsl.update(PRODUCT).set(PRODUCT.STATUS, in.status()).set(PRODUCT.CATEGORY_ID, in.categoryId())
                    .set(PRODUCT.BRAND_ID, brandId).set(PRODUCT.TAX_CLASS, in.taxClass()).set(PRODUCT.UPDATED_AT, now)
                    .where(PRODUCT.ID.eq(productId)).execute();
            for (String lang : LOCALES) {
                Text t = in.texts().get(lang);
                String slug = t.slug() == null || t.slug().isBlank() ? Slugs.of(t.name(), 200) : t.slug();
                String description = t.description() == null || t.description().isBlank() ? null : t.description();
                int n = dsl.update(PRODUCT_TRANSLATION).set(PRODUCT_TRANSLATION.NAME, t.name().trim())
                        .set(PRODUCT_TRANSLATION.SLUG, slug).set(PRODUCT_TRANSLATION.DESCRIPTION, description)
                        .where(PRODUCT_TRANSLATION.PRODUCT_ID.eq(productId)).and(PRODUCT_TRANSLATION.LOCALE.eq(lang))
                        .execute();
                if (n == 0) {
                    dsl.insertInto(PRODUCT_TRANSLATION).set(PRODUCT_TRANSLATION.PRODUCT_ID, productId)
                            .set(PRODUCT_TRANSLATION.LOCALE, lang).set(PRODUCT_TRANSLATION.NAME, t.name().trim())
                            .set(PRODUCT_TRANSLATION.SLUG, slug).set(PRODUCT_TRANSLATION.DESCRIPTION, description)
                            .execute();
                }
            }
            changed(tx, productId, "updated");
        });
    }

    /** Sets an attribute value per language (a blank value removes it); the attribute must exist. */
    public void setAttribute(long productId, String code, Map<String, String> values) {
        db.txRun(tx -> {
            DSLContext dsl = tx.dsl();
            lockProduct(dsl, productId);
            Long attrId = code == null ? null : dsl.select(ATTRIBUTE.ID).from(ATTRIBUTE).where(ATTRIBUTE.CODE.eq(code))
                    .fetchOne(ATTRIBUTE.ID);
            if (attrId == null) {
                throw new ValidationException("attribute", "error.range");
            }
            for (String lang : LOCALES) {
                String v = values.get(lang);
                if (v != null && v.length() > 255) {
                    throw new ValidationException("value_" + lang, "error.too_long");
                }
                dsl.deleteFrom(PRODUCT_ATTRIBUTE).where(PRODUCT_ATTRIBUTE.PRODUCT_ID.eq(productId))
                        .and(PRODUCT_ATTRIBUTE.ATTRIBUTE_ID.eq(attrId)).and(PRODUCT_ATTRIBUTE.LOCALE.eq(lang)).execute();
                if (v != null && !v.isBlank()) {
                    dsl.insertInto(PRODUCT_ATTRIBUTE).set(PRODUCT_ATTRIBUTE.PRODUCT_ID, productId)
                            .set(PRODUCT_ATTRIBUTE.ATTRIBUTE_ID, attrId).set(PRODUCT_ATTRIBUTE.LOCALE, lang)
                            .set(PRODUCT_ATTRIBUTE.VALUE, v.trim()).execute();
                }
            }
            changed(tx, productId, "updated");
        });
    }

    public long addImage(long productId, String url, String alt) {
        Checks c = new Checks();
        c.required("url", url).check(url == null || url.isBlank() || IMAGE_URL.matcher(url.trim()).matches(), "url",
                "catalog.error.image_url");
        c.maxLength("alt", alt, 255);
        c.throwIfAny();
        return db.tx(tx -> {
            DSLContext dsl = tx.dsl();
            lockProduct(dsl, productId);
            Integer max = dsl.select(org.jooq.impl.DSL.max(PRODUCT_IMAGE.POSITION)).from(PRODUCT_IMAGE)
                    .where(PRODUCT_IMAGE.PRODUCT_ID.eq(productId)).fetchOne(0, Integer.class);
            long id = Inserts.id(dsl, dsl.insertInto(PRODUCT_IMAGE).set(PRODUCT_IMAGE.PRODUCT_ID, productId)
                    .set(PRODUCT_IMAGE.URL, url.trim()).set(PRODUCT_IMAGE.ALT_TEXT, alt == null || alt.isBlank() ? null
                            : alt.trim()).set(PRODUCT_IMAGE.POSITION, max == null ? 0 : max + 1), PRODUCT_IMAGE.ID);
            changed(tx, productId, "updated");
            return id;
        });
    }

    public void removeImage(long productId, long imageId) {
        db.txRun(tx -> {
            if (tx.dsl().deleteFrom(PRODUCT_IMAGE).where(PRODUCT_IMAGE.ID.eq(imageId))
                    .and(PRODUCT_IMAGE.PRODUCT_ID.eq(productId)).execute() == 0) {
                throw new NotFoundException("no such image");
            }
            changed(tx, productId, "updated");
        });
    }

    /** A new variant with its opening stock; returns its id. */
    public long addVariant(long productId, String sku, long priceMinor, String currency, int stock) {
        return addVariant(productId, sku, priceMinor, currency, stock, Map.of());
    }

    /**
     * A new variant with its opening stock and options ({@code size}, {@code color}: the same value in
     * every language, like the CSV import); returns its id.
     */
    public long addVariant(long productId, String sku, long priceMinor, String currency, int stock,
            Map<String, String> options) {
        Checks c = new Checks();
        c.required("sku", sku).check(sku == null || sku.isBlank() || SKU.matcher(sku).matches(), "sku",
                "catalog.error.sku");
        c.check(priceMinor >= 0, "price", "error.range");
        c.check(stock >= 0 && stock <= 1_000_000_000, "stock", "error.range");
        options.forEach((code, value) -> c.check(OPTION_CODES.contains(code), code, "error.range")
                .maxLength(code, value, 100));
        c.throwIfAny();
        return db.tx(tx -> {
            DSLContext dsl = tx.dsl();
            lockProduct(dsl, productId);
            if (dsl.fetchExists(VARIANT, VARIANT.SKU.eq(sku))) {
                throw new ValidationException("sku", "catalog.error.sku_taken");
            }
            Integer max = dsl.select(org.jooq.impl.DSL.max(VARIANT.POSITION)).from(VARIANT)
                    .where(VARIANT.PRODUCT_ID.eq(productId)).fetchOne(0, Integer.class);
            LocalDateTime now = now();
            long id = Inserts.id(dsl, dsl.insertInto(VARIANT).set(VARIANT.PRODUCT_ID, productId).set(VARIANT.SKU, sku)
                    .set(VARIANT.POSITION, max == null ? 0 : max + 1).set(VARIANT.PRICE_MINOR, priceMinor)
                    .set(VARIANT.CURRENCY, currency).set(VARIANT.STOCK_ON_HAND, stock).set(VARIANT.STATUS, "active")
                    .set(VARIANT.CREATED_AT, now).set(VARIANT.UPDATED_AT, now), VARIANT.ID);
            if (stock != 0) {
                movement(dsl, id, stock, "admin_new_variant", null, now);
            }
            int optPos = 0;
            for (String code : OPTION_CODES) {
                String value = options.get(code);
                if (value != null && !value.isBlank()) {
                    for (String lang : LOCALES) {
                        dsl.insertInto(VARIANT_OPTION).set(VARIANT_OPTION.VARIANT_ID, id)
                                .set(VARIANT_OPTION.OPTION_CODE, code).set(VARIANT_OPTION.LOCALE, lang)
                                .set(VARIANT_OPTION.VALUE, value.trim()).set(VARIANT_OPTION.POSITION, optPos).execute();
                    }
                    optPos++;
                }
            }
            changed(tx, productId, "updated");
            return id;
        });
    }

    /** Price (and compare-at price, null for none) and status of a variant. */
    public void updateVariant(long variantId, long priceMinor, Long compareAtMinor, String status) {
        Checks c = new Checks();
        c.check(priceMinor >= 0, "price", "error.range");
        c.check(compareAtMinor == null || compareAtMinor > priceMinor, "compareAt", "catalog.error.compare_at");
        c.check(status != null && VARIANT_STATUSES.contains(status), "status", "error.range");
        c.throwIfAny();
        db.txRun(tx -> {
            DSLContext dsl = tx.dsl();
            long productId = variantProduct(dsl, variantId);
            dsl.update(VARIANT).set(VARIANT.PRICE_MINOR, priceMinor).set(VARIANT.COMPARE_AT_MINOR, compareAtMinor)
                    .set(VARIANT.STATUS, status).set(VARIANT.UPDATED_AT, now()).where(VARIANT.ID.eq(variantId)).execute();
            changed(tx, productId, "updated");
        });
    }

    /**
     * SKU and options of a variant: {@code options} maps an option code ({@link #OPTION_CODES}) to its
     * value per language; an option is set in every language or in none (all blank removes it). One
     * transaction; the product's pages are evicted everywhere ({@code product.changed}).
     */
    public void editVariant(long productId, long variantId, String sku, Map<String, Map<String, String>> options) {
        Checks c = new Checks();
        c.required("sku", sku).check(sku == null || sku.isBlank() || SKU.matcher(sku).matches(), "sku",
                "catalog.error.sku");
        options.forEach((code, byLang) -> {
            c.check(OPTION_CODES.contains(code), "option_" + code, "error.range");
            long filled = LOCALES.stream().filter(l -> byLang.get(l) != null && !byLang.get(l).isBlank()).count();
            for (String lang : LOCALES) {
                String v = byLang.get(lang);
                c.maxLength("option_" + code + "_" + lang, v, 100);
                c.check(filled == 0 || filled == LOCALES.size() || v != null && !v.isBlank(),
                        "option_" + code + "_" + lang, "catalog.error.option_languages");
            }
        });
        c.throwIfAny();
        db.txRun(tx -> {
            DSLContext dsl = tx.dsl();
            if (variantProduct(dsl, variantId) != productId) {
                throw new NotFoundException("no such variant");
            }
            if (dsl.fetchExists(VARIANT, VARIANT.SKU.eq(sku.trim()).and(VARIANT.ID.ne(variantId)))) {
                throw new ValidationException("sku", "catalog.error.sku_taken");
            }
            dsl.update(VARIANT).set(VARIANT.SKU, sku.trim()).set(VARIANT.UPDATED_AT, now())
                    .where(VARIANT.ID.eq(variantId)).execute();
            int position = 0;
            for (String code : OPTION_CODES) {
                Map<String, String> byLang = options.get(code);
                if (byLang == null) {
                    continue; // not part of this edit: left as it is
                }
                dsl.deleteFrom(VARIANT_OPTION).where(VARIANT_OPTION.VARIANT_ID.eq(variantId))
                        .and(VARIANT_OPTION.OPTION_CODE.eq(code)).execute();
                for (String lang : LOCALES) {
                    String v = byLang.get(lang);
                    if (v != null && !v.isBlank()) {
                        dsl.insertInto(VARIANT_OPTION).set(VARIANT_OPTION.VARIANT_ID, variantId)
                                .set(VARIANT_OPTION.OPTION_CODE, code).set(VARIANT_OPTION.LOCALE, lang)
                                .set(VARIANT_OPTION.VALUE, v.trim()).set(VARIANT_OPTION.POSITION, position).execute();
                    }
                }
                position++;
            }
            changed(tx, productId, "updated");
        });
    }

    /**
     * Deletes a variant that was never sold. A variant named by an order line, with units reserved, or
     * the product's last variant is refused ({@link ConflictException} {@code variant_in_use} /
     * {@code last_variant}): set it inactive instead, so orders keep pointing at it. Its options and
     * its stock movements (only opening stock and adjustments, since it never sold) go with it.
     */
    public void deleteVariant(long productId, long variantId) {
        db.txRun(tx -> {
            DSLContext dsl = tx.dsl();
            lockProduct(dsl, productId);
            var v = dsl.selectFrom(VARIANT).where(VARIANT.ID.eq(variantId)).and(VARIANT.PRODUCT_ID.eq(productId))
                    .forUpdate().fetchOptional().orElseThrow(() -> new NotFoundException("no such variant"));
            if (v.getStockReserved() > 0 || dsl.fetchExists(ORDER_LINE, ORDER_LINE.VARIANT_ID.eq(variantId))) {
                throw new ConflictException("variant_in_use", "variant " + v.getSku() + " was ordered");
            }
            if (dsl.fetchCount(VARIANT, VARIANT.PRODUCT_ID.eq(productId)) <= 1) {
                throw new ConflictException("last_variant", "a product keeps at least one variant");
            }
            dsl.deleteFrom(VARIANT).where(VARIANT.ID.eq(variantId)).execute();
            changed(tx, productId, "updated");
        });
    }

    /**
     * Adds {@code delta} units on hand (negative to remove: damaged, lost, counted). Refused when on hand
     * would go below zero or below the units reserved by open orders. Returns the new on-hand count.
     */
    public int adjustStock(long variantId, int delta, String reason) {
        Checks c = new Checks();
        c.check(delta != 0 && Math.abs((long) delta) <= 1_000_000_000L, "delta", "catalog.error.delta");
        c.maxLength("reason", reason, 100);
        c.throwIfAny();
        return db.tx(tx -> {
            DSLContext dsl = tx.dsl();
            var v = dsl.select(VARIANT.PRODUCT_ID, VARIANT.STOCK_ON_HAND, VARIANT.STOCK_RESERVED).from(VARIANT)
                    .where(VARIANT.ID.eq(variantId)).forUpdate().fetchOptional()
                    .orElseThrow(() -> new NotFoundException("no such variant"));
            long after = (long) v.value2() + delta;
            if (after < 0 || after < v.value3()) {
                throw new ValidationException("delta", "catalog.error.below_reserved");
            }
            LocalDateTime now = now();
            dsl.update(VARIANT).set(VARIANT.STOCK_ON_HAND, (int) after).set(VARIANT.UPDATED_AT, now)
                    .where(VARIANT.ID.eq(variantId)).execute();
            movement(dsl, variantId, delta, "admin_adjustment", reason == null || reason.isBlank() ? null
                    : reason.trim(), now);
            changed(tx, v.value1(), "stock");
            return (int) after;
        });
    }

    private void changed(Tx tx, long productId, String change) {
        repository.refreshSearchText(tx.dsl(), List.of(productId));
        events.publish(tx, new Events.ProductChanged(productId, change));
    }

    private static void lockProduct(DSLContext dsl, long productId) {
        if (dsl.select(PRODUCT.ID).from(PRODUCT).where(PRODUCT.ID.eq(productId)).forUpdate().fetchOne() == null) {
            throw new NotFoundException("no such product");
        }
    }

    private static long variantProduct(DSLContext dsl, long variantId) {
        Long p = dsl.select(VARIANT.PRODUCT_ID).from(VARIANT).where(VARIANT.ID.eq(variantId)).forUpdate()
                .fetchOne(VARIANT.PRODUCT_ID);
        if (p == null) {
            throw new NotFoundException("no such variant");
        }
        return p;
    }

    private static void movement(DSLContext dsl, long variantId, int delta, String reason, String reference,
            LocalDateTime now) {
        dsl.insertInto(STOCK_MOVEMENT).set(STOCK_MOVEMENT.VARIANT_ID, variantId).set(STOCK_MOVEMENT.DELTA_ON_HAND, delta)
                .set(STOCK_MOVEMENT.REASON, reason).set(STOCK_MOVEMENT.REFERENCE, reference)
                .set(STOCK_MOVEMENT.CREATED_AT, now).execute();
    }

    private static long brandId(DSLContext dsl, String name) {
        Long id = dsl.select(BRAND.ID).from(BRAND).where(BRAND.NAME.eq(name)).limit(1).fetchOne(BRAND.ID);
        if (id != null) {
            return id;
        }
        String base = Slugs.of(name, 190).isEmpty() ? "brand" : Slugs.of(name, 190);
        String slug = base;
        for (int i = 2; dsl.fetchExists(BRAND, BRAND.SLUG.eq(slug)); i++) {
            slug = base + "-" + i;
        }
        return Inserts.id(dsl, dsl.insertInto(BRAND).set(BRAND.NAME, name).set(BRAND.SLUG, slug), BRAND.ID);
    }

    private static String uniqueSlug(DSLContext dsl, String lang, String base, long productId) {
        String slug = base;
        for (int i = 2; dsl.fetchExists(PRODUCT_TRANSLATION, PRODUCT_TRANSLATION.LOCALE.eq(lang),
                PRODUCT_TRANSLATION.SLUG.eq(slug), PRODUCT_TRANSLATION.PRODUCT_ID.ne(productId)); i++) {
            slug = base + "-" + i;
        }
        return slug;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
