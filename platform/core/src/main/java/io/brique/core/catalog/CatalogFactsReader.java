package io.brique.core.catalog;

import static io.brique.core.db.jooq.Tables.ATTRIBUTE;
import static io.brique.core.db.jooq.Tables.BRAND;
import static io.brique.core.db.jooq.Tables.PRODUCT;
import static io.brique.core.db.jooq.Tables.PRODUCT_ATTRIBUTE;
import static io.brique.core.db.jooq.Tables.PRODUCT_CATEGORY;
import static io.brique.core.db.jooq.Tables.PRODUCT_TRANSLATION;
import static io.brique.core.db.jooq.Tables.VARIANT;

import io.brique.api.catalog.CatalogFacts;
import io.brique.core.db.Database;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * {@code PluginContext.catalog()}: read-only product facts for plugins, in five queries per batch
 * (plugins never read core tables themselves). Batches of at most 1,000 ids.
 */
final class CatalogFactsReader implements CatalogFacts {

    private static final int BATCH = 1_000;

    private final Database db;

    CatalogFactsReader(Database db) {
        this.db = db;
    }

    @Override
    public List<Long> activeIds(long afterId, int limit) {
        int n = Math.max(0, Math.min(limit, MAX_PAGE));
        if (n == 0) {
            return List.of();
        }
        return db.dsl().select(PRODUCT.ID).from(PRODUCT).where(PRODUCT.STATUS.eq("active")).and(PRODUCT.ID.gt(afterId))
                .orderBy(PRODUCT.ID).limit(n).fetch(PRODUCT.ID);
    }

    @Override
    public List<Product> products(Collection<Long> ids, String locale) {
        List<Long> all = new ArrayList<>(new LinkedHashSet<>(ids));
        List<Product> out = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i += BATCH) {
            out.addAll(batch(all.subList(i, Math.min(all.size(), i + BATCH)), locale == null ? "en" : locale));
        }
        return out;
    }

    private List<Product> batch(List<Long> ids, String locale) {
        DSLContext dsl = db.dsl();
        record Base(long id, String status, Long categoryId, Long brandId, String brand) {
        }
        Map<Long, Base> base = new HashMap<>();
        dsl.select(PRODUCT.ID, PRODUCT.STATUS, PRODUCT.CATEGORY_ID, PRODUCT.BRAND_ID, BRAND.NAME).from(PRODUCT)
                .leftJoin(BRAND).on(BRAND.ID.eq(PRODUCT.BRAND_ID)).where(PRODUCT.ID.in(ids)).fetch()
                .forEach(r -> base.put(r.value1(), new Base(r.value1(), r.value2(), r.value3(), r.value4(), r.value5())));
        Map<Long, String> titles = new HashMap<>();
        dsl.select(PRODUCT_TRANSLATION.PRODUCT_ID, PRODUCT_TRANSLATION.LOCALE, PRODUCT_TRANSLATION.NAME)
                .from(PRODUCT_TRANSLATION).where(PRODUCT_TRANSLATION.PRODUCT_ID.in(ids)).fetch()
                .forEach(r -> {
                    // the asked locale wins; any other translation is better than no title
                    if (locale.equals(r.value2()) || !titles.containsKey(r.value1())) {
                        titles.put(r.value1(), r.value3());
                    }
                });
        Map<Long, Set<Long>> categories = new HashMap<>();
        base.values().forEach(b -> {
            Set<Long> s = new LinkedHashSet<>();
            if (b.categoryId() != null) {
                s.add(b.categoryId());
            }
            categories.put(b.id(), s);
        });
        dsl.select(PRODUCT_CATEGORY.PRODUCT_ID, PRODUCT_CATEGORY.CATEGORY_ID).from(PRODUCT_CATEGORY)
                .where(PRODUCT_CATEGORY.PRODUCT_ID.in(ids)).orderBy(PRODUCT_CATEGORY.CATEGORY_ID).fetch()
                .forEach(r -> categories.computeIfAbsent(r.value1(), k -> new LinkedHashSet<>()).add(r.value2()));
        Map<Long, Map<String, String>> attributes = new HashMap<>();
        dsl.select(PRODUCT_ATTRIBUTE.PRODUCT_ID, ATTRIBUTE.CODE, PRODUCT_ATTRIBUTE.VALUE).from(PRODUCT_ATTRIBUTE)
                .join(ATTRIBUTE).on(ATTRIBUTE.ID.eq(PRODUCT_ATTRIBUTE.ATTRIBUTE_ID))
                .where(PRODUCT_ATTRIBUTE.PRODUCT_ID.in(ids)).and(PRODUCT_ATTRIBUTE.LOCALE.eq(locale)).fetch()
                .forEach(r -> attributes.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), r.value3()));
        record Offer(long price, String currency, boolean inStock) {
        }
        Map<Long, Offer> offers = new HashMap<>();
        dsl.select(VARIANT.PRODUCT_ID, VARIANT.PRICE_MINOR, VARIANT.CURRENCY, VARIANT.STOCK_ON_HAND,
                VARIANT.STOCK_RESERVED).from(VARIANT).where(VARIANT.PRODUCT_ID.in(ids)).and(VARIANT.STATUS.eq("active"))
                .fetch().forEach(r -> {
                    boolean stock = r.value4() - r.value5() > 0;
                    offers.merge(r.value1(), new Offer(r.value2(), r.value3(), stock), (a, b) -> new Offer(
                            Math.min(a.price(), b.price()), a.currency(), a.inStock() || b.inStock()));
                });
        List<Product> out = new ArrayList<>(base.size());
        for (Base b : base.values()) {
            Offer o = offers.get(b.id());
            out.add(new Product(b.id(), titles.getOrDefault(b.id(), ""), "active".equals(b.status()) && o != null,
                    o != null && o.inStock(), List.copyOf(categories.get(b.id())), b.brandId(), b.brand(),
                    attributes.getOrDefault(b.id(), Map.of()), o == null ? 0 : o.price(),
                    o == null ? null : o.currency()));
        }
        return out;
    }
}
