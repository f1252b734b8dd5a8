package io.brique.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.HttpSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The merchant's HTML forms over real HTTP: promotions (create, refuse with messages next to the fields,
 * edit, disable), bulk generation with the run's CSV, campaigns, rewards; every change redirects with a
 * flash message, every refusal is a 400 that changes nothing.
 */
@Tag("db")
class LoyaltyAdminFormsTest extends LoyaltyShop {

    static final String ID = "loyalty";
    static final String BASE = "/admin/plugins/loyalty";

    HttpSession admin;

    @BeforeEach
    void start() {
        admin = shop.adminHttp();
    }

    private static boolean fieldError(String html, String field) {
        return html.contains("class=\"field-error\" data-field=\"" + field + "\"");
    }

    private static Map<String, String> promo(String name, String kind, String amount, String code) {
        Map<String, String> f = new HashMap<>(Map.of("name", name, "kind", kind, "amount", amount, "combinable", "on"));
        if (code != null) {
            f.put("code", code);
        }
        return f;
    }

    @Test
    void promotionsAreCreatedEditedAndDisabledThroughTheForms() {
        HttpSession.Response form = admin.get(BASE + "/promos/new");
        assertEquals(200, form.status(), form.body());
        assertTrue(form.body().contains("name=\"_csrf\""), "the form carries the CSRF field");

        Map<String, String> bad = promo("", "percent", "150", "SPRING");
        bad.put("ends_at", "2026-13-40");
        bad.put("usage_limit", "-2");
        HttpSession.Response refused = admin.postForm(BASE + "/promos", bad);
        assertEquals(400, refused.status());
        for (String field : List.of("amount", "ends_at", "usage_limit")) {
            assertTrue(fieldError(refused.body(), field), field + " is marked: " + refused.body());
        }
        assertTrue(refused.body().contains("value=\"SPRING\""), "typed values are kept");
        assertTrue(loyalty.promos().promos().isEmpty(), "nothing saved");
        HttpSession.Response noName = admin.postForm(BASE + "/promos", promo("", "percent", "10", null));
        assertEquals(400, noName.status());
        assertTrue(fieldError(noName.body(), "name"), noName.body());

        HttpSession.Response created = admin.postForm(BASE + "/promos", promo("Spring", "percent", "10", "spring"));
        assertEquals(303, created.status(), created.body());
        assertEquals(BASE + "/promos?flash=promo_created", created.location().replaceFirst("^https?://[^/]+", ""));
        HttpSession.Response list = admin.get(BASE + "/promos?flash=promo_created");
        assertTrue(list.body().contains("class=\"flash ok\""), list.body());
        assertTrue(list.body().contains("SPRING"), "the code is listed");
        PromoService.Promo p = loyalty.promos().promos().getFirst();
        assertEquals(10, p.amount());

        HttpSession.Response duplicate = admin.postForm(BASE + "/promos", promo("Again", "fixed", "5.00", "SPRING"));
        assertEquals(400, duplicate.status());
        assertTrue(fieldError(duplicate.body(), "code"), duplicate.body());
        assertEquals(1, loyalty.promos().promos().size(), "the refused promotion was not half-created");

        HttpSession.Response edit = admin.get(BASE + "/promos/" + p.id() + "/edit");
        assertTrue(edit.body().contains("value=\"Spring\""), edit.body());
        Map<String, String> changed = promo("Spring sale", "fixed", "7,50", null);
        changed.put("segment", "rfm:champions");
        assertEquals(303, admin.postForm(BASE + "/promos/" + p.id(), changed).status());
        p = loyalty.promos().promo(p.id());
        assertEquals("fixed", p.kind());
        assertEquals(750, p.amount(), "7,50 € in cents, exactly");
        assertEquals("rfm:champions", p.segment());
        Map<String, String> badSegment = promo("Spring sale", "fixed", "7.50", null);
        badSegment.put("segment", "vip");
        assertEquals(400, admin.postForm(BASE + "/promos/" + p.id(), badSegment).status());

        assertEquals(303, admin.postForm(BASE + "/promos/" + p.id() + "/active", Map.of("active", "false")).status());
        assertFalse(loyalty.promos().promo(p.id()).active());
        assertEquals("loyalty.code.unknown", loyalty.promos().check("SPRING", LoyaltyPluginTest.snapshot(1), null)
                .refusal(), "a disabled promotion's code is refused");
        assertEquals(404, admin.get(BASE + "/promos/999999/edit").status());
    }

    @Test
    void bulkGenerationOffersTheRunsCodesAsCsv() {
        long promo = loyalty.promos().create(new PromoService.Promo(0, "Mailing", "percent", 15, 0, null, null,
                java.util.Set.of(), java.util.Set.of(), null, null, false, null, true, 0, true, null), null, null);
        assertEquals(400, admin.postForm(BASE + "/promos/" + promo + "/generate", Map.of("count", "0")).status());
        HttpSession.Response badPrefix = admin.postForm(BASE + "/promos/" + promo + "/generate",
                Map.of("count", "5", "prefix", "<b>"));
        assertEquals(400, badPrefix.status());
        assertTrue(fieldError(badPrefix.body(), "prefix"), badPrefix.body());
        assertEquals(0, loyalty.promos().codeCount(promo));

        admin.postForm(BASE + "/promos/" + promo + "/generate", Map.of("count", "3", "prefix", "OLD"));
        HttpSession.Response run = admin.postForm(BASE + "/promos/" + promo + "/generate",
                Map.of("count", "250", "prefix", "MAIL"));
        assertEquals(303, run.status(), run.body());
        String location = run.location().replaceFirst("^https?://[^/]+", "");
        HttpSession.Response result = admin.get(location);
        assertEquals(200, result.status());
        String csvUrl = result.body().replaceAll("(?s).*class=\"download-csv\" href=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        HttpSession.Response csv = admin.get(csvUrl);
        assertEquals(200, csv.status());
        assertTrue(csv.header("Content-Type").startsWith("text/csv"), csv.header("Content-Type"));
        List<String> lines = csv.body().lines().toList();
        assertEquals("code,used,usage_limit", lines.getFirst());
        assertEquals(251, lines.size(), "only this run's 250 codes");
        assertTrue(lines.stream().skip(1).allMatch(l -> l.matches("^MAIL[A-HJKMNP-Z2-9]{12},0,1$")), lines.get(1));
        assertEquals(253, loyalty.promos().codeCount(promo));
        assertEquals(400, admin.get(BASE + "/promos/" + promo + "/codes.csv?batch=../x").status());
    }

    @Test
    void campaignsAndRewardsAreManagedThroughTheForms() {
        Map<String, String> campaign = new HashMap<>(Map.of("name", "Double week", "multiplier_pct", "200",
                "segment", "maturity:lapsed", "starts_at", "2026-01-01", "ends_at", "2025-12-01", "active", "on"));
        HttpSession.Response refused = admin.postForm(BASE + "/campaigns", campaign);
        assertEquals(400, refused.status());
        assertTrue(fieldError(refused.body(), "ends_at"), refused.body());
        campaign.put("ends_at", "2026-01-08");
        HttpSession.Response ok = admin.postForm(BASE + "/campaigns", campaign);
        assertEquals(303, ok.status(), ok.body());
        LoyaltyService.CampaignRow row = loyalty.campaignRows().getFirst();
        assertEquals("maturity:lapsed", row.segment());
        assertTrue(row.active());
        campaign.remove("active");
        assertEquals(303, admin.postForm(BASE + "/campaigns/" + row.id(), campaign).status());
        assertFalse(loyalty.campaignRows().getFirst().active(), "unticked: disabled");
        assertTrue(admin.get(BASE + "/campaigns/" + row.id() + "/edit").body().contains("value=\"Double week\""));

        HttpSession.Response badReward = admin.postForm(BASE + "/rewards", Map.of("name", "Voucher", "kind", "coupon",
                "cost_points", "abc", "amount", "5.00"));
        assertEquals(400, badReward.status());
        assertTrue(fieldError(badReward.body(), "cost_points"), badReward.body());
        assertEquals(303, admin.postForm(BASE + "/rewards", Map.of("name", "Voucher", "kind", "coupon",
                "cost_points", "500", "amount", "5.00")).status());
        RewardService.Reward r = loyalty.rewards().rewards(true).getFirst();
        assertEquals(500, r.costPoints());
        assertEquals(500, r.amountMinor());
        assertTrue(loyalty.promos().promos().isEmpty(), "a reward's promotion is not listed with the promotions");
        assertEquals(303, admin.postForm(BASE + "/rewards/" + r.id() + "/active", Map.of("active", "false")).status());
        assertTrue(loyalty.rewards().rewards(true).isEmpty());
        loyalty.ledger().adjust(31, 400, "welcome", "test", "adj-31", null);
        loyalty.ledger().adjust(31, -100, "used", "test", "adj-31b", null);
        loyalty.ledger().spend(31, 100, "BR1", "spend-31", "test", "order");
        String overview = admin.get(BASE + "/").body();
        assertTrue(overview.contains("class=\"redemption-rate\">25.0 %<"), "100 spent of 400 issued: " + overview);
        assertTrue(overview.contains("class=\"top-earners\""), overview);
        assertTrue(overview.contains("/admin/plugin-manager/loyalty/settings"), "the programme settings form is linked");
    }
}
