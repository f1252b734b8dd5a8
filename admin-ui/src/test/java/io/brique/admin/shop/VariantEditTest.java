package io.brique.admin.shop;

import static io.brique.core.db.jooq.Tables.ADMIN_AUDIT;
import static io.brique.core.db.jooq.Tables.VARIANT;
import static io.brique.core.db.jooq.Tables.VARIANT_OPTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.admin.AdminTestApp;
import io.brique.core.commerce.CommerceFixtures;
import io.brique.testing.HttpSession;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Variant SKU and options per language, and deletion guarded by orders, reservations and the last variant. */
@Tag("db")
class VariantEditTest {

    static AdminTestApp app;
    static HttpSession manager;

    @BeforeAll
    static void start() {
        app = AdminTestApp.start();
        manager = app.loginAs("manager");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static DSLContext dsl() {
        return app.app().app().core().db().dsl();
    }

    static long productOf(long variant) {
        return dsl().select(VARIANT.PRODUCT_ID).from(VARIANT).where(VARIANT.ID.eq(variant)).fetchOne(0, Long.class);
    }

    static String option(long variant, String code, String lang) {
        return dsl().select(VARIANT_OPTION.VALUE).from(VARIANT_OPTION).where(VARIANT_OPTION.VARIANT_ID.eq(variant))
                .and(VARIANT_OPTION.OPTION_CODE.eq(code)).and(VARIANT_OPTION.LOCALE.eq(lang)).fetchOne(0, String.class);
    }

    static long addVariant(long product, String sku) {
        assertEquals(303, manager.postForm("/admin/products/" + product + "/variants",
                Map.of("sku", sku, "price", "12,50", "stock", "3")).status());
        return dsl().select(VARIANT.ID).from(VARIANT).where(VARIANT.SKU.eq(sku)).fetchOne(0, Long.class);
    }

    @Test
    void skuAndOptionsAreEditedPerLanguage() {
        long v = CommerceFixtures.product(app.app(), "VE-1", 1000, 5);
        long p = productOf(v);
        String page = manager.get("/admin/products/" + p).body();
        assertTrue(page.contains("id=\"variant-details-" + v + "\""), "edit form shown");
        assertTrue(page.contains("value=\"Taille M\"") && page.contains("value=\"Size M\""), "current options");
        Map<String, String> form = new HashMap<>(Map.of("sku", "VE-1-RED", "option_size_fr", "Taille L",
                "option_size_en", "Size L", "option_color_fr", "Rouge", "option_color_en", "Red"));
        HttpSession.Response r = manager.postForm("/admin/products/" + p + "/variants/" + v + "/details", form);
        assertEquals(303, r.status(), r.body());
        assertEquals("VE-1-RED", dsl().select(VARIANT.SKU).from(VARIANT).where(VARIANT.ID.eq(v)).fetchOne(0, String.class));
        assertEquals("Taille L", option(v, "size", "fr"));
        assertEquals("Red", option(v, "color", "en"));
        assertEquals(1, dsl().fetchCount(ADMIN_AUDIT, ADMIN_AUDIT.ACTION.eq("product.variant_edit")));
        // clearing an option in every language removes it
        form.put("option_color_fr", "");
        form.put("option_color_en", " ");
        assertEquals(303, manager.postForm("/admin/products/" + p + "/variants/" + v + "/details", form).status());
        assertEquals(null, option(v, "color", "fr"));
        assertEquals("Size L", option(v, "size", "en"));
    }

    @Test
    void badSkuTakenSkuAndHalfTranslatedOptionsAreFieldErrors() {
        long v = CommerceFixtures.product(app.app(), "VE-2", 1000, 5);
        CommerceFixtures.product(app.app(), "VE-TAKEN", 1000, 5);
        long p = productOf(v);
        String url = "/admin/products/" + p + "/variants/" + v + "/details";
        HttpSession.Response bad = manager.postForm(url, Map.of("sku", "bad sku!", "option_size_fr", "M"));
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("id=\"variant-edit-" + v + "\" open"), "the variant's form is open");
        assertTrue(bad.body().contains("value=\"bad sku!\""), "typed value kept");
        HttpSession.Response half = manager.postForm(url, Map.of("sku", "VE-2", "option_size_fr", "M"));
        assertEquals(400, half.status());
        assertTrue(half.body().contains("every language") || half.body().contains("toutes les langues"), half.body());
        HttpSession.Response taken = manager.postForm(url, Map.of("sku", "VE-TAKEN"));
        assertEquals(400, taken.status());
        assertTrue(taken.body().contains("Another variant uses this SKU") || taken.body().contains("utilise ce SKU"));
        assertEquals("VE-2", dsl().select(VARIANT.SKU).from(VARIANT).where(VARIANT.ID.eq(v)).fetchOne(0, String.class));
        assertEquals("Taille M", option(v, "size", "fr"), "nothing written");
        // a variant of another product is not reachable through this product
        long other = CommerceFixtures.product(app.app(), "VE-OTHER", 1000, 5);
        assertEquals(404, manager.postForm("/admin/products/" + p + "/variants/" + other + "/details",
                Map.of("sku", "HIJACK")).status());
    }

    @Test
    void deletionIsRefusedForOrderedAndLastVariants() {
        long first = CommerceFixtures.product(app.app(), "VE-3", 1000, 5);
        long p = productOf(first);
        assertEquals(303, manager.postForm("/admin/products/" + p + "/variants/" + first + "/delete", Map.of()).status());
        assertEquals(1, dsl().fetchCount(VARIANT, VARIANT.ID.eq(first)), "the last variant stays");
        long spare = addVariant(p, "VE-3-SPARE");
        long sold = addVariant(p, "VE-3-SOLD");
        ShopFixtures.order(app, sold, 1, "variant-buyer@example.com");
        HttpSession.Response r = manager.postForm("/admin/products/" + p + "/variants/" + sold + "/delete", Map.of());
        assertEquals(303, r.status());
        assertEquals(1, dsl().fetchCount(VARIANT, VARIANT.ID.eq(sold)), "an ordered variant stays");
        String flash = manager.get(r.location()).body();
        assertTrue(flash.contains("cannot be deleted") || flash.contains("ne peut pas être supprimée"), flash);
        assertEquals(303, manager.postForm("/admin/products/" + p + "/variants/" + spare + "/delete", Map.of()).status());
        assertEquals(0, dsl().fetchCount(VARIANT, VARIANT.ID.eq(spare)), "a never-sold variant is deleted");
        assertEquals(0, dsl().fetchCount(VARIANT_OPTION, VARIANT_OPTION.VARIANT_ID.eq(spare)));
        assertEquals(1, dsl().fetchCount(ADMIN_AUDIT, ADMIN_AUDIT.ACTION.eq("product.variant_delete")
                .and(ADMIN_AUDIT.TARGET.eq("VE-3-SPARE"))));
        HttpSession staff = app.loginAs("staff");
        assertEquals(403, staff.postForm("/admin/products/" + p + "/variants/" + first + "/delete", Map.of()).status());
    }
}
