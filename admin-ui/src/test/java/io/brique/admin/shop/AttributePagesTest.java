package io.brique.admin.shop;

import static io.brique.core.db.jooq.Tables.ADMIN_AUDIT;
import static io.brique.core.db.jooq.Tables.ATTRIBUTE;
import static io.brique.core.db.jooq.Tables.VARIANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.admin.AdminTestApp;
import io.brique.core.commerce.CommerceFixtures;
import io.brique.testing.HttpSession;
import java.time.Duration;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Attribute definitions: list, create, edit, delete only when unused; the storefront's filters follow. */
@Tag("db")
class AttributePagesTest {

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

    static Long id(String code) {
        return dsl().select(ATTRIBUTE.ID).from(ATTRIBUTE).where(ATTRIBUTE.CODE.eq(code)).fetchOne(0, Long.class);
    }

    @Test
    void createEditAndDeleteAnUnusedAttribute() throws Exception {
        HttpSession.Response r = manager.postForm("/admin/attributes", Map.of("code", "fabric", "label_fr", "Tissu",
                "label_en", "Fabric", "filterable", "on"));
        assertEquals(303, r.status(), r.body());
        long id = id("fabric");
        String list = manager.get("/admin/attributes").body();
        assertTrue(list.contains("id=\"attribute-fabric\"") && list.contains("Tissu"), list);
        // the storefront node reloads its filterable attributes from the event
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!app.app().app().catalog().catalog().filterableAttributes().contains("fabric")
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(app.app().app().catalog().catalog().filterableAttributes().contains("fabric"));

        assertEquals(303, manager.postForm("/admin/attributes/" + id, Map.of("code", "ignored", "label_fr", "Étoffe",
                "label_en", "Fabric")).status());
        assertEquals("fabric", dsl().select(ATTRIBUTE.CODE).from(ATTRIBUTE).where(ATTRIBUTE.ID.eq(id))
                .fetchOne(0, String.class), "the code is fixed");
        assertFalse(dsl().select(ATTRIBUTE.FILTERABLE).from(ATTRIBUTE).where(ATTRIBUTE.ID.eq(id))
                .fetchOne(0, Boolean.class));
        assertTrue(manager.get("/admin/attributes/" + id).body().contains("value=\"Étoffe\""));

        assertEquals(303, manager.postForm("/admin/attributes/" + id + "/delete", Map.of()).status());
        assertEquals(null, id("fabric"));
        assertEquals(3, dsl().fetchCount(ADMIN_AUDIT, ADMIN_AUDIT.ACTION.like("attribute.%")
                .and(ADMIN_AUDIT.TARGET.eq("fabric"))));
    }

    @Test
    void badInputIsAFieldErrorWithTheTypedValuesKept() {
        HttpSession.Response bad = manager.postForm("/admin/attributes", Map.of("code", "Bad Code", "label_fr", "",
                "label_en", "Label kept"));
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("value=\"Bad Code\"") && bad.body().contains("value=\"Label kept\""));
        assertTrue(bad.body().contains("field-error"));
        assertEquals(303, manager.postForm("/admin/attributes", Map.of("code", "dup", "label_fr", "A",
                "label_en", "A")).status());
        HttpSession.Response dup = manager.postForm("/admin/attributes", Map.of("code", "dup", "label_fr", "B",
                "label_en", "B"));
        assertEquals(400, dup.status());
        assertTrue(dup.body().contains("already has this code") || dup.body().contains("a déjà ce code"));
        assertEquals(1, dsl().fetchCount(ATTRIBUTE, ATTRIBUTE.CODE.eq("dup")));
    }

    @Test
    void anAttributeInUseCannotBeDeleted() {
        assertEquals(303, manager.postForm("/admin/attributes", Map.of("code", "finish", "label_fr", "Finition",
                "label_en", "Finish")).status());
        long v = CommerceFixtures.product(app.app(), "ATTR-1", 1000, 1);
        long product = dsl().select(VARIANT.PRODUCT_ID).from(VARIANT).where(VARIANT.ID.eq(v)).fetchOne(0, Long.class);
        assertEquals(303, manager.postForm("/admin/products/" + product + "/attributes", Map.of("attribute", "finish",
                "value_fr", "mat", "value_en", "matte")).status());
        HttpSession.Response r = manager.postForm("/admin/attributes/" + id("finish") + "/delete", Map.of());
        assertEquals(303, r.status());
        String page = manager.get(r.location()).body();
        assertTrue(page.contains("used by products") || page.contains("utilisé par des produits"), page);
        assertTrue(id("finish") != null, "kept");
        HttpSession staff = app.loginAs("staff");
        assertEquals(200, staff.get("/admin/attributes").status());
        assertEquals(403, staff.postForm("/admin/attributes", Map.of("code", "nope")).status());
    }
}
