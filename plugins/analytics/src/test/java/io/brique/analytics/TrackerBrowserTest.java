package io.brique.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.core.testing.Browser;
import io.brique.testkit.BriqueTestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The JS tracker in headless Chromium against a real shop: page views, product views and clicks on
 * search results arrive through {@code navigator.sendBeacon}, several events per beacon; the
 * consent-free mode leaves no cookie and no storage; the consented mode keeps a first-party id only
 * with consent; Global Privacy Control and Do Not Track win over consent.
 */
class TrackerBrowserTest {

    /** A desktop Chrome user agent: headless Chromium's own one is filtered as a robot (as it should be). */
    static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";
    /** Counts the beacons a page sends to the collection endpoint (in a variable of the page). */
    static final String COUNT_BEACONS = "(function () { var send = navigator.sendBeacon.bind(navigator);"
            + " window.__beacons = 0; navigator.sendBeacon = function (url, body) {"
            + " if (String(url).indexOf('/plugins/analytics/collect') >= 0) { window.__beacons++; } return send(url, body); }; })();";
    /** Events of one request share their time (the server dates tracker events): same time, same beacon. */
    static final String SAME_BEACON = "SELECT COUNT(*) FROM analytics_event a JOIN analytics_event b ON a.occurred_at ="
            + " b.occurred_at AND a.id <> b.id WHERE a.name = ? AND b.name = ? AND a.origin = 'web' AND b.origin = 'web'";

    BriqueTestServer shop;
    List<Browser> browsers = new ArrayList<>();

    @BeforeEach
    void start() {
        shop = BriqueTestServer.start();
        shop.installFolder(Path.of("target/classes"));
        shop.enable("analytics");
    }

    @AfterEach
    void stop() {
        browsers.forEach(Browser::close);
        shop.close();
    }

    ChromeDriver browser(String extraScript) {
        Browser b = Browser.open("--user-agent=" + UA);
        browsers.add(b);
        ChromeDriver d = b.driver();
        d.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", COUNT_BEACONS + extraScript));
        return d;
    }

    /**
     * Goes to a page the way a link does (a navigation started by the page, so the page being left
     * runs its pagehide handlers and its beacons go out), then waits for the tracker of the new page.
     */
    void open(ChromeDriver d, String path) {
        if (d.getCurrentUrl().startsWith(shop.baseUrl())) {
            d.executeScript("window.__leaving = true; window.location.href = arguments[0];", shop.baseUrl() + path);
            waitUntil(() -> Boolean.TRUE.equals(d.executeScript("return window.__leaving === undefined")), "left the page");
        } else {
            d.get(shop.baseUrl() + path);
        }
        waitUntil(() -> Boolean.TRUE.equals(d.executeScript("return window.__briqueAnalytics === true")),
                "the tracker runs on " + path);
    }

    static void waitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached in 20 s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    long count(String sql, Object... args) {
        try (Connection c = shop.pluginContext("analytics").dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String dump() {
        StringBuilder b = new StringBuilder();
        try (Connection c = shop.pluginContext("analytics").dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT name, origin, visitor_key, consented FROM analytics_event")) {
            while (rs.next()) {
                b.append(rs.getString(1)).append('/').append(rs.getString(2)).append('/').append(rs.getString(3)).append('/')
                        .append(rs.getBoolean(4)).append("; ");
            }
        } catch (SQLException e) {
            b.append(e);
        }
        return b.toString();
    }

    @Test
    void pageViewsAndSearchClicksArriveInBatchedBeaconsAndTheAudienceModeKeepsNothing() {
        BriqueTestServer.Product mug = shop.createProduct("tracked-mug", "Tracked mug", "9.90");
        ChromeDriver d = browser("");
        open(d, mug.urlEn());
        // leaving the page (pagehide) sends its page view and product view in one beacon
        open(d, "/en/");
        waitUntil(() -> count("SELECT COUNT(*) FROM analytics_event WHERE origin <> 'server'") == 2,
                "the product page's two events");
        assertEquals(1, count(SAME_BEACON, "page_view", "view_item"), "the page view and the product view: one beacon");
        // the page is hidden (tab switched, closed): its queue goes out with navigator.sendBeacon
        d.executeScript("window.dispatchEvent(new Event('pagehide'))");
        assertEquals(1L, d.executeScript("return window.__beacons"));
        waitUntil(() -> count("SELECT COUNT(*) FROM analytics_event WHERE origin <> 'server'") == 3, "the home page view");
        waitUntil(() -> {
            open(d, "/en/search?q=tracked");
            return !d.findElements(By.cssSelector("[data-analytics-list=search] [data-product-id] a")).isEmpty();
        }, "the product is in the search results");
        assertEquals(1, count("SELECT COUNT(*) FROM analytics_event e JOIN analytics_event_item i ON i.event_id = e.id"
                + " WHERE e.name = 'view_item' AND e.origin = 'web' AND i.item_id = ?", Long.toString(mug.id())));

        // a click on a search result: select_item with the list and the product, sent at once with the
        // search page's own page view
        d.findElement(By.cssSelector("[data-analytics-list=search] [data-product-id='" + mug.id() + "'] a")).click();
        waitUntil(() -> count("SELECT COUNT(*) FROM analytics_event WHERE name = 'select_item'") == 1, "the click");
        assertEquals(1, count("SELECT COUNT(*) FROM analytics_event e JOIN analytics_event_item i ON i.event_id = e.id"
                + " WHERE e.name = 'select_item' AND e.target = 'search' AND i.item_id = ?", Long.toString(mug.id())));
        assertTrue(count(SAME_BEACON, "select_item", "page_view") >= 1, "the click went out at once with the search"
                + " page's view: one beacon");

        // audience mode: no identifier in the browser, only daily hashed keys in the database
        assertEquals(0L, d.executeScript("return localStorage.length + sessionStorage.length"));
        for (Cookie c : d.manage().getCookies()) {
            assertFalse(c.getName().contains("brique_aid") || c.getName().contains("analytics"), c.getName());
        }
        assertEquals(0, count("SELECT COUNT(*) FROM analytics_event WHERE origin <> 'server' AND (visitor_key NOT LIKE 'a:%'"
                + " OR consented = TRUE)"), dump());
    }

    @Test
    void theConsentedModeKeepsAnIdOnlyWithConsentAndGpcOrDntWin() {
        shop.saveSettings("analytics", Map.of("mode", "consented", "retention_days", "395", "queue_batches", "5000",
                "tracker", "true"));
        BriqueTestServer.Product mug = shop.createProduct("consent-mug", "Consent mug", "9.90");
        ChromeDriver d = browser("");
        open(d, "/en/");
        assertEquals(0L, d.executeScript("return localStorage.length"), "no consent yet: nothing kept");
        d.manage().addCookie(new Cookie("brique_consent", "analytics"));
        open(d, mug.urlEn());
        open(d, "/en/");
        String id = (String) d.executeScript("return localStorage.getItem('brique_aid')");
        assertTrue(id != null && !id.isEmpty(), "with consent: a first-party id");
        waitUntil(() -> count("SELECT COUNT(*) FROM analytics_event WHERE visitor_key = ? AND consented = TRUE",
                "v:" + id) >= 2, "the consented visitor's events; stored: " + dump());

        // the same consent cookie with Global Privacy Control, then with Do Not Track: no id, audience keys
        for (String signal : List.of("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: function () { return true; } });",
                "Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: function () { return '1'; } });")) {
            long audience = count("SELECT COUNT(*) FROM analytics_event WHERE visitor_key LIKE 'a:%'");
            ChromeDriver opted = browser(signal);
            open(opted, "/en/");
            opted.manage().addCookie(new Cookie("brique_consent", "analytics"));
            open(opted, mug.urlEn());
            open(opted, "/en/");
            assertEquals(0L, opted.executeScript("return localStorage.length"), signal);
            waitUntil(() -> count("SELECT COUNT(*) FROM analytics_event WHERE visitor_key LIKE 'a:%'") > audience,
                    "events of the opted-out visitor, in audience mode");
            assertEquals(0, count("SELECT COUNT(*) FROM analytics_event WHERE consented = TRUE AND visitor_key <> ?",
                    "v:" + id), "no other consented visitor");
        }
    }
}
