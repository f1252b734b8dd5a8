package io.brique.core.catalog;

import static io.brique.core.db.jooq.Tables.OUTBOX_EVENT;
import static io.brique.core.db.jooq.Tables.PRODUCT;
import static io.brique.core.db.jooq.Tables.PRODUCT_TRANSLATION;
import static io.brique.core.db.jooq.Tables.VARIANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.brique.testing.HttpSession;
import io.brique.core.testing.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("db")
class ProductImportTest {

    static final String HEADER = String.join(",", ProductImportService.COLUMNS) + "\n";

    static TestApp app;
    static CatalogFixture f;
    static String token;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        f = CatalogFixture.load(app.app());
        token = app.apiToken();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static HttpSession.Response post(String csv) {
        return app.http().send("POST", "/api/v1/imports/products", "text/csv; charset=utf-8",
                csv.getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "Bearer " + token));
    }

    static DSLContext dsl() {
        return app.app().core().db().dsl();
    }

    @Test
    void createsProductsWithVariantsThenUpdatesByHandle() {
        String csv = HEADER
                + "tee-1,active,T-shirt rayé,Striped T-shirt,\"Coton, doux\",\"Cotton, soft\",chemises,Gamma,standard,"
                + "TEE-1-S,S,Bleu,19.90,24.90,EUR,10,/media/placeholder/1.svg\n"
                + "tee-1,,,,,,,,,TEE-1-M,M,Bleu,19.90,,EUR,0,\n"
                + "mug-1,active,Mug émaillé,Glazed mug,,,home,,reduced,MUG-1,,,9.5,,EUR,3,\n";
        HttpSession.Response r = post(csv);
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().get("created").asInt());
        assertEquals(0, r.json().get("errors").size(), r.body());
        long tee = dsl().select(PRODUCT.ID).from(PRODUCT).where(PRODUCT.HANDLE.eq("tee-1")).fetchOne(PRODUCT.ID);
        assertEquals(2, dsl().fetchCount(VARIANT, VARIANT.PRODUCT_ID.eq(tee)));
        assertEquals(950L, dsl().select(VARIANT.PRICE_MINOR).from(VARIANT).where(VARIANT.SKU.eq("MUG-1"))
                .fetchOne(VARIANT.PRICE_MINOR));
        // Visible in the storefront right away, and searchable.
        HttpSession.Response page = app.http().get("/fr/p/t-shirt-raye");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("Gamma"));
        assertTrue(app.http().get("/en/search?q=striped").body().contains("Striped T-shirt"));
        assertTrue(dsl().fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.TYPE.eq("product.changed")
                .and(OUTBOX_EVENT.AGGREGATE_ID.eq(Long.toString(tee)))) == 1);

        // Update by handle: new price, one variant dropped, a new one added.
        String update = HEADER
                + "tee-1,active,T-shirt rayé,Striped T-shirt,,,chemises,Gamma,standard,TEE-1-S,S,Bleu,17.00,,EUR,4,\n"
                + "tee-1,,,,,,,,,TEE-1-L,L,Bleu,17.00,,EUR,6,\n";
        JsonNode rep = post(update).json();
        assertEquals(0, rep.get("created").asInt());
        assertEquals(1, rep.get("updated").asInt());
        assertEquals(1700L, dsl().select(VARIANT.PRICE_MINOR).from(VARIANT).where(VARIANT.SKU.eq("TEE-1-S"))
                .fetchOne(VARIANT.PRICE_MINOR));
        assertNull(dsl().select(VARIANT.COMPARE_AT_MINOR).from(VARIANT).where(VARIANT.SKU.eq("TEE-1-S"))
                .fetchOne(VARIANT.COMPARE_AT_MINOR));
        assertEquals("inactive", dsl().select(VARIANT.STATUS).from(VARIANT).where(VARIANT.SKU.eq("TEE-1-M"))
                .fetchOne(VARIANT.STATUS));
        assertEquals(1, dsl().fetchCount(PRODUCT, PRODUCT.HANDLE.eq("tee-1")));
        assertEquals(2, app.http().get("/api/v1/products/" + tee + "?locale=fr").json().get("variants").size());
    }

    @Test
    void brokenLinesSkipTheirProductAndAreReported() {
        String csv = HEADER
                + "good-1,active,Bon produit,Good product,,,home,,standard,GOOD-1,,,5.00,,EUR,1,\n"
                + "bad-1,active,Mauvais,Bad,,,home,,standard,BAD-1,,,5.00,,EUR,1,\n"
                + "bad-1,,,,,,,,,BAD-2,,,-3,,EUR,1,\n"
                + "bad-2,weird,Nom,Name,,,nowhere,,luxury,BAD-3,,,1.999,,EURO,x,\n"
                + "bad-3,active,Nom,Name,,,home,,standard,GOOD-1,,,5.00,,EUR,1,\n"
                + "bad-4,active,Nom,Name,,,home,,standard,LS-S,,,5.00,,EUR,1,\n"
                + "bad-5,active,," + "N".repeat(256) + ",,,home,,standard,BAD-5,,,5.00,,EUR,1,\n";
        HttpSession.Response r = post(csv);
        assertEquals(200, r.status(), r.body());
        JsonNode rep = r.json();
        assertEquals(1, rep.get("created").asInt(), r.body());
        assertEquals(5, rep.get("skipped").asInt());
        List<String> errors = new ArrayList<>();
        rep.get("errors").forEach(e -> errors.add(e.get("line").asInt() + ":" + e.get("column").asText()));
        assertTrue(errors.contains("4:price"), errors.toString());
        for (String col : List.of("status", "category", "tax_class", "price", "currency", "stock")) {
            assertTrue(errors.contains("5:" + col), col + " in " + errors);
        }
        assertTrue(errors.contains("6:sku"), "duplicate SKU in the file: " + errors);
        assertTrue(errors.contains("7:sku"), "SKU of another product: " + errors);
        assertTrue(errors.contains("8:name_fr") && errors.contains("8:name_en"), errors.toString());
        // Nothing of a bad group is written, not even its good line.
        assertEquals(0, dsl().fetchCount(PRODUCT, PRODUCT.HANDLE.eq("bad-1")));
        assertEquals(0, dsl().fetchCount(VARIANT, VARIANT.SKU.eq("BAD-1")));
        assertEquals(1, dsl().fetchCount(PRODUCT, PRODUCT.HANDLE.eq("good-1")));
        assertEquals(f.linenShirt, dsl().select(VARIANT.PRODUCT_ID).from(VARIANT).where(VARIANT.SKU.eq("LS-S"))
                .fetchOne(VARIANT.PRODUCT_ID));
    }

    @Test
    void wrongContentTypeMissingHeaderAndAuth() {
        HttpSession.Response json = app.http().send("POST", "/api/v1/imports/products", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "Bearer " + token));
        assertEquals(415, json.status());
        assertEquals(400, post("name,price\nx,1\n").status());
        assertEquals(400, post("").status());
        HttpSession.Response noToken = app.http().send("POST", "/api/v1/imports/products", "text/csv",
                HEADER.getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(401, noToken.status());
        String readOnly = app.app().core().apiTokens().create("ro", "catalog:read");
        HttpSession.Response forbidden = app.http().send("POST", "/api/v1/imports/products", "text/csv",
                HEADER.getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "Bearer " + readOnly));
        assertEquals(403, forbidden.status());
        assertEquals(401, app.http().get("/api/v1/exports/products.csv").status());
        byte[] latin1 = (HEADER + "x,active,Été,Summer,,,home,,standard,X-1,,,1.00,,EUR,1,\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(400, app.http().send("POST", "/api/v1/imports/products", "text/csv", latin1,
                Map.of("Authorization", "Bearer " + token)).status());
        assertEquals(400, post(HEADER + "a,\"unclosed\n").status());
    }

    @Test
    void exportRoundTrips() {
        HttpSession.Response r = app.http().get("/api/v1/exports/products.csv",
                Map.of("Authorization", "Bearer " + token));
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("text/csv"));
        assertTrue(r.body().startsWith(String.join(",", ProductImportService.COLUMNS)));
        assertTrue(r.body().contains("linen-shirt,active,Chemise en lin,Linen shirt"), r.body());
        assertTrue(r.body().contains(",LS-S,S,,19.90,,EUR,3,"), r.body());
        String nameBefore = dsl().select(PRODUCT_TRANSLATION.NAME).from(PRODUCT_TRANSLATION)
                .where(PRODUCT_TRANSLATION.PRODUCT_ID.eq(f.ecruShirt)).and(PRODUCT_TRANSLATION.LOCALE.eq("fr"))
                .fetchOne(PRODUCT_TRANSLATION.NAME);
        JsonNode rep = post(r.body()).json();
        assertEquals(0, rep.get("errors").size(), rep.toString());
        assertEquals(0, rep.get("created").asInt());
        assertTrue(rep.get("updated").asInt() >= 6);
        assertEquals(nameBefore, dsl().select(PRODUCT_TRANSLATION.NAME).from(PRODUCT_TRANSLATION)
                .where(PRODUCT_TRANSLATION.PRODUCT_ID.eq(f.ecruShirt)).and(PRODUCT_TRANSLATION.LOCALE.eq("fr"))
                .fetchOne(PRODUCT_TRANSLATION.NAME));
        assertEquals(3990L, dsl().select(VARIANT.COMPARE_AT_MINOR).from(VARIANT).where(VARIANT.SKU.eq("ES-1"))
                .fetchOne(VARIANT.COMPARE_AT_MINOR));
        assertEquals(200, app.http().get("/fr/p/chemise-ecrue").status(), "slug kept");
    }

    @Test
    void limits() {
        StringBuilder big = new StringBuilder(HEADER);
        for (int i = 0; i <= ProductImportService.MAX_LINES; i++) {
            big.append("many-").append(i).append(",active,Nom,Name,,,home,,standard,MANY-").append(i)
                    .append(",,,1.00,,EUR,1,\n");
        }
        HttpSession.Response tooMany = post(big.toString());
        assertEquals(400, tooMany.status(), tooMany.body());
        assertEquals(0, dsl().fetchCount(PRODUCT, PRODUCT.HANDLE.like("many-%")), "nothing written");
        byte[] huge = new byte[ProductImportService.MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) 'a');
        HttpSession.Response tooLarge = app.http().send("POST", "/api/v1/imports/products", "text/csv", huge,
                Map.of("Authorization", "Bearer " + token));
        assertEquals(413, tooLarge.status());
    }

    @Test
    void lastLineWithoutNewlineIsNumberedRight() {
        JsonNode rep = post(HEADER + "nl-1,active,Nom,Name,,,home,,standard,NL-1,,,1.00,,EUR,1,\n"
                + "nl-2,active,,Name,,,home,,standard,NL-2,,,1.00,,EUR,1,").json();
        assertEquals(1, rep.get("created").asInt());
        assertEquals(1, rep.get("errors").size(), rep.toString());
        assertEquals(3, rep.get("errors").get(0).get("line").asInt());
        assertEquals("name_fr", rep.get("errors").get(0).get("column").asText());
    }
}
