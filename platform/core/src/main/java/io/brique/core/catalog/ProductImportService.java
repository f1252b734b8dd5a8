package io.brique.core.catalog;

import io.brique.core.db.Inserts;
import static io.brique.core.db.jooq.Tables.BRAND;
import static io.brique.core.db.jooq.Tables.CATEGORY_TRANSLATION;
import static io.brique.core.db.jooq.Tables.PRODUCT;
import static io.brique.core.db.jooq.Tables.PRODUCT_IMAGE;
import static io.brique.core.db.jooq.Tables.PRODUCT_TRANSLATION;
import static io.brique.core.db.jooq.Tables.STOCK_MOVEMENT;
import static io.brique.core.db.jooq.Tables.TAX_RATE;
import static io.brique.core.db.jooq.Tables.VARIANT;
import static io.brique.core.db.jooq.Tables.VARIANT_OPTION;

import io.brique.api.event.Events;
import io.brique.core.db.Database;
import io.brique.core.db.Tx;
import io.brique.core.error.ValidationException;
import io.brique.core.event.EventPublisher;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Product CSV import and export. Lines are grouped by handle (one product, one line per variant).
 * Every line is validated first; a product whose lines are not all valid is skipped as a whole and
 * each bad line is reported. Valid products are created or updated (by handle, variants by SKU),
 * each in its own transaction with its {@code ProductChanged} event, so nothing is half-written.
 */
public final class ProductImportService {

    private static final Logger LOG = LoggerFactory.getLogger(ProductImportService.class);

    public static final int MAX_BYTES = 10 * 1024 * 1024;
    public static final int MAX_LINES = 50_000;

    public static final List<String> COLUMNS = List.of("handle", "status", "name_fr", "name_en", "description_fr",
            "description_en", "category", "brand", "tax_class", "sku", "option_size", "option_color", "price",
            "compare_at_price", "currency", "stock", "image_url");
    static final List<String> REQUIRED_COLUMNS = List.of("handle", "name_fr", "name_en", "category", "sku", "price");
    static final Set<String> STATUSES = Set.of("draft", "active", "archived");
    private static final List<String> LOCALES = List.of("fr", "en");
    private static final Pattern HANDLE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");
    private static final Pattern SKU = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._/-]*$");
    private static final Pattern DECIMAL = Pattern.compile("^\\d{1,12}(\\.\\d{1,2})?$");
    private static final Pattern INTEGER = Pattern.compile("^\\d{1,9}$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern IMAGE_URL = Pattern.compile("^(https?://|/)[^\\s\"'<>]+$");
    private static final int MAX_TEXT = 65_535;

    public record ImportError(long line, String column, String message) {
    }

    public record ImportReport(int created, int updated, int skipped, List<ImportError> errors) {
    }

    /** One validated CSV line. */
    private record Line(long number, Map<String, String> v, Long priceMinor, Long compareAtMinor, String currency,
            Integer stock) {
        String get(String col) {
            return v.getOrDefault(col, "");
        }
    }

    private final Database db;
    private final EventPublisher events;
    private final CatalogRepository repository;
    private final CatalogService catalog;
    private final Clock clock;

    public ProductImportService(Database db, EventPublisher events, CatalogRepository repository,
            CatalogService catalog, Clock clock) {
        this.db = db;
        this.events = events;
        this.repository = repository;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Imports a UTF-8 CSV file; a file that cannot be read as a product CSV at all is a {@link ValidationException}. */
    public ImportReport importCsv(byte[] data) {
        String text = decode(data);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            text += "\n"; // so the parser's line counter also ends on the last line
        }
        Map<String, List<Line>> groups = new LinkedHashMap<>();
        List<ImportError> errors = new ArrayList<>();
        Set<String> badHandles = new HashSet<>();
        Map<String, Long> skuLines = new HashMap<>();
        Map<String, String> skuHandles = new HashMap<>();
        Lookups lookups = lookups();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(false).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
            List<String> missing = REQUIRED_COLUMNS.stream().filter(c -> !header.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw new ValidationException("the CSV header lacks the columns " + missing,
                        Map.of("header", "error.import.header"));
            }
            long count = 0;
            for (CSVRecord rec : parser) {
                if (++count > MAX_LINES) {
                    throw new ValidationException("more than " + MAX_LINES + " lines",
                            Map.of("file", "error.import.too_many_lines"));
                }
                // Line of the file where the record ends (the header is line 1).
                long lineNo = parser.getCurrentLineNumber();
                Map<String, String> v = new HashMap<>();
                for (int i = 0; i < header.size() && i < rec.size(); i++) {
                    v.put(header.get(i), rec.get(i) == null ? "" : rec.get(i));
                }
                String handle = v.getOrDefault("handle", "");
                boolean first = !groups.containsKey(handle);
                List<ImportError> lineErrors = new ArrayList<>();
                if (rec.size() != header.size()) {
                    lineErrors.add(new ImportError(lineNo, "", "expected " + header.size() + " fields, found "
                            + rec.size()));
                }
                Line line = validate(lineNo, v, first, lookups, lineErrors);
                String sku = v.getOrDefault("sku", "");
                if (!sku.isEmpty()) {
                    Long seen = skuLines.putIfAbsent(sku.toLowerCase(Locale.ROOT), lineNo);
                    if (seen != null) {
                        lineErrors.add(new ImportError(lineNo, "sku", "duplicate SKU, already on line " + seen));
                    } else {
                        skuHandles.put(sku, handle);
                    }
                }
                if (!lineErrors.isEmpty()) {
                    errors.addAll(lineErrors);
                    badHandles.add(handle);
                }
                groups.computeIfAbsent(handle, k -> new ArrayList<>()).add(line);
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            // commons-csv reports malformed input (bad quoting, duplicate header names) this way.
            throw new ValidationException("unreadable CSV: " + e.getMessage(), Map.of("file", "error.import.csv"));
        } catch (java.io.UncheckedIOException e) {
            throw new ValidationException("unreadable CSV: " + e.getMessage(), Map.of("file", "error.import.csv"));
        }
        // SKUs that already belong to another product cannot move silently.
        Map<String, String> owners = skuOwners(skuHandles.keySet());
        for (Map.Entry<String, List<Line>> g : groups.entrySet()) {
            for (Line l : g.getValue()) {
                String owner = owners.get(l.get("sku"));
                if (owner != null && !owner.equals(g.getKey())) {
                    errors.add(new ImportError(l.number(), "sku", "SKU belongs to product " + owner));
                    badHandles.add(g.getKey());
                }
            }
        }
        int created = 0;
        int updated = 0;
        int skipped = 0;
        List<String> saved = new ArrayList<>();
        for (Map.Entry<String, List<Line>> g : groups.entrySet()) {
            if (badHandles.contains(g.getKey())) {
                skipped++;
                continue;
            }
            try {
                boolean isNew = db.tx(tx -> write(tx, g.getKey(), g.getValue(), lookups));
                saved.add(g.getKey());
                if (isNew) {
                    created++;
                } else {
                    updated++;
                }
            } catch (RuntimeException e) {
                // A constraint we could not foresee (a concurrent edit): report, keep the other products.
                LOG.warn("import of product {} failed: {}", g.getKey(), e.toString());
                errors.add(new ImportError(g.getValue().getFirst().number(), "handle",
                        "product could not be saved: " + rootMessage(e)));
                skipped++;
            }
        }
        errors.sort(java.util.Comparator.comparingLong(ImportError::line));
        if (!saved.isEmpty()) {
            // This node's caches and search index follow at once; other nodes follow the events.
            catalog.productsChanged(repository.idsByHandles(saved));
        }
        return new ImportReport(created, updated, skipped, errors);
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        String m = String.valueOf(c.getMessage());
        return m.length() > 200 ? m.substring(0, 200) : m;
    }

    private static String decode(byte[] data) {
        int start = data.length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB
                && (data[2] & 0xff) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, start, data.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new ValidationException("the file is not valid UTF-8", Map.of("file", "error.import.encoding"));
        }
    }

    private record Lookups(Map<String, Long> categories, Set<String> taxClasses) {
    }

    private Lookups lookups() {
        Map<String, Long> cats = new HashMap<>();
        db.dsl().select(CATEGORY_TRANSLATION.SLUG, CATEGORY_TRANSLATION.CATEGORY_ID).from(CATEGORY_TRANSLATION)
                .fetch().forEach(r -> cats.putIfAbsent(r.value1(), r.value2()));
        Set<String> classes = new HashSet<>(db.dsl().selectDistinct(TAX_RATE.TAX_CLASS).from(TAX_RATE)
                .fetch(TAX_RATE.TAX_CLASS));
        classes.add("standard");
        return new Lookups(cats, classes);
    }

    private Map<String, String> skuOwners(Set<String> skus) {
        Map<String, String> out = new HashMap<>();
        List<String> all = List.copyOf(skus);
        for (int i = 0; i < all.size(); i += 1000) {
            db.dsl().select(VARIANT.SKU, PRODUCT.HANDLE).from(VARIANT).join(PRODUCT).on(PRODUCT.ID.eq(VARIANT.PRODUCT_ID))
                    .where(VARIANT.SKU.in(all.subList(i, Math.min(all.size(), i + 1000)))).fetch()
                    .forEach(r -> out.put(r.value1(), r.value2()));
        }
        return out;
    }

    private Line validate(long n, Map<String, String> v, boolean first, Lookups lookups, List<ImportError> errors) {
        String handle = v.getOrDefault("handle", "");
        if (handle.isEmpty()) {
            errors.add(new ImportError(n, "handle", "required"));
        } else if (handle.length() > 100) {
            errors.add(new ImportError(n, "handle", "longer than 100 characters"));
        } else if (!HANDLE.matcher(handle).matches()) {
            errors.add(new ImportError(n, "handle", "only letters, digits, '.', '_' and '-'"));
        }
        if (first) {
            String status = v.getOrDefault("status", "");
            if (!status.isEmpty() && !STATUSES.contains(status)) {
                errors.add(new ImportError(n, "status", "unknown status (draft, active, archived)"));
            }
            for (String col : List.of("name_fr", "name_en")) {
                String s = v.getOrDefault(col, "");
                if (s.isEmpty()) {
                    errors.add(new ImportError(n, col, "required"));
                } else if (s.length() > 255) {
                    errors.add(new ImportError(n, col, "longer than 255 characters"));
                }
            }
            for (String col : List.of("description_fr", "description_en")) {
                if (v.getOrDefault(col, "").length() > MAX_TEXT) {
                    errors.add(new ImportError(n, col, "longer than " + MAX_TEXT + " characters"));
                }
            }
            String cat = v.getOrDefault("category", "");
            if (cat.isEmpty()) {
                errors.add(new ImportError(n, "category", "required"));
            } else if (!lookups.categories().containsKey(cat)) {
                errors.add(new ImportError(n, "category", "unknown category slug"));
            }
            String brand = v.getOrDefault("brand", "");
            if (brand.length() > 200) {
                errors.add(new ImportError(n, "brand", "longer than 200 characters"));
            }
            String tax = v.getOrDefault("tax_class", "");
            if (!tax.isEmpty() && !lookups.taxClasses().contains(tax)) {
                errors.add(new ImportError(n, "tax_class", "unknown tax class " + lookups.taxClasses()));
            }
        }
        String sku = v.getOrDefault("sku", "");
        if (sku.isEmpty()) {
            errors.add(new ImportError(n, "sku", "required"));
        } else if (sku.length() > 64) {
            errors.add(new ImportError(n, "sku", "longer than 64 characters"));
        } else if (!SKU.matcher(sku).matches()) {
            errors.add(new ImportError(n, "sku", "only letters, digits, '.', '_', '/' and '-'"));
        }
        for (String col : List.of("option_size", "option_color")) {
            if (v.getOrDefault(col, "").length() > 100) {
                errors.add(new ImportError(n, col, "longer than 100 characters"));
            }
        }
        String currency = v.getOrDefault("currency", "");
        if (currency.isEmpty()) {
            currency = "EUR";
        }
        int digits = 2;
        if (!CURRENCY.matcher(currency).matches()) {
            errors.add(new ImportError(n, "currency", "a 3-letter ISO 4217 code in capitals"));
        } else {
            try {
                digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
            } catch (IllegalArgumentException e) {
                errors.add(new ImportError(n, "currency", "unknown currency"));
            }
        }
        Long price = amount(n, "price", v.getOrDefault("price", ""), true, digits, errors);
        Long compare = amount(n, "compare_at_price", v.getOrDefault("compare_at_price", ""), false, digits, errors);
        Integer stock = null;
        String s = v.getOrDefault("stock", "");
        if (s.isEmpty()) {
            stock = 0;
        } else if (!INTEGER.matcher(s).matches()) {
            errors.add(new ImportError(n, "stock", "a whole number >= 0"));
        } else {
            stock = Integer.parseInt(s);
        }
        String img = v.getOrDefault("image_url", "");
        if (!img.isEmpty() && (img.length() > 1000 || !IMAGE_URL.matcher(img).matches())) {
            errors.add(new ImportError(n, "image_url", "an http(s) URL or a path starting with /, at most 1000 characters"));
        }
        return new Line(n, v, price, compare, currency, stock);
    }

    private static Long amount(long n, String col, String s, boolean required, int digits, List<ImportError> errors) {
        if (s.isEmpty()) {
            if (required) {
                errors.add(new ImportError(n, col, "required"));
            }
            return null;
        }
        if (!DECIMAL.matcher(s).matches()) {
            errors.add(new ImportError(n, col, "a decimal >= 0 with at most 2 decimals, e.g. 19.90"));
            return null;
        }
        BigDecimal d = new BigDecimal(s);
        if (d.stripTrailingZeros().scale() > digits) {
            errors.add(new ImportError(n, col, "too many decimals for the currency"));
            return null;
        }
        return d.movePointRight(digits).longValueExact();
    }

    // ---- writing one product (inside its transaction) ---------------------------------------

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Creates or updates one product; returns true when it was created. */
    private boolean write(Tx tx, String handle, List<Line> lines, Lookups lookups) {
        DSLContext dsl = tx.dsl();
        Line head = lines.getFirst();
        String status = head.get("status").isEmpty() ? "active" : head.get("status");
        String tax = head.get("tax_class").isEmpty() ? "standard" : head.get("tax_class");
        Long categoryId = lookups.categories().get(head.get("category"));
        Long brandId = head.get("brand").isEmpty() ? null : brandId(dsl, head.get("brand"));
        Long productId = dsl.select(PRODUCT.ID).from(PRODUCT).where(PRODUCT.HANDLE.eq(handle)).forUpdate()
                .fetchOne(PRODUCT.ID);
        boolean created = productId == null;
        LocalDateTime now = now();
        if (created) {
            productId = Inserts.id(dsl, dsl.insertInto(PRODUCT).set(PRODUCT.HANDLE, handle).set(PRODUCT.STATUS, status)
                    .set(PRODUCT.BRAND_ID, brandId).set(PRODUCT.CATEGORY_ID, categoryId).set(PRODUCT.TAX_CLASS, tax)
                    .set(PRODUCT.CREATED_AT, now).set(PRODUCT.UPDATED_AT, now), PRODUCT.ID);
        } else {
            dsl.update(PRODUCT).set(PRODUCT.STATUS, status).set(PRODUCT.BRAND_ID, brandId)
                    .set(PRODUCT.CATEGORY_ID, categoryId).set(PRODUCT.TAX_CLASS, tax).set(PRODUCT.UPDATED_AT, now)
                    .where(PRODUCT.ID.eq(productId)).execute();
        }
        long pid = productId;
        for (String lang : LOCALES) {
            String name = head.get("name_" + lang);
            String description = head.get("description_" + lang);
            String slug = uniqueSlug(dsl, lang, Slugs.of(name, 200).isEmpty() ? Slugs.of(handle, 200)
                    : Slugs.of(name, 200), pid);
            int n = dsl.update(PRODUCT_TRANSLATION).set(PRODUCT_TRANSLATION.NAME, name)
                    .set(PRODUCT_TRANSLATION.SLUG, slug)
                    .set(PRODUCT_TRANSLATION.DESCRIPTION, description.isEmpty() ? null : description)
                    .where(PRODUCT_TRANSLATION.PRODUCT_ID.eq(pid)).and(PRODUCT_TRANSLATION.LOCALE.eq(lang)).execute();
            if (n == 0) {
                dsl.insertInto(PRODUCT_TRANSLATION).set(PRODUCT_TRANSLATION.PRODUCT_ID, pid)
                        .set(PRODUCT_TRANSLATION.LOCALE, lang).set(PRODUCT_TRANSLATION.NAME, name)
                        .set(PRODUCT_TRANSLATION.SLUG, slug)
                        .set(PRODUCT_TRANSLATION.DESCRIPTION, description.isEmpty() ? null : description).execute();
            }
        }
        Map<String, Record> existing = new HashMap<>();
        // Locked: a shipment or checkout committing meanwhile must not be overwritten by stale numbers.
        dsl.select(VARIANT.ID, VARIANT.SKU, VARIANT.STOCK_ON_HAND, VARIANT.STOCK_RESERVED).from(VARIANT)
                .where(VARIANT.PRODUCT_ID.eq(pid)).forUpdate()
                .fetch().forEach(r -> existing.put(r.value2(), r));
        Set<Long> kept = new HashSet<>();
        int position = 0;
        for (Line l : lines) {
            String sku = l.get("sku");
            Record ex = existing.get(sku);
            long variantId;
            if (ex == null) {
                variantId = Inserts.id(dsl, dsl.insertInto(VARIANT).set(VARIANT.PRODUCT_ID, pid).set(VARIANT.SKU, sku)
                        .set(VARIANT.POSITION, position).set(VARIANT.PRICE_MINOR, l.priceMinor())
                        .set(VARIANT.COMPARE_AT_MINOR, l.compareAtMinor()).set(VARIANT.CURRENCY, l.currency())
                        .set(VARIANT.STOCK_ON_HAND, l.stock()).set(VARIANT.STATUS, "active")
                        .set(VARIANT.CREATED_AT, now).set(VARIANT.UPDATED_AT, now), VARIANT.ID);
                if (l.stock() != 0) {
                    movement(dsl, variantId, l.stock(), now);
                }
            } else {
                variantId = ex.get(VARIANT.ID);
                int reserved = ex.get(VARIANT.STOCK_RESERVED);
                if (l.stock() < reserved) {
                    // Setting on-hand below what open orders hold would oversell them: refuse the product.
                    throw new IllegalStateException("stock " + l.stock() + " for " + sku + " is below the "
                            + reserved + " unit(s) reserved by open orders");
                }
                dsl.update(VARIANT).set(VARIANT.POSITION, position).set(VARIANT.PRICE_MINOR, l.priceMinor())
                        .set(VARIANT.COMPARE_AT_MINOR, l.compareAtMinor()).set(VARIANT.CURRENCY, l.currency())
                        .set(VARIANT.STOCK_ON_HAND, l.stock()).set(VARIANT.STATUS, "active")
                        .set(VARIANT.UPDATED_AT, now).where(VARIANT.ID.eq(variantId)).execute();
                int delta = l.stock() - ex.get(VARIANT.STOCK_ON_HAND);
                if (delta != 0) {
                    movement(dsl, variantId, delta, now);
                }
            }
            kept.add(variantId);
            dsl.deleteFrom(VARIANT_OPTION).where(VARIANT_OPTION.VARIANT_ID.eq(variantId)).execute();
            int optPos = 0;
            for (String[] opt : new String[][] {{"size", l.get("option_size")}, {"color", l.get("option_color")}}) {
                if (!opt[1].isEmpty()) {
                    for (String lang : LOCALES) {
                        dsl.insertInto(VARIANT_OPTION).set(VARIANT_OPTION.VARIANT_ID, variantId)
                                .set(VARIANT_OPTION.OPTION_CODE, opt[0]).set(VARIANT_OPTION.LOCALE, lang)
                                .set(VARIANT_OPTION.VALUE, opt[1]).set(VARIANT_OPTION.POSITION, optPos).execute();
                    }
                    optPos++;
                }
            }
            position++;
        }
        // Variants no longer in the file are retired, not deleted: past orders still point at them.
        dsl.update(VARIANT).set(VARIANT.STATUS, "inactive").set(VARIANT.UPDATED_AT, now)
                .where(VARIANT.PRODUCT_ID.eq(pid)).and(VARIANT.ID.notIn(kept)).and(VARIANT.STATUS.eq("active"))
                .execute();
        List<String> images = lines.stream().map(l -> l.get("image_url")).filter(s -> !s.isEmpty()).distinct()
                .toList();
        if (!images.isEmpty()) {
            dsl.deleteFrom(PRODUCT_IMAGE).where(PRODUCT_IMAGE.PRODUCT_ID.eq(pid)).execute();
            int i = 0;
            for (String url : images) {
                dsl.insertInto(PRODUCT_IMAGE).set(PRODUCT_IMAGE.PRODUCT_ID, pid).set(PRODUCT_IMAGE.URL, url)
                        .set(PRODUCT_IMAGE.ALT_TEXT, (String) null).set(PRODUCT_IMAGE.POSITION, i++).execute();
            }
        }
        repository.refreshSearchText(dsl, List.of(pid));
        events.publish(tx, new Events.ProductChanged(pid, created ? "created" : "updated"));
        return created;
    }

    private static void movement(DSLContext dsl, long variantId, int delta, LocalDateTime now) {
        dsl.insertInto(STOCK_MOVEMENT).set(STOCK_MOVEMENT.VARIANT_ID, variantId)
                .set(STOCK_MOVEMENT.DELTA_ON_HAND, delta).set(STOCK_MOVEMENT.REASON, "import")
                .set(STOCK_MOVEMENT.CREATED_AT, now).execute();
    }

    private static long brandId(DSLContext dsl, String name) {
        Long id = dsl.select(BRAND.ID).from(BRAND).where(BRAND.NAME.eq(name)).limit(1).fetchOne(BRAND.ID);
        if (id != null) {
            return id;
        }
        String base = Slugs.of(name, 190);
        if (base.isEmpty()) {
            base = "brand";
        }
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

    // ---- export -----------------------------------------------------------------------------

    /** All products as a CSV the import accepts back (one line per active variant). */
    public String exportCsv() {
        DSLContext dsl = db.dsl();
        Map<Long, Map<String, Record>> texts = new HashMap<>();
        dsl.select(PRODUCT_TRANSLATION.PRODUCT_ID, PRODUCT_TRANSLATION.LOCALE, PRODUCT_TRANSLATION.NAME,
                PRODUCT_TRANSLATION.DESCRIPTION).from(PRODUCT_TRANSLATION).fetch()
                .forEach(r -> texts.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), r));
        Map<Long, String> catSlugs = new HashMap<>();
        dsl.select(CATEGORY_TRANSLATION.CATEGORY_ID, CATEGORY_TRANSLATION.SLUG, CATEGORY_TRANSLATION.LOCALE)
                .from(CATEGORY_TRANSLATION).orderBy(CATEGORY_TRANSLATION.LOCALE.asc()).fetch()
                .forEach(r -> catSlugs.put(r.value1(), r.value2())); // "fr" sorts last, so it wins
        Map<Long, List<String>> images = new HashMap<>();
        dsl.select(PRODUCT_IMAGE.PRODUCT_ID, PRODUCT_IMAGE.URL).from(PRODUCT_IMAGE)
                .orderBy(PRODUCT_IMAGE.POSITION, PRODUCT_IMAGE.ID).fetch()
                .forEach(r -> images.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        Map<Long, Map<String, String>> options = new HashMap<>();
        dsl.select(VARIANT_OPTION.VARIANT_ID, VARIANT_OPTION.OPTION_CODE, VARIANT_OPTION.VALUE).from(VARIANT_OPTION)
                .where(VARIANT_OPTION.LOCALE.eq("fr")).fetch()
                .forEach(r -> options.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), r.value3()));
        Map<Long, List<Record>> variants = new HashMap<>();
        dsl.select(VARIANT.ID, VARIANT.PRODUCT_ID, VARIANT.SKU, VARIANT.PRICE_MINOR, VARIANT.COMPARE_AT_MINOR,
                VARIANT.CURRENCY, VARIANT.STOCK_ON_HAND).from(VARIANT).where(VARIANT.STATUS.eq("active"))
                .orderBy(VARIANT.POSITION, VARIANT.ID).fetch()
                .forEach(r -> variants.computeIfAbsent(r.get(VARIANT.PRODUCT_ID), k -> new ArrayList<>()).add(r));
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new))
                .get())) {
            for (Record p : dsl.select(PRODUCT.ID, PRODUCT.HANDLE, PRODUCT.STATUS, PRODUCT.CATEGORY_ID,
                    PRODUCT.TAX_CLASS, BRAND.NAME).from(PRODUCT).leftJoin(BRAND).on(BRAND.ID.eq(PRODUCT.BRAND_ID))
                    .orderBy(PRODUCT.ID).fetch()) {
                long id = p.get(PRODUCT.ID);
                Map<String, Record> t = texts.getOrDefault(id, Map.of());
                List<String> imgs = images.getOrDefault(id, List.of());
                List<Record> vs = variants.getOrDefault(id, List.of());
                for (int i = 0; i < vs.size(); i++) {
                    Record v = vs.get(i);
                    Map<String, String> o = options.getOrDefault(v.get(VARIANT.ID), Map.of());
                    String cur = v.get(VARIANT.CURRENCY);
                    Long cmp = v.get(VARIANT.COMPARE_AT_MINOR);
                    csv.printRecord(p.get(PRODUCT.HANDLE), p.get(PRODUCT.STATUS), text(t, "fr", PRODUCT_TRANSLATION.NAME),
                            text(t, "en", PRODUCT_TRANSLATION.NAME), text(t, "fr", PRODUCT_TRANSLATION.DESCRIPTION),
                            text(t, "en", PRODUCT_TRANSLATION.DESCRIPTION),
                            p.get(PRODUCT.CATEGORY_ID) == null ? "" : catSlugs.getOrDefault(p.get(PRODUCT.CATEGORY_ID), ""),
                            p.get(BRAND.NAME) == null ? "" : p.get(BRAND.NAME), p.get(PRODUCT.TAX_CLASS),
                            v.get(VARIANT.SKU), o.getOrDefault("size", ""), o.getOrDefault("color", ""),
                            decimal(v.get(VARIANT.PRICE_MINOR), cur), cmp == null ? "" : decimal(cmp, cur), cur,
                            v.get(VARIANT.STOCK_ON_HAND), i < imgs.size() ? imgs.get(i) : "");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static String text(Map<String, Record> t, String lang, org.jooq.Field<String> f) {
        Record r = t.get(lang);
        return r == null || r.get(f) == null ? "" : r.get(f);
    }

    private static String decimal(long minor, String currency) {
        return io.brique.api.Money.of(minor, currency).toDecimal().toPlainString();
    }

    CatalogService catalog() {
        return catalog;
    }
}
