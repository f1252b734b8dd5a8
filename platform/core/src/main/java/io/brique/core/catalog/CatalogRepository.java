package io.brique.core.catalog;

import static io.brique.core.db.jooq.Tables.ATTRIBUTE;
import static io.brique.core.db.jooq.Tables.ATTRIBUTE_TRANSLATION;
import static io.brique.core.db.jooq.Tables.BRAND;
import static io.brique.core.db.jooq.Tables.CATEGORY;
import static io.brique.core.db.jooq.Tables.CATEGORY_TRANSLATION;
import static io.brique.core.db.jooq.Tables.PRODUCT;
import static io.brique.core.db.jooq.Tables.PRODUCT_ATTRIBUTE;
import static io.brique.core.db.jooq.Tables.PRODUCT_CATEGORY;
import static io.brique.core.db.jooq.Tables.PRODUCT_IMAGE;
import static io.brique.core.db.jooq.Tables.PRODUCT_SEARCH_TEXT;
import static io.brique.core.db.jooq.Tables.PRODUCT_TRANSLATION;
import static io.brique.core.db.jooq.Tables.VARIANT;
import static io.brique.core.db.jooq.Tables.VARIANT_OPTION;

import io.brique.core.catalog.Views.AttributeView;
import io.brique.core.catalog.Views.BrandFacet;
import io.brique.core.catalog.Views.BrandView;
import io.brique.core.catalog.Views.Facet;
import io.brique.core.catalog.Views.FacetValue;
import io.brique.core.catalog.Views.ImageView;
import io.brique.core.catalog.Views.OptionValue;
import io.brique.core.catalog.Views.ProductSummary;
import io.brique.core.catalog.Views.VariantView;
import io.brique.core.db.Database;
import io.brique.core.search.TextNormalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The catalog's SQL (jOOQ). Listings are two queries (count, one page of ids) plus three batched
 * queries for the page's products (texts, variants, first images): no query per product.
 */
public final class CatalogRepository {

    /** Visible in the storefront: an active product with at least one active variant. */
    private static final Condition VISIBLE = PRODUCT.STATUS.eq("active").andExists(
            DSL.selectOne().from(VARIANT).where(VARIANT.PRODUCT_ID.eq(PRODUCT.ID)).and(VARIANT.STATUS.eq("active")));

    private final Database db;

    public CatalogRepository(Database db) {
        this.db = db;
    }

    // ---- categories -------------------------------------------------------------------------

    public List<CategoryTree.Node> activeCategories() {
        DSLContext dsl = db.dsl();
        Map<Long, Map<String, String>> names = new HashMap<>();
        Map<Long, Map<String, String>> slugs = new HashMap<>();
        dsl.select(CATEGORY_TRANSLATION.CATEGORY_ID, CATEGORY_TRANSLATION.LOCALE, CATEGORY_TRANSLATION.NAME,
                CATEGORY_TRANSLATION.SLUG).from(CATEGORY_TRANSLATION).fetch().forEach(r -> {
                    names.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), r.value3());
                    slugs.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), r.value4());
                });
        return dsl.select(CATEGORY.ID, CATEGORY.PARENT_ID, CATEGORY.POSITION).from(CATEGORY)
                .where(CATEGORY.STATUS.eq("active")).fetch()
                .map(r -> new CategoryTree.Node(r.value1(), r.value2(), r.value3(),
                        Map.copyOf(names.getOrDefault(r.value1(), Map.of())),
                        Map.copyOf(slugs.getOrDefault(r.value1(), Map.of()))));
    }

    // ---- listings ---------------------------------------------------------------------------

    private Condition listingCondition(ListingQuery q) {
        Condition c = VISIBLE.and(PRODUCT_TRANSLATION.LOCALE.eq(q.lang()));
        for (String token : q.textTokens()) {
            c = c.andExists(DSL.selectOne().from(PRODUCT_SEARCH_TEXT)
                    .where(PRODUCT_SEARCH_TEXT.PRODUCT_ID.eq(PRODUCT.ID))
                    .and(PRODUCT_SEARCH_TEXT.LOCALE.eq(q.lang()))
                    .and(PRODUCT_SEARCH_TEXT.CONTENT.like("%" + escapeLike(token) + "%", '!')));
        }
        if (!q.brandSlugs().isEmpty()) {
            c = c.and(PRODUCT.BRAND_ID.in(DSL.select(BRAND.ID).from(BRAND).where(BRAND.SLUG.in(q.brandSlugs()))));
        }
        if (q.minPriceMinor() != null || q.maxPriceMinor() != null || q.inStockOnly()) {
            Condition v = VARIANT.PRODUCT_ID.eq(PRODUCT.ID).and(VARIANT.STATUS.eq("active"));
            if (q.minPriceMinor() != null) {
                v = v.and(VARIANT.PRICE_MINOR.ge(q.minPriceMinor()));
            }
            if (q.maxPriceMinor() != null) {
                v = v.and(VARIANT.PRICE_MINOR.le(q.maxPriceMinor()));
            }
            if (q.inStockOnly()) {
                v = v.and(VARIANT.STOCK_ON_HAND.minus(VARIANT.STOCK_RESERVED).gt(0));
            }
            c = c.andExists(DSL.selectOne().from(VARIANT).where(v));
        }
        for (Map.Entry<String, List<String>> e : q.attributes().entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            c = c.andExists(DSL.selectOne().from(PRODUCT_ATTRIBUTE).join(ATTRIBUTE)
                    .on(ATTRIBUTE.ID.eq(PRODUCT_ATTRIBUTE.ATTRIBUTE_ID))
                    .where(PRODUCT_ATTRIBUTE.PRODUCT_ID.eq(PRODUCT.ID))
                    .and(ATTRIBUTE.CODE.eq(e.getKey()))
                    .and(PRODUCT_ATTRIBUTE.LOCALE.eq(q.lang()))
                    .and(PRODUCT_ATTRIBUTE.VALUE.in(e.getValue())));
        }
        return c;
    }

    /**
     * The products a listing starts from: all of them, or those of a category subtree (main category or an
     * extra link). The subtree is a derived table (UNION of two indexed lookups) joined by primary key: the
     * former {@code category_id IN (...) OR id IN (subquery)} condition made MariaDB scan the whole catalog
     * four times per category page (count, page, two facets): 3 pages/s on 50,000 products.
     */
    private static Table<?> scoped(ListingQuery q) {
        if (q.categoryIds() == null) {
            return PRODUCT;
        }
        var main = PRODUCT.as("p_scope");
        Table<?> scope = DSL.select(main.ID.as("scope_id")).from(main).where(main.CATEGORY_ID.in(q.categoryIds()))
                .union(DSL.select(PRODUCT_CATEGORY.PRODUCT_ID.as("scope_id")).from(PRODUCT_CATEGORY)
                        .where(PRODUCT_CATEGORY.CATEGORY_ID.in(q.categoryIds())))
                .asTable("scope");
        return PRODUCT.join(scope).on(PRODUCT.ID.eq(scope.field("scope_id", Long.class)));
    }

    /** LIKE wildcards in user text match themselves ('!' is the escape character). */
    public static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static Field<Long> minPrice() {
        var v = VARIANT.as("vmin");
        return DSL.field(DSL.select(DSL.min(v.PRICE_MINOR)).from(v).where(v.PRODUCT_ID.eq(PRODUCT.ID))
                .and(v.STATUS.eq("active"))).cast(Long.class);
    }

    private static List<OrderField<?>> order(ListingQuery.Sort sort) {
        return switch (sort) {
            case PRICE_ASC -> List.of(minPrice().asc(), PRODUCT.ID.asc());
            case PRICE_DESC -> List.of(minPrice().desc(), PRODUCT.ID.asc());
            case NAME -> List.of(PRODUCT_TRANSLATION.NAME.asc(), PRODUCT.ID.asc());
            case NEWEST -> List.of(PRODUCT.CREATED_AT.desc(), PRODUCT.ID.desc());
            case FEATURED -> {
                var v = VARIANT.as("vst");
                Field<Integer> inStock = DSL.when(DSL.exists(DSL.selectOne().from(v).where(v.PRODUCT_ID.eq(PRODUCT.ID))
                        .and(v.STATUS.eq("active")).and(v.STOCK_ON_HAND.minus(v.STOCK_RESERVED).gt(0))), 0)
                        .otherwise(1);
                yield List.of(inStock.asc(), PRODUCT.ID.asc());
            }
        };
    }

    /** Total of matching products and the ids of the asked page, in order. */
    public record IdPage(long total, List<Long> ids) {
    }

    public IdPage listIds(ListingQuery q) {
        DSLContext dsl = db.dsl();
        Condition c = listingCondition(q);
        long total = dsl.selectCount().from(scoped(q)).join(PRODUCT_TRANSLATION)
                .on(PRODUCT_TRANSLATION.PRODUCT_ID.eq(PRODUCT.ID)).where(c).fetchOne(0, Long.class);
        if (total <= q.offset()) {
            return new IdPage(total, List.of());
        }
        List<Long> ids = dsl.select(PRODUCT.ID).from(scoped(q)).join(PRODUCT_TRANSLATION)
                .on(PRODUCT_TRANSLATION.PRODUCT_ID.eq(PRODUCT.ID)).where(c).orderBy(order(q.sort()))
                .limit(q.size()).offset(q.offset()).fetch(PRODUCT.ID);
        return new IdPage(total, ids);
    }

    /** Summaries of the given active products in the given order (others are left out), in three queries. */
    public List<ProductSummary> summaries(List<Long> ids, String lang) {
        if (ids.isEmpty()) {
            return List.of();
        }
        DSLContext dsl = db.dsl();
        Map<Long, Record> texts = new HashMap<>();
        dsl.select(PRODUCT.ID, PRODUCT_TRANSLATION.NAME, PRODUCT_TRANSLATION.SLUG, BRAND.NAME).from(PRODUCT)
                .join(PRODUCT_TRANSLATION).on(PRODUCT_TRANSLATION.PRODUCT_ID.eq(PRODUCT.ID))
                .and(PRODUCT_TRANSLATION.LOCALE.eq(lang))
                .leftJoin(BRAND).on(BRAND.ID.eq(PRODUCT.BRAND_ID))
                .where(PRODUCT.ID.in(ids)).and(PRODUCT.STATUS.eq("active")).fetch()
                .forEach(r -> texts.put(r.get(PRODUCT.ID), r));
        Map<Long, List<Record>> variants = new HashMap<>();
        dsl.select(VARIANT.PRODUCT_ID, VARIANT.PRICE_MINOR, VARIANT.COMPARE_AT_MINOR, VARIANT.CURRENCY,
                VARIANT.STOCK_ON_HAND, VARIANT.STOCK_RESERVED).from(VARIANT)
                .where(VARIANT.PRODUCT_ID.in(ids)).and(VARIANT.STATUS.eq("active"))
                .orderBy(VARIANT.PRODUCT_ID, VARIANT.POSITION, VARIANT.ID).fetch()
                .forEach(r -> variants.computeIfAbsent(r.get(VARIANT.PRODUCT_ID), k -> new ArrayList<>()).add(r));
        Map<Long, ImageView> images = new HashMap<>();
        dsl.select(PRODUCT_IMAGE.PRODUCT_ID, PRODUCT_IMAGE.URL, PRODUCT_IMAGE.ALT_TEXT).from(PRODUCT_IMAGE)
                .where(PRODUCT_IMAGE.PRODUCT_ID.in(ids)).orderBy(PRODUCT_IMAGE.POSITION, PRODUCT_IMAGE.ID).fetch()
                .forEach(r -> images.putIfAbsent(r.value1(), new ImageView(r.value2(), r.value3())));
        List<ProductSummary> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Record t = texts.get(id);
            List<Record> vs = variants.get(id);
            if (t == null || vs == null) {
                continue;
            }
            Record cheapest = vs.getFirst();
            int available = 0;
            long max = Long.MIN_VALUE;
            for (Record v : vs) {
                if (v.get(VARIANT.PRICE_MINOR) < cheapest.get(VARIANT.PRICE_MINOR)) {
                    cheapest = v;
                }
                max = Math.max(max, v.get(VARIANT.PRICE_MINOR));
                available += Math.max(0, v.get(VARIANT.STOCK_ON_HAND) - v.get(VARIANT.STOCK_RESERVED));
            }
            ImageView img = images.get(id);
            String name = t.get(PRODUCT_TRANSLATION.NAME);
            out.add(new ProductSummary(id, name, t.get(PRODUCT_TRANSLATION.SLUG), t.get(BRAND.NAME),
                    cheapest.get(VARIANT.PRICE_MINOR), cheapest.get(VARIANT.COMPARE_AT_MINOR),
                    cheapest.get(VARIANT.CURRENCY), img == null ? null : img.url(),
                    img == null || img.alt() == null ? name : img.alt(), available,
                    max != cheapest.get(VARIANT.PRICE_MINOR)));
        }
        return out;
    }

    /** Brands present among the visible products of a category subtree, with counts. */
    public List<BrandFacet> brandFacets(String lang, Set<Long> categoryIds, List<String> selected) {
        ListingQuery q = new ListingQuery(lang, categoryIds, List.of(), List.of(), null, null, false, Map.of(),
                null, 1, 1);
        Field<Integer> count = DSL.countDistinct(PRODUCT.ID);
        return db.dsl().select(BRAND.SLUG, BRAND.NAME, count).from(scoped(q)).join(PRODUCT_TRANSLATION)
                .on(PRODUCT_TRANSLATION.PRODUCT_ID.eq(PRODUCT.ID)).join(BRAND).on(BRAND.ID.eq(PRODUCT.BRAND_ID))
                .where(listingCondition(q)).groupBy(BRAND.SLUG, BRAND.NAME).orderBy(BRAND.NAME).fetch()
                .map(r -> new BrandFacet(r.value1(), r.value2(), r.value3(), selected.contains(r.value1())));
    }

    /** Values of filterable attributes among the visible products of a category subtree. */
    public List<Facet> attributeFacets(String lang, Set<Long> categoryIds, Map<String, List<String>> selected) {
        ListingQuery q = new ListingQuery(lang, categoryIds, List.of(), List.of(), null, null, false, Map.of(),
                null, 1, 1);
        Field<Integer> count = DSL.countDistinct(PRODUCT.ID);
        var label = ATTRIBUTE_TRANSLATION.as("al");
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, List<FacetValue>> values = new LinkedHashMap<>();
        db.dsl().select(ATTRIBUTE.CODE, label.LABEL, PRODUCT_ATTRIBUTE.VALUE, count).from(scoped(q))
                .join(PRODUCT_TRANSLATION).on(PRODUCT_TRANSLATION.PRODUCT_ID.eq(PRODUCT.ID))
                .join(PRODUCT_ATTRIBUTE).on(PRODUCT_ATTRIBUTE.PRODUCT_ID.eq(PRODUCT.ID))
                .and(PRODUCT_ATTRIBUTE.LOCALE.eq(lang))
                .join(ATTRIBUTE).on(ATTRIBUTE.ID.eq(PRODUCT_ATTRIBUTE.ATTRIBUTE_ID)).and(ATTRIBUTE.FILTERABLE.isTrue())
                .leftJoin(label).on(label.ATTRIBUTE_ID.eq(ATTRIBUTE.ID)).and(label.LOCALE.eq(lang))
                .where(listingCondition(q))
                .groupBy(ATTRIBUTE.CODE, label.LABEL, PRODUCT_ATTRIBUTE.VALUE)
                .orderBy(ATTRIBUTE.CODE, PRODUCT_ATTRIBUTE.VALUE).fetch().forEach(r -> {
                    labels.put(r.value1(), r.value2() == null ? r.value1() : r.value2());
                    values.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(new FacetValue(r.value3(),
                            r.value4(), selected.getOrDefault(r.value1(), List.of()).contains(r.value3())));
                });
        List<Facet> out = new ArrayList<>();
        values.forEach((code, vs) -> out.add(new Facet(code, labels.get(code), vs)));
        return out;
    }

    /** Codes of the filterable attributes (the only ones a listing may filter on). */
    public Set<String> filterableAttributeCodes() {
        return Set.copyOf(db.dsl().select(ATTRIBUTE.CODE).from(ATTRIBUTE).where(ATTRIBUTE.FILTERABLE.isTrue())
                .fetch(ATTRIBUTE.CODE));
    }

    // ---- product detail ---------------------------------------------------------------------

    public Optional<Long> productIdBySlug(String lang, String slug) {
        return db.dsl().select(PRODUCT_TRANSLATION.PRODUCT_ID).from(PRODUCT_TRANSLATION)
                .where(PRODUCT_TRANSLATION.LOCALE.eq(lang)).and(PRODUCT_TRANSLATION.SLUG.eq(slug))
                .fetchOptional(PRODUCT_TRANSLATION.PRODUCT_ID);
    }

    /** Available units (on hand minus reserved) of each active variant of a product: one small query. */
    public Map<Long, Integer> availability(long productId) {
        Map<Long, Integer> out = new HashMap<>();
        db.dsl().select(VARIANT.ID, VARIANT.STOCK_ON_HAND, VARIANT.STOCK_RESERVED).from(VARIANT)
                .where(VARIANT.PRODUCT_ID.eq(productId)).and(VARIANT.STATUS.eq("active"))
                .forEach(r -> out.put(r.value1(), Math.max(0, r.value2() - r.value3())));
        return out;
    }

    /** The raw parts of a visible product in one locale (the service adds the breadcrumb). */
    public record DetailParts(long id, String handle, String taxClass, Long categoryId, BrandView brand,
            String name, String slug, String description, Map<String, String> slugs, List<VariantView> variants,
            List<ImageView> images, List<AttributeView> attributes) {
    }

    public Optional<DetailParts> detail(long id, String lang) {
        DSLContext dsl = db.dsl();
        Record p = dsl.select(PRODUCT.ID, PRODUCT.HANDLE, PRODUCT.TAX_CLASS, PRODUCT.CATEGORY_ID, BRAND.ID,
                BRAND.NAME, BRAND.SLUG).from(PRODUCT).leftJoin(BRAND).on(BRAND.ID.eq(PRODUCT.BRAND_ID))
                .where(PRODUCT.ID.eq(id)).and(PRODUCT.STATUS.eq("active")).fetchOne();
        if (p == null) {
            return Optional.empty();
        }
        Map<String, String> slugs = new HashMap<>();
        Record text = null;
        for (Record t : dsl.select(PRODUCT_TRANSLATION.LOCALE, PRODUCT_TRANSLATION.NAME, PRODUCT_TRANSLATION.SLUG,
                PRODUCT_TRANSLATION.DESCRIPTION).from(PRODUCT_TRANSLATION)
                .where(PRODUCT_TRANSLATION.PRODUCT_ID.eq(id)).fetch()) {
            slugs.put(t.get(PRODUCT_TRANSLATION.LOCALE), t.get(PRODUCT_TRANSLATION.SLUG));
            if (lang.equals(t.get(PRODUCT_TRANSLATION.LOCALE))) {
                text = t;
            }
        }
        if (text == null) {
            return Optional.empty();
        }
        var vrows = dsl.select(VARIANT.ID, VARIANT.SKU, VARIANT.PRICE_MINOR, VARIANT.COMPARE_AT_MINOR,
                VARIANT.CURRENCY, VARIANT.STOCK_ON_HAND, VARIANT.STOCK_RESERVED).from(VARIANT)
                .where(VARIANT.PRODUCT_ID.eq(id)).and(VARIANT.STATUS.eq("active"))
                .orderBy(VARIANT.POSITION, VARIANT.ID).fetch();
        if (vrows.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, List<OptionValue>> options = new HashMap<>();
        dsl.select(VARIANT_OPTION.VARIANT_ID, VARIANT_OPTION.OPTION_CODE, VARIANT_OPTION.VALUE).from(VARIANT_OPTION)
                .where(VARIANT_OPTION.VARIANT_ID.in(vrows.getValues(VARIANT.ID)))
                .and(VARIANT_OPTION.LOCALE.eq(lang)).orderBy(VARIANT_OPTION.POSITION, VARIANT_OPTION.OPTION_CODE)
                .fetch().forEach(r -> options.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new OptionValue(r.value2(), r.value3())));
        List<VariantView> variants = vrows.map(r -> new VariantView(r.value1(), r.value2(), r.value3(), r.value4(),
                r.value5(), Math.max(0, r.value6() - r.value7()), options.getOrDefault(r.value1(), List.of())));
        String name = text.get(PRODUCT_TRANSLATION.NAME);
        List<ImageView> images = dsl.select(PRODUCT_IMAGE.URL, PRODUCT_IMAGE.ALT_TEXT).from(PRODUCT_IMAGE)
                .where(PRODUCT_IMAGE.PRODUCT_ID.eq(id)).orderBy(PRODUCT_IMAGE.POSITION, PRODUCT_IMAGE.ID).fetch()
                .map(r -> new ImageView(r.value1(), r.value2() == null || r.value2().isBlank() ? name : r.value2()));
        var label = ATTRIBUTE_TRANSLATION.as("al");
        List<AttributeView> attributes = dsl.select(ATTRIBUTE.CODE, label.LABEL, PRODUCT_ATTRIBUTE.VALUE)
                .from(PRODUCT_ATTRIBUTE).join(ATTRIBUTE).on(ATTRIBUTE.ID.eq(PRODUCT_ATTRIBUTE.ATTRIBUTE_ID))
                .leftJoin(label).on(label.ATTRIBUTE_ID.eq(ATTRIBUTE.ID)).and(label.LOCALE.eq(lang))
                .where(PRODUCT_ATTRIBUTE.PRODUCT_ID.eq(id)).and(PRODUCT_ATTRIBUTE.LOCALE.eq(lang))
                .orderBy(ATTRIBUTE.ID).fetch()
                .map(r -> new AttributeView(r.value1(), r.value2() == null ? r.value1() : r.value2(), r.value3()));
        BrandView brand = p.get(BRAND.ID) == null ? null
                : new BrandView(p.get(BRAND.ID), p.get(BRAND.NAME), p.get(BRAND.SLUG));
        return Optional.of(new DetailParts(id, p.get(PRODUCT.HANDLE), p.get(PRODUCT.TAX_CLASS),
                p.get(PRODUCT.CATEGORY_ID), brand, name, text.get(PRODUCT_TRANSLATION.SLUG),
                text.get(PRODUCT_TRANSLATION.DESCRIPTION), slugs, variants, images, attributes));
    }

    /** Name and primary category of any product (placeholder images), or empty. */
    public record Tile(long id, String name, Long categoryId) {
    }

    public Optional<Tile> tile(long id, String lang) {
        return db.dsl().select(PRODUCT.ID, PRODUCT_TRANSLATION.NAME, PRODUCT.CATEGORY_ID, PRODUCT_TRANSLATION.LOCALE)
                .from(PRODUCT).leftJoin(PRODUCT_TRANSLATION).on(PRODUCT_TRANSLATION.PRODUCT_ID.eq(PRODUCT.ID))
                .where(PRODUCT.ID.eq(id)).fetch().stream()
                .sorted((a, b) -> Boolean.compare(!lang.equals(a.value4()), !lang.equals(b.value4())))
                .findFirst().map(r -> new Tile(r.value1(), r.value2() == null ? "" : r.value2(), r.value3()));
    }

    public List<Long> idsByHandles(Collection<String> handles) {
        List<Long> out = new ArrayList<>();
        List<String> all = List.copyOf(handles);
        for (int from = 0; from < all.size(); from += 1000) {
            out.addAll(db.dsl().select(PRODUCT.ID).from(PRODUCT)
                    .where(PRODUCT.HANDLE.in(all.subList(from, Math.min(all.size(), from + 1000)))).fetch(PRODUCT.ID));
        }
        return out;
    }

    public long productCount() {
        return db.dsl().fetchCount(PRODUCT);
    }

    // ---- search text (write side) ----------------------------------------------------------

    /** Rebuilds the folded search text of products from their names, descriptions and brand. */
    public void refreshSearchText(DSLContext dsl, Collection<Long> productIds) {
        if (productIds.isEmpty()) {
            return;
        }
        List<Long> ids = List.copyOf(productIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            dsl.deleteFrom(PRODUCT_SEARCH_TEXT).where(PRODUCT_SEARCH_TEXT.PRODUCT_ID.in(chunk)).execute();
            var rows = dsl.select(PRODUCT_TRANSLATION.PRODUCT_ID, PRODUCT_TRANSLATION.LOCALE, PRODUCT_TRANSLATION.NAME,
                    PRODUCT_TRANSLATION.DESCRIPTION, BRAND.NAME).from(PRODUCT_TRANSLATION).join(PRODUCT)
                    .on(PRODUCT.ID.eq(PRODUCT_TRANSLATION.PRODUCT_ID)).leftJoin(BRAND).on(BRAND.ID.eq(PRODUCT.BRAND_ID))
                    .where(PRODUCT_TRANSLATION.PRODUCT_ID.in(chunk)).fetch();
            if (rows.isEmpty()) {
                continue;
            }
            var insert = dsl.insertInto(PRODUCT_SEARCH_TEXT, PRODUCT_SEARCH_TEXT.PRODUCT_ID, PRODUCT_SEARCH_TEXT.LOCALE,
                    PRODUCT_SEARCH_TEXT.CONTENT);
            for (var r : rows) {
                insert = insert.values(r.value1(), r.value2(), TextNormalizer.document(r.value3(), r.value5(),
                        r.value4()));
            }
            insert.execute();
        }
    }
}
