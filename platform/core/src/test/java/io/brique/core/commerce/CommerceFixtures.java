package io.brique.core.commerce;

import static io.brique.core.db.jooq.Tables.PRODUCT;
import static io.brique.core.db.jooq.Tables.PRODUCT_TRANSLATION;
import static io.brique.core.db.jooq.Tables.VARIANT;
import static io.brique.core.db.jooq.Tables.VARIANT_OPTION;

import io.brique.core.testing.TestApp;
import org.jooq.DSLContext;
import org.jooq.Table;

/** Inserts catalog rows directly (the catalog slice owns their services), for commerce tests. */
public final class CommerceFixtures {

    private CommerceFixtures() {
    }

    public static DSLContext dsl(TestApp app) {
        return app.app().core().db().dsl();
    }

    /** A product with one active variant; returns the variant id. */
    public static long product(TestApp app, String sku, long priceMinor, int stock) {
        return product(app, sku, priceMinor, stock, "standard", "active");
    }

    public static long product(TestApp app, String sku, long priceMinor, int stock, String taxClass, String status) {
        DSLContext dsl = dsl(app);
        dsl.insertInto(PRODUCT).set(PRODUCT.HANDLE, sku.toLowerCase())
                .set(PRODUCT.STATUS, status).set(PRODUCT.TAX_CLASS, taxClass).execute();
        long productId = dsl.select(PRODUCT.ID).from(PRODUCT).where(PRODUCT.HANDLE.eq(sku.toLowerCase()))
                .fetchOne(PRODUCT.ID);
        dsl.insertInto(PRODUCT_TRANSLATION).set(PRODUCT_TRANSLATION.PRODUCT_ID, productId)
                .set(PRODUCT_TRANSLATION.LOCALE, "fr").set(PRODUCT_TRANSLATION.NAME, "Produit " + sku)
                .set(PRODUCT_TRANSLATION.SLUG, "produit-" + sku.toLowerCase()).execute();
        dsl.insertInto(PRODUCT_TRANSLATION).set(PRODUCT_TRANSLATION.PRODUCT_ID, productId)
                .set(PRODUCT_TRANSLATION.LOCALE, "en").set(PRODUCT_TRANSLATION.NAME, "Product " + sku)
                .set(PRODUCT_TRANSLATION.SLUG, "product-" + sku.toLowerCase()).execute();
        dsl.insertInto(VARIANT).set(VARIANT.PRODUCT_ID, productId).set(VARIANT.SKU, sku)
                .set(VARIANT.PRICE_MINOR, priceMinor).set(VARIANT.CURRENCY, "EUR").set(VARIANT.STOCK_ON_HAND, stock)
                .set(VARIANT.STATUS, "active").execute();
        long variantId = dsl.select(VARIANT.ID).from(VARIANT).where(VARIANT.SKU.eq(sku)).fetchOne(VARIANT.ID);
        dsl.insertInto(VARIANT_OPTION).set(VARIANT_OPTION.VARIANT_ID, variantId).set(VARIANT_OPTION.OPTION_CODE, "size")
                .set(VARIANT_OPTION.LOCALE, "fr").set(VARIANT_OPTION.VALUE, "Taille M").execute();
        dsl.insertInto(VARIANT_OPTION).set(VARIANT_OPTION.VARIANT_ID, variantId).set(VARIANT_OPTION.OPTION_CODE, "size")
                .set(VARIANT_OPTION.LOCALE, "en").set(VARIANT_OPTION.VALUE, "Size M").execute();
        return variantId;
    }

    public static int reserved(TestApp app, long variantId) {
        return dsl(app).select(VARIANT.STOCK_RESERVED).from(VARIANT).where(VARIANT.ID.eq(variantId))
                .fetchOne(VARIANT.STOCK_RESERVED);
    }

    public static int onHand(TestApp app, long variantId) {
        return dsl(app).select(VARIANT.STOCK_ON_HAND).from(VARIANT).where(VARIANT.ID.eq(variantId))
                .fetchOne(VARIANT.STOCK_ON_HAND);
    }

    public static int count(TestApp app, Table<?> table) {
        return dsl(app).fetchCount(table);
    }

    /** The demo stores (Paris, Lyon). */
    public static void stores(TestApp app) {
        app.app().commerce().loadDemoDataIfEmpty();
    }

    public static String checkoutJson(String email, String shippingMethod, String storeCode, String payment,
            String country) {
        return """
                {"email":"%s","address":{"firstName":"Ada","lastName":"Lovelace","line1":"1 rue de Rivoli",
                "postcode":"75001","city":"Paris","country":"%s","phone":"+33 1 23 45 67 89"},
                "shippingMethod":"%s",%s"paymentMethod":"%s","locale":"fr"}"""
                .formatted(email, country, shippingMethod, storeCode == null ? "" : "\"storeCode\":\"" + storeCode + "\",",
                        payment);
    }
}
