package io.brique.core.commerce.cart;

import static io.brique.core.db.jooq.Tables.PRODUCT;
import static io.brique.core.db.jooq.Tables.PRODUCT_IMAGE;
import static io.brique.core.db.jooq.Tables.PRODUCT_TRANSLATION;
import static io.brique.core.db.jooq.Tables.VARIANT;
import static io.brique.core.db.jooq.Tables.VARIANT_OPTION;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Read-only view of the catalog tables that carts and checkout need (names, prices, stock, images).
 * The catalog slice owns those tables; commerce only reads them here and, for stock, writes through
 * {@link io.brique.core.commerce.order.StockRepository}.
 */
public final class CatalogReader {

    /** One sellable variant with what a cart line shows. */
    public record VariantInfo(long variantId, long productId, String sku, long priceMinor, String currency,
            int stockOnHand, int stockReserved, boolean variantActive, boolean productActive, String taxClass,
            String name, String slug, String imageUrl, String optionsLabel, Long brandId, Long categoryId) {

        public int available() {
            return Math.max(0, stockOnHand - stockReserved);
        }

        public boolean sellable() {
            return variantActive && productActive;
        }
    }

    /** Variants by id, with texts in {@code lang} (falling back to any translation). */
    public Map<Long, VariantInfo> variants(DSLContext dsl, Collection<Long> ids, String lang) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<? extends Record> rows = dsl.select(VARIANT.ID, VARIANT.PRODUCT_ID, VARIANT.SKU, VARIANT.PRICE_MINOR,
                        VARIANT.CURRENCY, VARIANT.STOCK_ON_HAND, VARIANT.STOCK_RESERVED, VARIANT.STATUS,
                        PRODUCT.STATUS, PRODUCT.TAX_CLASS, PRODUCT.BRAND_ID, PRODUCT.CATEGORY_ID)
                .from(VARIANT).join(PRODUCT).on(PRODUCT.ID.eq(VARIANT.PRODUCT_ID))
                .where(VARIANT.ID.in(ids)).fetch();
        List<Long> productIds = rows.stream().map(r -> r.get(VARIANT.PRODUCT_ID)).distinct().toList();
        Map<Long, String[]> texts = new HashMap<>();
        dsl.select(PRODUCT_TRANSLATION.PRODUCT_ID, PRODUCT_TRANSLATION.LOCALE, PRODUCT_TRANSLATION.NAME,
                        PRODUCT_TRANSLATION.SLUG)
                .from(PRODUCT_TRANSLATION).where(PRODUCT_TRANSLATION.PRODUCT_ID.in(productIds)).fetch()
                .forEach(r -> {
                    String[] t = new String[] {r.get(PRODUCT_TRANSLATION.NAME), r.get(PRODUCT_TRANSLATION.SLUG)};
                    if (lang.equals(r.get(PRODUCT_TRANSLATION.LOCALE))) {
                        texts.put(r.get(PRODUCT_TRANSLATION.PRODUCT_ID), t);
                    } else {
                        texts.putIfAbsent(r.get(PRODUCT_TRANSLATION.PRODUCT_ID), t);
                    }
                });
        Map<Long, String> images = new HashMap<>();
        dsl.select(PRODUCT_IMAGE.PRODUCT_ID, PRODUCT_IMAGE.URL).from(PRODUCT_IMAGE)
                .where(PRODUCT_IMAGE.PRODUCT_ID.in(productIds))
                .orderBy(PRODUCT_IMAGE.POSITION.desc(), PRODUCT_IMAGE.ID.desc()).fetch()
                .forEach(r -> images.put(r.get(PRODUCT_IMAGE.PRODUCT_ID), r.get(PRODUCT_IMAGE.URL)));
        Map<Long, StringBuilder> options = new HashMap<>();
        dsl.select(VARIANT_OPTION.VARIANT_ID, VARIANT_OPTION.VALUE).from(VARIANT_OPTION)
                .where(VARIANT_OPTION.VARIANT_ID.in(ids)).and(VARIANT_OPTION.LOCALE.eq(lang))
                .orderBy(VARIANT_OPTION.POSITION, VARIANT_OPTION.OPTION_CODE).fetch()
                .forEach(r -> {
                    StringBuilder sb = options.computeIfAbsent(r.get(VARIANT_OPTION.VARIANT_ID), k -> new StringBuilder());
                    if (!sb.isEmpty()) {
                        sb.append(" / ");
                    }
                    sb.append(r.get(VARIANT_OPTION.VALUE));
                });
        Map<Long, VariantInfo> out = new LinkedHashMap<>();
        for (Record r : rows) {
            long pid = r.get(VARIANT.PRODUCT_ID);
            String[] t = texts.getOrDefault(pid, new String[] {r.get(VARIANT.SKU), null});
            StringBuilder opt = options.get(r.get(VARIANT.ID));
            out.put(r.get(VARIANT.ID), new VariantInfo(r.get(VARIANT.ID), pid, r.get(VARIANT.SKU),
                    r.get(VARIANT.PRICE_MINOR), r.get(VARIANT.CURRENCY), r.get(VARIANT.STOCK_ON_HAND),
                    r.get(VARIANT.STOCK_RESERVED), "active".equals(r.get(VARIANT.STATUS)),
                    "active".equals(r.get(PRODUCT.STATUS)), r.get(PRODUCT.TAX_CLASS), t[0], t[1], images.get(pid),
                    opt == null ? null : opt.toString(), r.get(PRODUCT.BRAND_ID), r.get(PRODUCT.CATEGORY_ID)));
        }
        return out;
    }

    public Optional<VariantInfo> variant(DSLContext dsl, long id, String lang) {
        return Optional.ofNullable(variants(dsl, List.of(id), lang).get(id));
    }

    public Optional<Long> variantIdBySku(DSLContext dsl, String sku) {
        return dsl.select(VARIANT.ID).from(VARIANT).where(VARIANT.SKU.eq(sku)).fetchOptional(VARIANT.ID);
    }
}
