package io.brique.core.catalog;

import io.brique.core.db.Inserts;
import static io.brique.core.db.jooq.Tables.ATTRIBUTE;
import static io.brique.core.db.jooq.Tables.ATTRIBUTE_TRANSLATION;
import static io.brique.core.db.jooq.Tables.BRAND;
import static io.brique.core.db.jooq.Tables.CATEGORY;
import static io.brique.core.db.jooq.Tables.CATEGORY_TRANSLATION;
import static io.brique.core.db.jooq.Tables.PRODUCT;
import static io.brique.core.db.jooq.Tables.PRODUCT_ATTRIBUTE;
import static io.brique.core.db.jooq.Tables.PRODUCT_CATEGORY;
import static io.brique.core.db.jooq.Tables.PRODUCT_IMAGE;
import static io.brique.core.db.jooq.Tables.PRODUCT_TRANSLATION;
import static io.brique.core.db.jooq.Tables.VARIANT;
import static io.brique.core.db.jooq.Tables.VARIANT_OPTION;

import io.brique.core.Brique;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;

/**
 * A small, known catalog for tests:
 * clothing (vetements) > shirts (chemises); home (maison).
 * linen-shirt: Alpha, shirts, 19.90, 5 in stock (S and M), material Lin/Linen.
 * wool-jumper: Beta, clothing, 49.99, sold out, material Laine/Wool.
 * ecru-shirt: Alpha, home as primary and shirts as secondary, 29.90 (was 39.90), 10 in stock, 2 reserved.
 * draft-shirt: draft (hidden). ghost-shirt: active but its only variant is inactive (hidden).
 * stoneware-bowl: Beta, home, 12.00, 3 in stock.
 */
public final class CatalogFixture {

    public long clothing;
    public long shirts;
    public long home;
    public long linenShirt;
    public long woolJumper;
    public long ecruShirt;
    public long draftShirt;
    public long ghostShirt;
    public long bowl;
    public long linenShirtVariantS;

    public static CatalogFixture load(Brique app) {
        CatalogFixture f = new CatalogFixture();
        app.core().db().txRun(tx -> f.write(tx.dsl()));
        app.catalog().catalog().catalogChanged();
        return f;
    }

    private void write(DSLContext dsl) {
        clothing = category(dsl, null, 0, "Vêtements", "vetements", "Clothing", "clothing");
        shirts = category(dsl, clothing, 0, "Chemises", "chemises", "Shirts", "shirts");
        home = category(dsl, null, 1, "Maison", "maison", "Home", "home");
        long alpha = Inserts.id(dsl, dsl.insertInto(BRAND).set(BRAND.NAME, "Alpha").set(BRAND.SLUG, "alpha"), BRAND.ID);
        long beta = Inserts.id(dsl, dsl.insertInto(BRAND).set(BRAND.NAME, "Beta").set(BRAND.SLUG, "beta"), BRAND.ID);
        long material = Inserts.id(dsl, dsl.insertInto(ATTRIBUTE).set(ATTRIBUTE.CODE, "material").set(ATTRIBUTE.FILTERABLE, true), ATTRIBUTE.ID);
        dsl.insertInto(ATTRIBUTE_TRANSLATION).values(material, "fr", "Matière").values(material, "en", "Material")
                .execute();
        LocalDateTime t0 = LocalDateTime.of(2026, 1, 1, 10, 0);
        linenShirt = product(dsl, "linen-shirt", "active", alpha, shirts, t0, "Chemise en lin", "chemise-en-lin",
                "Élégante chemise légère pour l’été.", "Linen shirt", "linen-shirt", "A light summer shirt.");
        linenShirtVariantS = variant(dsl, linenShirt, "LS-S", 1990, null, 3, 0, "active", "S");
        variant(dsl, linenShirt, "LS-M", 1990, null, 2, 0, "active", "M");
        attr(dsl, linenShirt, material, "Lin", "Linen");
        woolJumper = product(dsl, "wool-jumper", "active", beta, clothing, t0.plusDays(1), "Pull en laine",
                "pull-en-laine", "Un pull chaud.", "Wool jumper", "wool-jumper", "A warm jumper.");
        variant(dsl, woolJumper, "WJ-1", 4999, null, 0, 0, "active", null);
        attr(dsl, woolJumper, material, "Laine", "Wool");
        ecruShirt = product(dsl, "ecru-shirt", "active", alpha, home, t0.plusDays(2), "Chemise écrue",
                "chemise-ecrue", "Coton épais.", "Ecru shirt", "ecru-shirt", "Thick cotton.");
        variant(dsl, ecruShirt, "ES-1", 2990, 3990L, 12, 2, "active", null);
        dsl.insertInto(PRODUCT_CATEGORY).set(PRODUCT_CATEGORY.PRODUCT_ID, ecruShirt)
                .set(PRODUCT_CATEGORY.CATEGORY_ID, shirts).execute();
        draftShirt = product(dsl, "draft-shirt", "draft", alpha, shirts, t0.plusDays(3), "Chemise brouillon",
                "chemise-brouillon", null, "Draft shirt", "draft-shirt", null);
        variant(dsl, draftShirt, "DS-1", 1000, null, 5, 0, "active", null);
        ghostShirt = product(dsl, "ghost-shirt", "active", alpha, shirts, t0.plusDays(4), "Chemise fantôme",
                "chemise-fantome", null, "Ghost shirt", "ghost-shirt", null);
        variant(dsl, ghostShirt, "GS-1", 1000, null, 5, 0, "inactive", null);
        bowl = product(dsl, "stoneware-bowl", "active", beta, home, t0.plusDays(5), "Bol en grès", "bol-en-gres",
                "Bol artisanal.", "Stoneware bowl", "stoneware-bowl", "Handmade bowl.");
        variant(dsl, bowl, "SB-1", 1200, null, 3, 0, "active", null);
        new CatalogRepository(null).refreshSearchText(dsl, List.of(linenShirt, woolJumper, ecruShirt, draftShirt,
                ghostShirt, bowl));
    }

    private static long category(DSLContext dsl, Long parent, int pos, String fr, String slugFr, String en,
            String slugEn) {
        long id = Inserts.id(dsl, dsl.insertInto(CATEGORY).set(CATEGORY.PARENT_ID, parent).set(CATEGORY.POSITION, pos), CATEGORY.ID);
        dsl.insertInto(CATEGORY_TRANSLATION, CATEGORY_TRANSLATION.CATEGORY_ID, CATEGORY_TRANSLATION.LOCALE,
                CATEGORY_TRANSLATION.NAME, CATEGORY_TRANSLATION.SLUG).values(id, "fr", fr, slugFr)
                .values(id, "en", en, slugEn).execute();
        return id;
    }

    private static long product(DSLContext dsl, String handle, String status, long brand, long category,
            LocalDateTime created, String fr, String slugFr, String descFr, String en, String slugEn, String descEn) {
        long id = Inserts.id(dsl, dsl.insertInto(PRODUCT).set(PRODUCT.HANDLE, handle).set(PRODUCT.STATUS, status)
                .set(PRODUCT.BRAND_ID, brand).set(PRODUCT.CATEGORY_ID, category).set(PRODUCT.CREATED_AT, created), PRODUCT.ID);
        dsl.insertInto(PRODUCT_TRANSLATION, PRODUCT_TRANSLATION.PRODUCT_ID, PRODUCT_TRANSLATION.LOCALE,
                PRODUCT_TRANSLATION.NAME, PRODUCT_TRANSLATION.SLUG, PRODUCT_TRANSLATION.DESCRIPTION)
                .values(id, "fr", fr, slugFr, descFr).values(id, "en", en, slugEn, descEn).execute();
        dsl.insertInto(PRODUCT_IMAGE).set(PRODUCT_IMAGE.PRODUCT_ID, id).set(PRODUCT_IMAGE.URL,
                PlaceholderImages.url(id)).set(PRODUCT_IMAGE.ALT_TEXT, fr).execute();
        return id;
    }

    private static long variant(DSLContext dsl, long product, String sku, long price, Long compare, int onHand,
            int reserved, String status, String size) {
        long id = Inserts.id(dsl, dsl.insertInto(VARIANT).set(VARIANT.PRODUCT_ID, product).set(VARIANT.SKU, sku)
                .set(VARIANT.PRICE_MINOR, price).set(VARIANT.COMPARE_AT_MINOR, compare)
                .set(VARIANT.STOCK_ON_HAND, onHand).set(VARIANT.STOCK_RESERVED, reserved).set(VARIANT.STATUS, status), VARIANT.ID);
        if (size != null) {
            dsl.insertInto(VARIANT_OPTION, VARIANT_OPTION.VARIANT_ID, VARIANT_OPTION.OPTION_CODE, VARIANT_OPTION.LOCALE,
                    VARIANT_OPTION.VALUE).values(id, "size", "fr", size).values(id, "size", "en", size).execute();
        }
        return id;
    }

    private static void attr(DSLContext dsl, long product, long attribute, String fr, String en) {
        dsl.insertInto(PRODUCT_ATTRIBUTE, PRODUCT_ATTRIBUTE.PRODUCT_ID, PRODUCT_ATTRIBUTE.ATTRIBUTE_ID,
                PRODUCT_ATTRIBUTE.LOCALE, PRODUCT_ATTRIBUTE.VALUE).values(product, attribute, "fr", fr)
                .values(product, attribute, "en", en).execute();
    }
}
