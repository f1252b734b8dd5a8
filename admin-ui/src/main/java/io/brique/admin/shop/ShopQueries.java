package io.brique.admin.shop;

import static io.brique.core.db.jooq.Tables.BRAND;
import static io.brique.core.db.jooq.Tables.CATEGORY;
import static io.brique.core.db.jooq.Tables.CATEGORY_TRANSLATION;
import static io.brique.core.db.jooq.Tables.CUSTOMER;
import static io.brique.core.db.jooq.Tables.ORDERS;
import static io.brique.core.db.jooq.Tables.ORDER_LINE;
import static io.brique.core.db.jooq.Tables.PRODUCT;
import static io.brique.core.db.jooq.Tables.PRODUCT_TRANSLATION;
import static io.brique.core.db.jooq.Tables.VARIANT;

import io.brique.admin.account.AdminUsers.Page;
import io.brique.core.db.Database;
import io.brique.core.db.jooq.tables.records.OrdersRecord;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Read-side queries of the shop pages (lists, filters, figures), in jOOQ on the core's tables. Writes
 * never happen here: they go through the core services.
 */
public final class ShopQueries {

    public static final int LOW_STOCK = 5;

    /** One row of the products list. */
    public record ProductRow(long id, String handle, String status, String name, String category, String brand,
            int variants, Long minPriceMinor, String currency, long available) {
    }

    /** One row of the customers list. */
    public record CustomerRow(long id, String email, String firstName, String lastName, String status,
            LocalDateTime createdAt, int orders, long spentMinor) {
    }

    public record OrderFilter(String status, LocalDate from, LocalDate to, String channel, String customer,
            String number) {
    }

    public record ProductFilter(String q, String status, Long categoryId, Long brandId, String stock) {
    }

    /** One point of the chart: a day and its revenue/orders. */
    public record Day(LocalDate day, long revenueMinor, int orders) {
    }

    public record TopProduct(Long productId, String name, long quantity, long revenueMinor) {
    }

    /** Figures of one period [from, to) in the shop's time zone. */
    public record Figures(LocalDate from, LocalDate to, int orders, long revenueMinor, long aovMinor, List<Day> days,
            List<TopProduct> top) {
    }

    private final Database db;
    private final ZoneId zone;
    private final String currency;

    public ShopQueries(Database db, ZoneId zone, String currency) {
        this.db = db;
        this.zone = zone;
        this.currency = currency;
    }

    public ZoneId zone() {
        return zone;
    }

    public String currency() {
        return currency;
    }

    static String like(String q) {
        return "%" + q.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                + "%";
    }

    private LocalDateTime utc(LocalDate day) {
        return day.atStartOfDay(zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    // ---- orders ------------------------------------------------------------------------------

    public Page<OrdersRecord> orders(OrderFilter f, String sort, boolean desc, int page, int size) {
        Condition c = orderCondition(f);
        DSLContext dsl = db.dsl();
        int total = dsl.fetchCount(ORDERS, c);
        List<OrdersRecord> items = dsl.selectFrom(ORDERS).where(c).orderBy(orderSort(sort, desc))
                .limit(size).offset((page - 1) * size).fetch();
        return new Page<>(items, page, size, total);
    }

    /**
     * Every order matching the filter, in the list's order, handed one by one to {@code row} from a
     * cursor (the export streams; memory does not grow with the number of orders).
     */
    public void eachOrder(OrderFilter f, String sort, boolean desc, java.util.function.Consumer<OrdersRecord> row) {
        try (var cursor = db.dsl().selectFrom(ORDERS).where(orderCondition(f)).orderBy(orderSort(sort, desc))
                .fetchSize(500).fetchLazy()) {
            for (OrdersRecord r : cursor) {
                row.accept(r);
            }
        }
    }

    private Condition orderCondition(OrderFilter f) {
        Condition c = DSL.noCondition();
        if (f.status() != null) {
            c = c.and(ORDERS.STATUS.eq(f.status()));
        }
        if (f.from() != null) {
            c = c.and(ORDERS.PLACED_AT.ge(utc(f.from())));
        }
        if (f.to() != null) {
            c = c.and(ORDERS.PLACED_AT.lt(utc(f.to().plusDays(1))));
        }
        if (f.channel() != null) {
            c = c.and(ORDERS.CHANNEL.eq(f.channel()));
        }
        if (f.customer() != null) {
            c = c.and(DSL.lower(ORDERS.EMAIL).like(like(f.customer()), '\\')
                    .or(DSL.lower(DSL.concat(DSL.coalesce(ORDERS.ADDR_FIRST_NAME, ""), DSL.inline(" "),
                            DSL.coalesce(ORDERS.ADDR_LAST_NAME, ""))).like(like(f.customer()), '\\')));
        }
        if (f.number() != null) {
            c = c.and(DSL.upper(ORDERS.NUMBER).like(like(f.number()).toUpperCase(Locale.ROOT), '\\'));
        }
        return c;
    }

    private static List<org.jooq.SortField<?>> orderSort(String sort, boolean desc) {
        Field<?> key = switch (sort) {
            case "number" -> ORDERS.NUMBER;
            case "total" -> ORDERS.TOTAL_MINOR;
            case "status" -> ORDERS.STATUS;
            case "email" -> ORDERS.EMAIL;
            default -> ORDERS.PLACED_AT;
        };
        return List.of(desc ? key.desc() : key.asc(), desc ? ORDERS.ID.desc() : ORDERS.ID.asc());
    }

    public List<String> channels() {
        return db.dsl().selectDistinct(ORDERS.CHANNEL).from(ORDERS).orderBy(ORDERS.CHANNEL).fetch(ORDERS.CHANNEL);
    }

    // ---- products ----------------------------------------------------------------------------

    public Page<ProductRow> products(ProductFilter f, String lang, String sort, boolean desc, int page, int size) {
        var pt = PRODUCT_TRANSLATION.as("pt");
        var ct = CATEGORY_TRANSLATION.as("ct");
        Condition c = DSL.noCondition();
        if (f.q() != null) {
            String like = like(f.q());
            c = c.and(DSL.lower(pt.NAME).like(like, '\\').or(DSL.lower(PRODUCT.HANDLE).like(like, '\\'))
                    .or(DSL.exists(DSL.selectOne().from(VARIANT.as("vs")).where(VARIANT.as("vs").PRODUCT_ID.eq(PRODUCT.ID))
                            .and(DSL.lower(VARIANT.as("vs").SKU).like(like, '\\')))));
        }
        if (f.status() != null) {
            c = c.and(PRODUCT.STATUS.eq(f.status()));
        }
        if (f.categoryId() != null) {
            c = c.and(PRODUCT.CATEGORY_ID.eq(f.categoryId()));
        }
        if (f.brandId() != null) {
            c = c.and(PRODUCT.BRAND_ID.eq(f.brandId()));
        }
        Field<Integer> variants = DSL.count(VARIANT.ID).as("variants");
        Field<Long> minPrice = DSL.min(VARIANT.PRICE_MINOR).as("min_price");
        Field<java.math.BigDecimal> availableSum = DSL.sum(VARIANT.STOCK_ON_HAND.minus(VARIANT.STOCK_RESERVED));
        Field<Long> available = DSL.coalesce(availableSum.cast(Long.class), DSL.inline(0L)).as("available");
        Condition having = DSL.noCondition();
        if ("out".equals(f.stock())) {
            having = DSL.coalesce(availableSum, DSL.inline(java.math.BigDecimal.ZERO)).le(java.math.BigDecimal.ZERO);
        } else if ("low".equals(f.stock())) {
            having = availableSum.between(java.math.BigDecimal.ONE, java.math.BigDecimal.valueOf(LOW_STOCK));
        } else if ("in".equals(f.stock())) {
            having = availableSum.gt(java.math.BigDecimal.ZERO);
        }
        DSLContext dsl = db.dsl();
        var base = dsl.select(PRODUCT.ID, PRODUCT.HANDLE, PRODUCT.STATUS, pt.NAME, ct.NAME, BRAND.NAME, variants,
                        minPrice, available, PRODUCT.UPDATED_AT)
                .from(PRODUCT)
                .leftJoin(pt).on(pt.PRODUCT_ID.eq(PRODUCT.ID)).and(pt.LOCALE.eq(lang))
                .leftJoin(ct).on(ct.CATEGORY_ID.eq(PRODUCT.CATEGORY_ID)).and(ct.LOCALE.eq(lang))
                .leftJoin(BRAND).on(BRAND.ID.eq(PRODUCT.BRAND_ID))
                .leftJoin(VARIANT).on(VARIANT.PRODUCT_ID.eq(PRODUCT.ID)).and(VARIANT.STATUS.eq("active"))
                .where(c)
                .groupBy(PRODUCT.ID, PRODUCT.HANDLE, PRODUCT.STATUS, pt.NAME, ct.NAME, BRAND.NAME, PRODUCT.UPDATED_AT)
                .having(having);
        int total = dsl.fetchCount(base);
        SortField<?> order = switch (sort) {
            case "handle" -> desc ? PRODUCT.HANDLE.desc() : PRODUCT.HANDLE.asc();
            case "price" -> desc ? DSL.field(DSL.name("min_price")).desc() : DSL.field(DSL.name("min_price")).asc();
            case "stock" -> desc ? DSL.field(DSL.name("available")).desc() : DSL.field(DSL.name("available")).asc();
            case "updated" -> desc ? PRODUCT.UPDATED_AT.desc() : PRODUCT.UPDATED_AT.asc();
            default -> desc ? pt.NAME.desc() : pt.NAME.asc();
        };
        List<ProductRow> rows = base.orderBy(order, PRODUCT.ID.asc()).limit(size).offset((page - 1) * size).fetch(r ->
                new ProductRow(r.get(PRODUCT.ID), r.get(PRODUCT.HANDLE), r.get(PRODUCT.STATUS), r.get(pt.NAME),
                        r.get(ct.NAME), r.get(BRAND.NAME), r.get(variants), r.get(minPrice), currency,
                        r.get(available) == null ? 0 : r.get(available)));
        return new Page<>(rows, page, size, total);
    }

    /** id -> name (in the admin's language) of every category, indented by depth, tree order. */
    public Map<Long, String> categoryOptions(String lang) {
        var rows = db.dsl().select(CATEGORY.ID, CATEGORY.PARENT_ID, CATEGORY.POSITION, CATEGORY_TRANSLATION.NAME)
                .from(CATEGORY).leftJoin(CATEGORY_TRANSLATION).on(CATEGORY_TRANSLATION.CATEGORY_ID.eq(CATEGORY.ID))
                .and(CATEGORY_TRANSLATION.LOCALE.eq(lang)).orderBy(CATEGORY.POSITION, CATEGORY.ID).fetch();
        Map<Long, String> out = new LinkedHashMap<>();
        addChildren(rows, null, 0, out);
        return out;
    }

    private static void addChildren(List<? extends Record> rows, Long parent, int depth, Map<Long, String> out) {
        if (depth > 20) {
            return;
        }
        for (Record r : rows) {
            if (java.util.Objects.equals(r.get(CATEGORY.PARENT_ID), parent)) {
                String name = r.get(CATEGORY_TRANSLATION.NAME);
                out.put(r.get(CATEGORY.ID), "— ".repeat(depth) + (name == null ? "#" + r.get(CATEGORY.ID) : name));
                addChildren(rows, r.get(CATEGORY.ID), depth + 1, out);
            }
        }
    }

    /** One category of the tree page, in tree order with its depth. */
    public record CategoryRow(long id, Long parentId, int position, String status, int depth,
            Map<String, io.brique.core.catalog.ProductService.Text> texts, int products) {
        public String name(String lang) {
            var t = texts.get(lang);
            return t == null ? "#" + id : t.name();
        }
    }

    /** Every category (active or not) in tree order. */
    public List<CategoryRow> categoryTree() {
        DSLContext dsl = db.dsl();
        Map<Long, Map<String, io.brique.core.catalog.ProductService.Text>> texts = new java.util.HashMap<>();
        dsl.selectFrom(CATEGORY_TRANSLATION).fetch().forEach(t -> texts.computeIfAbsent(t.getCategoryId(),
                k -> new LinkedHashMap<>()).put(t.getLocale(), new io.brique.core.catalog.ProductService.Text(t.getName(),
                t.getSlug(), t.getDescription())));
        Map<Long, Integer> counts = new java.util.HashMap<>();
        dsl.select(PRODUCT.CATEGORY_ID, DSL.count()).from(PRODUCT).where(PRODUCT.CATEGORY_ID.isNotNull())
                .groupBy(PRODUCT.CATEGORY_ID).fetch().forEach(r -> counts.put(r.value1(), r.value2()));
        var rows = dsl.selectFrom(CATEGORY).orderBy(CATEGORY.POSITION, CATEGORY.ID).fetch();
        List<CategoryRow> out = new ArrayList<>();
        addTree(rows, null, 0, texts, counts, out);
        return out;
    }

    private static void addTree(List<io.brique.core.db.jooq.tables.records.CategoryRecord> rows, Long parent, int depth,
            Map<Long, Map<String, io.brique.core.catalog.ProductService.Text>> texts, Map<Long, Integer> counts,
            List<CategoryRow> out) {
        if (depth > 20) {
            return;
        }
        for (var r : rows) {
            if (java.util.Objects.equals(r.getParentId(), parent)) {
                out.add(new CategoryRow(r.getId(), r.getParentId(), r.getPosition(), r.getStatus(), depth,
                        texts.getOrDefault(r.getId(), Map.of()), counts.getOrDefault(r.getId(), 0)));
                addTree(rows, r.getId(), depth + 1, texts, counts, out);
            }
        }
    }

    public Map<Long, String> brandOptions() {
        Map<Long, String> out = new LinkedHashMap<>();
        db.dsl().select(BRAND.ID, BRAND.NAME).from(BRAND).orderBy(BRAND.NAME).fetch()
                .forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    /** Everything the product edit page shows. */
    public record ProductDetail(long id, String handle, String status, Long categoryId, String brand, String taxClass,
            Map<String, io.brique.core.catalog.ProductService.Text> texts, List<VariantRow> variants,
            List<ImageRow> images, Map<String, Map<String, String>> attributes, LocalDateTime updatedAt) {
    }

    public record VariantRow(long id, String sku, long priceMinor, Long compareAtMinor, String currency, int onHand,
            int reserved, String status, String options) {
        public int available() {
            return onHand - reserved;
        }

        /** The price as the form shows it ("12.50"): exact decimal, never a double. */
        public String priceText() {
            return io.brique.api.Money.of(priceMinor, currency).toDecimal().toPlainString();
        }

        public String compareAtText() {
            return compareAtMinor == null ? "" : io.brique.api.Money.of(compareAtMinor, currency).toDecimal()
                    .toPlainString();
        }
    }

    public record ImageRow(long id, String url, String alt) {
    }

    /** Option values of a product's variants: variant id to {@code <code>_<lang>} to value (edit forms). */
    public Map<Long, Map<String, String>> variantOptionValues(long productId) {
        var vo = io.brique.core.db.jooq.Tables.VARIANT_OPTION;
        Map<Long, Map<String, String>> out = new java.util.HashMap<>();
        db.dsl().select(vo.VARIANT_ID, vo.OPTION_CODE, vo.LOCALE, vo.VALUE).from(vo).join(VARIANT)
                .on(VARIANT.ID.eq(vo.VARIANT_ID)).where(VARIANT.PRODUCT_ID.eq(productId)).fetch()
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new java.util.HashMap<>())
                        .put(r.value2() + "_" + r.value3(), r.value4()));
        return out;
    }

    public java.util.Optional<ProductDetail> product(long id, String lang) {
        DSLContext dsl = db.dsl();
        var p = dsl.selectFrom(PRODUCT).where(PRODUCT.ID.eq(id)).fetchOne();
        if (p == null) {
            return java.util.Optional.empty();
        }
        String brand = p.getBrandId() == null ? null : dsl.select(BRAND.NAME).from(BRAND)
                .where(BRAND.ID.eq(p.getBrandId())).fetchOne(BRAND.NAME);
        Map<String, io.brique.core.catalog.ProductService.Text> texts = new LinkedHashMap<>();
        dsl.selectFrom(PRODUCT_TRANSLATION).where(PRODUCT_TRANSLATION.PRODUCT_ID.eq(id)).fetch()
                .forEach(t -> texts.put(t.getLocale(), new io.brique.core.catalog.ProductService.Text(t.getName(),
                        t.getSlug(), t.getDescription())));
        Map<Long, List<String>> options = new java.util.HashMap<>();
        var vo = io.brique.core.db.jooq.Tables.VARIANT_OPTION;
        dsl.select(vo.VARIANT_ID, vo.VALUE).from(vo).join(VARIANT).on(VARIANT.ID.eq(vo.VARIANT_ID))
                .where(VARIANT.PRODUCT_ID.eq(id)).and(vo.LOCALE.eq(lang)).orderBy(vo.POSITION).fetch()
                .forEach(r -> options.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        List<VariantRow> variants = dsl.selectFrom(VARIANT).where(VARIANT.PRODUCT_ID.eq(id))
                .orderBy(VARIANT.POSITION, VARIANT.ID).fetch(v -> new VariantRow(v.getId(), v.getSku(),
                        v.getPriceMinor(), v.getCompareAtMinor(), v.getCurrency(), v.getStockOnHand(),
                        v.getStockReserved(), v.getStatus(), String.join(" / ", options.getOrDefault(v.getId(), List.of()))));
        var img = io.brique.core.db.jooq.Tables.PRODUCT_IMAGE;
        List<ImageRow> images = dsl.selectFrom(img).where(img.PRODUCT_ID.eq(id)).orderBy(img.POSITION, img.ID)
                .fetch(i -> new ImageRow(i.getId(), i.getUrl(), i.getAltText()));
        Map<String, Map<String, String>> attributes = new java.util.TreeMap<>();
        var pa = io.brique.core.db.jooq.Tables.PRODUCT_ATTRIBUTE;
        var at = io.brique.core.db.jooq.Tables.ATTRIBUTE;
        dsl.select(at.CODE, pa.LOCALE, pa.VALUE).from(pa).join(at).on(at.ID.eq(pa.ATTRIBUTE_ID))
                .where(pa.PRODUCT_ID.eq(id)).fetch()
                .forEach(r -> attributes.computeIfAbsent(r.value1(), k -> new LinkedHashMap<>()).put(r.value2(), r.value3()));
        return java.util.Optional.of(new ProductDetail(id, p.getHandle(), p.getStatus(), p.getCategoryId(), brand,
                p.getTaxClass(), texts, variants, images, attributes, p.getUpdatedAt()));
    }

    public List<String> attributeCodes() {
        var at = io.brique.core.db.jooq.Tables.ATTRIBUTE;
        return db.dsl().select(at.CODE).from(at).orderBy(at.CODE).fetch(at.CODE);
    }

    public List<String> taxClasses() {
        var tr = io.brique.core.db.jooq.Tables.TAX_RATE;
        return db.dsl().selectDistinct(tr.TAX_CLASS).from(tr).orderBy(tr.TAX_CLASS).fetch(tr.TAX_CLASS);
    }

    // ---- customers ---------------------------------------------------------------------------

    public Page<CustomerRow> customers(String q, String sort, boolean desc, int page, int size) {
        Condition c = DSL.noCondition();
        if (q != null) {
            String like = like(q);
            c = DSL.lower(CUSTOMER.EMAIL).like(like, '\\').or(DSL.lower(CUSTOMER.FIRST_NAME).like(like, '\\'))
                    .or(DSL.lower(CUSTOMER.LAST_NAME).like(like, '\\'))
                    .or(DSL.lower(DSL.concat(DSL.coalesce(CUSTOMER.FIRST_NAME, ""), DSL.inline(" "),
                            DSL.coalesce(CUSTOMER.LAST_NAME, ""))).like(like, '\\'));
        }
        Field<Integer> orders = DSL.count(ORDERS.ID).as("orders");
        Field<Long> spent = DSL.coalesce(DSL.sum(ORDERS.TOTAL_MINOR.minus(ORDERS.REFUNDED_MINOR)).cast(Long.class),
                DSL.inline(0L)).as("spent");
        DSLContext dsl = db.dsl();
        int total = dsl.fetchCount(CUSTOMER, c);
        SortField<?> order = switch (sort) {
            case "email" -> desc ? CUSTOMER.EMAIL.desc() : CUSTOMER.EMAIL.asc();
            case "name" -> desc ? CUSTOMER.LAST_NAME.desc() : CUSTOMER.LAST_NAME.asc();
            case "orders" -> desc ? DSL.field(DSL.name("orders")).desc() : DSL.field(DSL.name("orders")).asc();
            case "spent" -> desc ? DSL.field(DSL.name("spent")).desc() : DSL.field(DSL.name("spent")).asc();
            default -> desc ? CUSTOMER.CREATED_AT.desc() : CUSTOMER.CREATED_AT.asc();
        };
        List<CustomerRow> rows = dsl.select(CUSTOMER.ID, CUSTOMER.EMAIL, CUSTOMER.FIRST_NAME, CUSTOMER.LAST_NAME,
                        CUSTOMER.STATUS, CUSTOMER.CREATED_AT, orders, spent)
                .from(CUSTOMER).leftJoin(ORDERS).on(ORDERS.CUSTOMER_ID.eq(CUSTOMER.ID))
                .and(ORDERS.STATUS.ne("cancelled")).and(ORDERS.CURRENCY.eq(currency))
                .where(c).groupBy(CUSTOMER.ID, CUSTOMER.EMAIL, CUSTOMER.FIRST_NAME, CUSTOMER.LAST_NAME, CUSTOMER.STATUS,
                        CUSTOMER.CREATED_AT)
                .orderBy(order, CUSTOMER.ID.asc()).limit(size).offset((page - 1) * size)
                .fetch(r -> new CustomerRow(r.get(CUSTOMER.ID), r.get(CUSTOMER.EMAIL), r.get(CUSTOMER.FIRST_NAME),
                        r.get(CUSTOMER.LAST_NAME), r.get(CUSTOMER.STATUS), r.get(CUSTOMER.CREATED_AT), r.get(orders),
                        r.get(spent) == null ? 0 : r.get(spent)));
        return new Page<>(rows, page, size, total);
    }

    public List<OrdersRecord> customerOrders(long customerId, int max) {
        return db.dsl().selectFrom(ORDERS).where(ORDERS.CUSTOMER_ID.eq(customerId)).orderBy(ORDERS.PLACED_AT.desc())
                .limit(max).fetch();
    }

    /** Lifetime value: what the customer paid and kept (totals minus refunds, cancelled orders left out). */
    public long lifetimeValue(long customerId) {
        Long v = db.dsl().select(DSL.sum(ORDERS.TOTAL_MINOR.minus(ORDERS.REFUNDED_MINOR)).cast(Long.class))
                .from(ORDERS).where(ORDERS.CUSTOMER_ID.eq(customerId)).and(ORDERS.STATUS.ne("cancelled"))
                .and(ORDERS.CURRENCY.eq(currency)).fetchOne(0, Long.class);
        return v == null ? 0 : v;
    }

    // ---- dashboard ---------------------------------------------------------------------------

    /**
     * Orders, revenue (totals minus refunds; cancelled orders left out), AOV, revenue per day and the
     * five best-selling products of the days [from, to] (shop time zone), in the shop currency.
     */
    public Figures figures(LocalDate from, LocalDate to) {
        DSLContext dsl = db.dsl();
        Condition c = ORDERS.PLACED_AT.ge(utc(from)).and(ORDERS.PLACED_AT.lt(utc(to.plusDays(1))))
                .and(ORDERS.STATUS.ne("cancelled")).and(ORDERS.CURRENCY.eq(currency));
        Map<LocalDate, long[]> perDay = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            perDay.put(d, new long[2]);
        }
        long revenue = 0;
        int count = 0;
        // Grouped by UTC date and hour in SQL (at most 24 rows a day whatever the volume), then each hour
        // is put in its day of the shop's time zone.
        Field<java.sql.Date> utcDay = DSL.cast(ORDERS.PLACED_AT, org.jooq.impl.SQLDataType.DATE).as("utc_day");
        Field<Integer> utcHour = DSL.extract(ORDERS.PLACED_AT, org.jooq.DatePart.HOUR).as("utc_hour");
        Field<Integer> n = DSL.count().as("n");
        Field<Long> net = DSL.sum(ORDERS.TOTAL_MINOR.minus(ORDERS.REFUNDED_MINOR)).cast(Long.class).as("net");
        for (var r : dsl.select(utcDay, utcHour, n, net).from(ORDERS).where(c)
                .groupBy(DSL.cast(ORDERS.PLACED_AT, org.jooq.impl.SQLDataType.DATE),
                        DSL.extract(ORDERS.PLACED_AT, org.jooq.DatePart.HOUR)).fetch()) {
            long amount = r.get(net) == null ? 0 : r.get(net);
            LocalDate day = r.get(utcDay).toLocalDate().atTime(r.get(utcHour), 0).atOffset(ZoneOffset.UTC)
                    .atZoneSameInstant(zone).toLocalDate();
            long[] slot = perDay.get(day);
            if (slot != null) {
                slot[0] += amount;
                slot[1] += r.get(n);
            }
            revenue += amount;
            count += r.get(n);
        }
        List<Day> days = new ArrayList<>();
        perDay.forEach((d, v) -> days.add(new Day(d, v[0], (int) v[1])));
        Field<Long> qty = DSL.sum(ORDER_LINE.QUANTITY).cast(Long.class).as("qty");
        Field<Long> rev = DSL.sum(ORDER_LINE.LINE_TOTAL_MINOR).cast(Long.class).as("rev");
        Field<String> name = DSL.max(ORDER_LINE.NAME).as("pname");
        List<TopProduct> top = dsl.select(ORDER_LINE.PRODUCT_ID, name, qty, rev).from(ORDER_LINE).join(ORDERS)
                .on(ORDERS.ID.eq(ORDER_LINE.ORDER_ID)).where(c).groupBy(ORDER_LINE.PRODUCT_ID)
                .orderBy(DSL.field(DSL.name("rev")).desc()).limit(5)
                .fetch(r -> new TopProduct(r.get(ORDER_LINE.PRODUCT_ID), r.get(name),
                        r.get(qty) == null ? 0 : r.get(qty), r.get(rev) == null ? 0 : r.get(rev)));
        return new Figures(from, to, count, revenue, count == 0 ? 0 : revenue / count, days, top);
    }
}
