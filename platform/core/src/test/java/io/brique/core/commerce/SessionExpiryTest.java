package io.brique.core.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.HttpSession;
import io.brique.core.testing.TestApp;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A session stops working once {@code session.ttl} has passed. */
@Tag("db")
class SessionExpiryTest {

    @Test
    void expiredSessionIsNoLongerLoggedIn() throws Exception {
        try (TestApp app = TestApp.start(Map.of("session.ttl", "2s"))) {
            HttpSession http = app.http();
            assertEquals(303, http.postForm("/en/account/register", Map.of("email", "ttl@example.com",
                    "password", "a long enough password")).status());
            String sid = http.cookie("brq_sid");
            assertNotNull(sid);
            assertEquals(200, http.get("/en/account").status());
            assertTrue(app.app().commerce().sessions().resolve(sid).isPresent());
            Thread.sleep(2_500);
            // The server refuses it (not only the browser forgetting the cookie).
            assertTrue(app.app().commerce().sessions().resolve(sid).isEmpty());
            HttpSession.Response after = http.get("/en/account");
            assertEquals(303, after.status());
            assertTrue(after.location().endsWith("/en/account/login"));
        }
    }
}
