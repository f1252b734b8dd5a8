package io.brique.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.HttpSession;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Users and audit lists page and sort through the shared pager fragment, keeping their filters. */
@Tag("db")
class AdminListPagingTest {

    static AdminTestApp app;

    @BeforeAll
    static void start() {
        app = AdminTestApp.start();
        for (int i = 0; i < 26; i++) {
            app.console().users().create(String.format("pager%02d@shop.test", i), "Pager " + i, "staff",
                    AdminTestApp.PASSWORD);
        }
        for (int i = 0; i < 55; i++) {
            app.console().audit().record(null, "robot@shop.test", "127.0.0.1", "test.paging", "item " + i, null);
        }
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void usersListPagesAndSorts() {
        HttpSession owner = app.loginAs("owner");
        HttpSession.Response first = owner.get("/admin/users?sort=email&dir=desc");
        assertEquals(200, first.status());
        assertTrue(first.body().contains("class=\"pager\""), "pager shown");
        assertTrue(first.body().contains("href=\"/admin/users?dir=desc&amp;page=2&amp;sort=email\""), first.body());
        assertTrue(first.body().contains("href=\"/admin/users?dir=asc&amp;sort=email\""), "sort toggles");
        HttpSession.Response second = owner.get("/admin/users?dir=desc&page=2&sort=email");
        assertEquals(200, second.status());
        assertTrue(second.body().contains("href=\"/admin/users?dir=desc&amp;page=1&amp;sort=email\""), "previous page");
        assertTrue(second.body().contains("pager00@shop.test"), "the last e-mails are on page 2 in descending order");
    }

    @Test
    void auditListPagesKeepingTheFilter() {
        HttpSession owner = app.loginAs("owner");
        HttpSession.Response first = owner.get("/admin/audit?q=test.paging");
        assertEquals(200, first.status());
        assertTrue(first.body().contains("href=\"/admin/audit?dir=desc&amp;page=2&amp;q=test.paging&amp;sort=when\""),
                first.body());
        HttpSession.Response second = owner.get("/admin/audit?dir=desc&page=2&q=test.paging&sort=when");
        assertTrue(second.body().contains("item 0<") || second.body().contains(">item 0<"), "oldest entry on page 2");
        HttpSession.Response oldest = owner.get("/admin/audit?q=test.paging&dir=asc");
        assertTrue(oldest.body().contains(">item 0<"), "ascending starts with the oldest");
        assertTrue(oldest.body().contains("href=\"/admin/audit?dir=desc&amp;q=test.paging&amp;sort=when\""),
                "sort toggles back to newest first");
    }

    @Test
    void pagesOutOfRangeAreRefusedWithA400() {
        HttpSession owner = app.loginAs("owner");
        assertEquals(400, owner.get("/admin/users?page=0").status());
        assertEquals(400, owner.get("/admin/audit?page=abc").status());
    }
}
