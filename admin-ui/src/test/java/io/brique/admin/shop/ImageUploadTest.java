package io.brique.admin.shop;

import static io.brique.core.db.jooq.Tables.ADMIN_AUDIT;
import static io.brique.core.db.jooq.Tables.PRODUCT_IMAGE;
import static io.brique.core.db.jooq.Tables.VARIANT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.admin.AdminTestApp;
import io.brique.core.commerce.CommerceFixtures;
import io.brique.core.testing.TestApp;
import io.brique.testing.HttpSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Product images uploaded as files: type read from the bytes, size limit, stored in the shared media
 * folder, served with an immutable cache by this node and by another node sharing the folder.
 */
@Tag("db")
class ImageUploadTest {

    /** A valid 1x1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    static Path mediaDir;
    static AdminTestApp app;
    static HttpSession manager;
    static long productId;

    @BeforeAll
    static void start() throws Exception {
        mediaDir = Files.createTempDirectory("shared-media");
        app = AdminTestApp.start(Map.of("media.dir", mediaDir.toString(), "media.max-bytes", "20000"));
        manager = app.loginAs("manager");
        long v = CommerceFixtures.product(app.app(), "IMG-1", 1000, 5);
        productId = dsl().select(VARIANT.PRODUCT_ID).from(VARIANT).where(VARIANT.ID.eq(v)).fetchOne(0, Long.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static DSLContext dsl() {
        return app.app().app().core().db().dsl();
    }

    static HttpSession.Response upload(String filename, String declaredType, byte[] content, String alt) {
        String boundary = "----brique" + System.nanoTime();
        StringBuilder head = new StringBuilder();
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n")
                .append(manager.csrfToken()).append("\r\n--").append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\n").append(alt).append("\r\n--")
                .append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(filename).append("\"\r\nContent-Type: ").append(declaredType).append("\r\n\r\n");
        byte[] a = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] b = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[a.length + content.length + b.length];
        System.arraycopy(a, 0, body, 0, a.length);
        System.arraycopy(content, 0, body, a.length, content.length);
        System.arraycopy(b, 0, body, a.length + content.length, b.length);
        return manager.send("POST", "/admin/products/" + productId + "/images/upload",
                "multipart/form-data; boundary=" + boundary, body, Map.of());
    }

    static HttpResponse<byte[]> fetch(String base, String path, String etag) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (etag != null) {
            b.header("If-None-Match", etag);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anUploadedImageIsStoredSharedAndServedWithCachingHeaders() throws Exception {
        HttpSession.Response r = upload("photo.png", "image/png", PNG, "Front view");
        assertEquals(303, r.status(), r.body());
        var row = dsl().selectFrom(PRODUCT_IMAGE).where(PRODUCT_IMAGE.PRODUCT_ID.eq(productId))
                .and(PRODUCT_IMAGE.ALT_TEXT.eq("Front view")).fetchOne();
        String url = row.getUrl();
        assertTrue(url.matches("^/media/[0-9a-f]{64}\\.png$"), url);
        assertTrue(Files.exists(mediaDir.resolve(url.substring("/media/".length()))), "in the shared folder");
        assertTrue(manager.get("/admin/products/" + productId).body().contains("src=\"" + url + "\""));

        HttpResponse<byte[]> img = fetch(app.app().url(""), url, null);
        assertEquals(200, img.statusCode());
        assertEquals("image/png", img.headers().firstValue("Content-Type").orElse(""));
        assertTrue(img.headers().firstValue("Cache-Control").orElse("").contains("immutable"));
        assertArrayEquals(PNG, img.body());
        String etag = img.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, fetch(app.app().url(""), url, etag).statusCode());

        // another node mounting the same folder serves the same bytes
        TestApp second = TestApp.startOn(app.app().dbConfig(), Map.of("media.dir", mediaDir.toString()));
        try {
            HttpResponse<byte[]> there = fetch(second.url(""), url, null);
            assertEquals(200, there.statusCode());
            assertArrayEquals(PNG, there.body());
        } finally {
            second.close();
        }
        // the same picture uploaded twice is stored once
        assertEquals(303, upload("again.png", "image/png", PNG, "Again").status());
        try (var files = Files.list(mediaDir)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(".png")).count());
        }
        assertEquals(2, dsl().fetchCount(ADMIN_AUDIT, ADMIN_AUDIT.ACTION.eq("product.image_upload")));
    }

    @Test
    void theTypeIsReadFromTheBytesAndTheSizeIsLimited() throws Exception {
        int before = dsl().fetchCount(PRODUCT_IMAGE, PRODUCT_IMAGE.PRODUCT_ID.eq(productId));
        HttpSession.Response fake = upload("evil.png", "image/png",
                "<svg onload=alert(1)></svg>".getBytes(StandardCharsets.UTF_8), "x");
        assertEquals(400, fake.status());
        assertTrue(fake.body().contains("JPEG, PNG, GIF") , "message next to the field");
        assertTrue(fake.body().contains("value=\"x\""), "typed alt kept");
        byte[] big = new byte[30_000];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        HttpSession.Response tooBig = upload("big.png", "image/png", big, "big");
        assertEquals(400, tooBig.status());
        assertTrue(tooBig.body().contains("too large") || tooBig.body().contains("trop volumineux"));
        HttpSession.Response none = upload("empty.png", "image/png", new byte[0], "none");
        assertEquals(400, none.status());
        assertEquals(before, dsl().fetchCount(PRODUCT_IMAGE, PRODUCT_IMAGE.PRODUCT_ID.eq(productId)), "nothing added");
        try (var files = Files.list(mediaDir)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void mediaNamesAreCheckedAndStaffCannotUpload() throws Exception {
        for (String path : List.of("/media/..%2F..%2Fetc%2Fpasswd", "/media/abc.png",
                "/media/" + "0".repeat(64) + ".png", "/media/" + "0".repeat(64) + ".svg")) {
            int status = fetch(app.app().url(""), path, null).statusCode();
            assertTrue(status == 404 || status == 400, path + " -> " + status); // Jetty refuses encoded slashes itself
        }
        HttpSession staff = app.loginAs("staff");
        assertEquals(403, staff.postForm("/admin/products/" + productId + "/images/upload", Map.of()).status());
    }
}
