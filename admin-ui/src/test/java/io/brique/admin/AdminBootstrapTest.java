package io.brique.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.HttpSession;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The first owner: from the configured password, or through the one-time setup page. */
class AdminBootstrapTest {

    @Test
    void configuredPasswordCreatesTheOwner() {
        try (AdminTestApp app = AdminTestApp.startEmpty(Map.of("admin.bootstrap.password", "a long boot password",
                "admin.bootstrap.email", "boss@shop.test", "mode", "production", "http.secure-cookies", "false"))) {
            assertEquals(1, app.console().users().count());
            assertEquals(303, AdminTestApp.login(app.http(), "boss@shop.test", "a long boot password").status());
        }
    }

    @Test
    void withoutPasswordOnlyTheSetupTokenCreatesTheOwnerOnce() {
        try (AdminTestApp app = AdminTestApp.startEmpty(Map.of())) {
            assertEquals(0, app.console().users().count());
            HttpSession s = app.http();
            assertTrue(s.get("/admin/login").body().contains("setup link"), "the login page explains the setup");
            assertEquals(404, s.get("/admin/setup?token=guess").status());
            String token = app.console().bootstrap().newSetupToken();
            assertEquals(200, s.get("/admin/setup?token=" + token).status());
            HttpSession.Response bad = s.postForm("/admin/setup", Map.of("token", token, "email", "me@shop.test",
                    "displayName", "Me", "password", "short"));
            assertEquals(400, bad.status());
            assertTrue(bad.body().contains("value=\"me@shop.test\""));
            assertEquals(303, s.postForm("/admin/setup", Map.of("token", token, "email", "me@shop.test",
                    "displayName", "Me", "password", "twelve chars ok")).status());
            assertEquals(404, s.get("/admin/setup?token=" + token).status(), "spent");
            assertEquals(303, AdminTestApp.login(app.http(), "me@shop.test", "twelve chars ok").status());
        }
    }
}
