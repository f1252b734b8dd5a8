package io.brique.core.search;

import static io.brique.core.db.jooq.Tables.BRAND;
import static io.brique.core.db.jooq.Tables.ORDER_LINE;
import static io.brique.core.db.jooq.Tables.PRODUCT;
import static io.brique.core.db.jooq.Tables.PRODUCT_ATTRIBUTE;
import static io.brique.core.db.jooq.Tables.PRODUCT_CATEGORY;
import static io.brique.core.db.jooq.Tables.PRODUCT_TRANSLATION;
import static io.brique.core.db.jooq.Tables.VARIANT;

import io.brique.core.catalog.CategoryTree;
import io.brique.core.db.Database;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Reads the search documents of products from the database, in batches (six queries per batch, none
 * per product). Only visible products (active, with an active variant, translated in the locale) give
 * a document; the others are reported as absent so the index drops them.
 */
public final class SearchDocuments {

    static final int BATCH = 1000;

    private final Database db;
    private final Supplier<CategoryTree> categories;

    public SearchDocuments(Database db, Supplier<CategoryTree> categories) {
        this.db = db;
        this.categories = categories;
    }

    /** Every product id, ascending. */
    public List<Long> allIds() {
        return db.dsl().select(PRODUCT.ID).from(PRODUCT).orderBy(PRODUCT.ID).fetch(PRODUCT.ID);
    }

    /** Calls {@code sink} with the documents of all products, per locale, batch after batch. */
    public void forAll(Consumer<Map<String, List<SearchDocument>>> sink) {
        List<Long> ids = allIds();
        for (int from = 0; from < ids.size(); from += BATCH) {
            sink.accept(load(ids.subList(from, Math.min(ids.size(), from + BATCH))));
        }
    }

    /** The documents of these products, by locale (a product not visible in a locale is absent). */
    public Map<String, List<SearchDocument>> load(Collection<Long> ids) {
        Map<String, List<SearchDocument>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        DSLContext dsl = db.dsl();
        CategoryTree tree = categories.get();
        Map<Long, Record> products = new HashMap<>();
        dsl.select(PRODUCT.ID, PRODUCT.CATEGORY_ID, PRODUCT.CREATED_AT, BRAND.NAME, BRAND.SLUG).from(PRODUCT)
                .leftJoin(BRAND).on(BRAND.ID.eq(PRODUCT.BRAND_ID))
                .where(PRODUCT.ID.in(ids)).and(PRODUCT.STATUS.eq("active")).fetch()
                .forEach(r -> products.put(r.get(PRODUCT.ID), r));
        if (products.isEmpty()) {
            return out;
        }
        Map<Long, long[]> priceStock = new HashMap<>();
        dsl.select(VARIANT.PRODUCT_ID, VARIANT.PRICE_MINOR, VARIANT.STOCK_ON_HAND, VARIANT.STOCK_RESERVED)
                .from(VARIANT).where(VARIANT.PRODUCT_ID.in(products.keySet())).and(VARIANT.STATUS.eq("active"))
                .fetch().forEach(r -> {
                    long[] ps = priceStock.computeIfAbsent(r.value1(), k -> new long[] {Long.MAX_VALUE, 0});
                    ps[0] = Math.min(ps[0], r.value2());
                    ps[1] += Math.max(0, r.value3() - r.value4());
                });
        Map<Long, List<Long>> secondary = new HashMap<>();
        dsl.select(PRODUCT_CATEGORY.PRODUCT_ID, PRODUCT_CATEGORY.CATEGORY_ID).from(PRODUCT_CATEGORY)
                .where(PRODUCT_CATEGORY.PRODUCT_ID.in(products.keySet())).fetch()
                .forEach(r -> secondary.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        Map<String, List<String>> attributes = new HashMap<>();
        dsl.select(PRODUCT_ATTRIBUTE.PRODUCT_ID, PRODUCT_ATTRIBUTE.LOCALE, PRODUCT_ATTRIBUTE.VALUE)
                .from(PRODUCT_ATTRIBUTE).where(PRODUCT_ATTRIBUTE.PRODUCT_ID.in(products.keySet())).fetch()
                .forEach(r -> attributes.computeIfAbsent(r.value1() + "/" + r.value2(), k -> new ArrayList<>())
                        .add(r.value3()));
        dsl.select(PRODUCT_TRANSLATION.PRODUCT_ID, PRODUCT_TRANSLATION.LOCALE, PRODUCT_TRANSLATION.NAME,
                PRODUCT_TRANSLATION.DESCRIPTION).from(PRODUCT_TRANSLATION)
                .where(PRODUCT_TRANSLATION.PRODUCT_ID.in(products.keySet())).fetch().forEach(t -> {
                    long id = t.value1();
                    Record p = products.get(id);
                    long[] ps = priceStock.get(id);
                    if (p == null || ps == null) {
                        return;
                    }
                    String locale = t.value2();
                    Set<Long> categoryIds = new LinkedHashSet<>();
                    Set<String> path = new LinkedHashSet<>();
                    List<Long> own = new ArrayList<>();
                    if (p.get(PRODUCT.CATEGORY_ID) != null) {
                        own.add(p.get(PRODUCT.CATEGORY_ID));
                    }
                    own.addAll(secondary.getOrDefault(id, List.of()));
                    for (Long c : own) {
                        for (CategoryTree.Node n : tree.path(c)) {
                            categoryIds.add(n.id());
                            String name = n.name(locale);
                            if (name != null) {
                                path.add(name);
                            }
                        }
                        categoryIds.add(c);
                    }
                    var created = p.get(PRODUCT.CREATED_AT);
                    out.computeIfAbsent(locale, k -> new ArrayList<>()).add(new SearchDocument(id, locale,
                            t.value3(), p.get(BRAND.SLUG), p.get(BRAND.NAME), List.copyOf(path),
                            List.copyOf(categoryIds), attributes.getOrDefault(id + "/" + locale, List.of()),
                            t.value4(), ps[0], ps[1] > 0,
                            created == null ? 0 : created.toInstant(ZoneOffset.UTC).toEpochMilli()));
                });
        return out;
    }

    /** The products of an order's lines (their stock moved when the order was cancelled or refunded). */
    public List<Long> productsOfOrder(long orderId) {
        return db.dsl().selectDistinct(ORDER_LINE.PRODUCT_ID).from(ORDER_LINE).where(ORDER_LINE.ORDER_ID.eq(orderId))
                .and(ORDER_LINE.PRODUCT_ID.isNotNull()).fetch(ORDER_LINE.PRODUCT_ID);
    }
}
