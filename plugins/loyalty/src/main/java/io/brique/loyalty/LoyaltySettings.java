package io.brique.loyalty;

import io.brique.api.plugin.PluginSettings;
import io.brique.api.plugin.SettingsDeclaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The programme's settings, declared for the admin console (validated by the host). Read at each use:
 * a change applies at once on every node. {@link Programme} is the typed view of them.
 */
@Extension
public class LoyaltySettings implements SettingsDeclaration {

    static final String MULTIPLIERS = "(\\d{1,18}:\\d{1,4}(,\\d{1,18}:\\d{1,4})*)?";
    static final String TIERS = "([A-Za-z][A-Za-z0-9 _-]{0,30}:\\d{1,9}:\\d{1,4}:(true|false)"
            + "(,[A-Za-z][A-Za-z0-9 _-]{0,30}:\\d{1,9}:\\d{1,4}:(true|false))*)?";

    @Override
    public List<Setting> settings() {
        return List.of(
                num("points_per_euro", "Points per euro spent", "Points earned per euro of the earning base", 1, 0,
                        1000),
                new Setting("earn_base", "Earning base", "", Type.CHOICE, "items_after_discounts", false,
                        List.of("items_after_discounts", "items", "total"), null, null, null),
                Setting.bool("earn_exclude_vat", "Earn on prices without VAT", false),
                new Setting("rounding", "Rounding of earned points", "", Type.CHOICE, "floor", false,
                        List.of("floor", "nearest", "ceil"), null, null, null),
                new Setting("category_multipliers", "Category multipliers",
                        "categoryId:percent, comma separated (200 = double points), e.g. 12:200,15:150", Type.TEXT, "",
                        false, List.of(), MULTIPLIERS, null, null),
                new Setting("brand_multipliers", "Brand multipliers", "brandId:percent, comma separated", Type.TEXT, "",
                        false, List.of(), MULTIPLIERS, null, null),
                num("return_window_days", "Return window (days)", "Order points stay pending this long", 14, 0, 365),
                num("expiry_days", "Points expire after (days)", "0 = never", 365, 0, 3650),
                num("inactivity_days", "Expire all points after inactivity (days)", "0 = never", 0, 0, 3650),
                num("bonus_signup", "Bonus: sign-up", "", 0, 0, 100000),
                num("bonus_first_order", "Bonus: first order", "", 0, 0, 100000),
                num("bonus_birthday", "Bonus: birthday", "", 0, 0, 100000),
                num("bonus_newsletter", "Bonus: newsletter consent", "", 0, 0, 100000),
                num("bonus_review", "Bonus: product review", "", 0, 0, 100000),
                Setting.secret("review_secret", "Secret of the review API (Bearer token)"),
                num("redeem_points_per_euro", "Points for 1 € of discount", "", 100, 1, 100000),
                num("redeem_min_points", "Minimum points per redemption", "", 100, 1, 1000000),
                num("redeem_max_percent", "Maximum share of the basket paid with points (%)", "", 50, 0, 100),
                new Setting("tiers", "Tiers", "name:points over the window:multiplier percent:free shipping, comma"
                        + " separated, e.g. Bronze:0:100:false,Silver:500:125:false,Gold:2000:150:true", Type.TEXT,
                        "Bronze:0:100:false,Silver:500:125:false,Gold:2000:150:true", false, List.of(), TIERS, null,
                        null),
                num("tier_window_days", "Tier window (days)", "Tiers count points earned over this many days", 365, 1,
                        3650),
                num("reservation_ttl_minutes", "Release unconfirmed reservations after (minutes)", "", 60, 5, 10080),
                num("expiry_warning_days", "Warn about expiring points (days before)", "0 = no warning", 30, 0, 365),
                num("expiry_last_chance_days", "Last-chance message (days before expiry)", "0 = none", 7, 0, 365),
                num("pricing_cache_seconds", "Cache of promotions and campaigns for cart pricing (seconds)",
                        "Other nodes see a promotion change within this time (the node where it is saved at once)",
                        30, 1, 600));
    }

    private static Setting num(String key, String label, String help, long def, long min, long max) {
        return new Setting(key, label, help, Type.NUMBER, Long.toString(def), false, List.of(), null, min, max);
    }

    /** A tier: reached with {@code threshold} points earned over the window. */
    public record Tier(String name, long threshold, int multiplierPct, boolean freeShipping) {
    }

    /** Typed view of the saved settings (defaults when not saved). */
    public record Programme(long pointsPerEuro, String earnBase, boolean excludeVat, String rounding,
            Map<Long, Integer> categoryMultipliers, Map<Long, Integer> brandMultipliers, int returnWindowDays,
            int expiryDays, int inactivityDays, Map<String, Long> bonuses, long redeemPointsPerEuro,
            long redeemMinPoints, int redeemMaxPercent, List<Tier> tiers, int tierWindowDays,
            int reservationTtlMinutes, int expiryWarningDays, int expiryLastChanceDays, int cacheSeconds) {

        public static Programme of(PluginSettings s) {
            Map<String, Long> bonuses = new LinkedHashMap<>();
            for (String b : List.of("signup", "first_order", "birthday", "newsletter", "review")) {
                bonuses.put(b, s.getLong("bonus_" + b, 0));
            }
            return new Programme(s.getLong("points_per_euro", 1), s.get("earn_base", "items_after_discounts"),
                    s.getBoolean("earn_exclude_vat", false), s.get("rounding", "floor"),
                    pairs(s.get("category_multipliers", "")), pairs(s.get("brand_multipliers", "")),
                    (int) s.getLong("return_window_days", 14), (int) s.getLong("expiry_days", 365),
                    (int) s.getLong("inactivity_days", 0), bonuses, s.getLong("redeem_points_per_euro", 100),
                    s.getLong("redeem_min_points", 100), (int) s.getLong("redeem_max_percent", 50),
                    LoyaltySettings.tiers(s.get("tiers", "Bronze:0:100:false,Silver:500:125:false,Gold:2000:150:true")),
                    (int) s.getLong("tier_window_days", 365), (int) s.getLong("reservation_ttl_minutes", 60),
                    (int) s.getLong("expiry_warning_days", 30), (int) s.getLong("expiry_last_chance_days", 7),
                    (int) s.getLong("pricing_cache_seconds", 30));
        }

        /** The tier reached with these points (the highest threshold at or below), or null without tiers. */
        public Tier tierFor(long windowPoints) {
            Tier best = null;
            for (Tier t : tiers) {
                if (t.threshold() <= windowPoints && (best == null || t.threshold() >= best.threshold())) {
                    best = t;
                }
            }
            return best;
        }

        public long bonus(String action) {
            return bonuses.getOrDefault(action, 0L);
        }
    }

    static Map<Long, Integer> pairs(String text) {
        Map<Long, Integer> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String pair : text.split(",")) {
            String[] kv = pair.trim().split(":");
            if (kv.length == 2) {
                try {
                    out.put(Long.parseLong(kv[0].trim()), Integer.parseInt(kv[1].trim()));
                } catch (NumberFormatException ignored) {
                    // the host validated the pattern; a broken pair is skipped
                }
            }
        }
        return out;
    }

    static List<Tier> tiers(String text) {
        List<Tier> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            String[] f = part.trim().split(":");
            if (f.length == 4) {
                try {
                    out.add(new Tier(f[0].trim(), Long.parseLong(f[1]), Integer.parseInt(f[2]),
                            Boolean.parseBoolean(f[3])));
                } catch (NumberFormatException ignored) {
                    // skipped, as above
                }
            }
        }
        out.sort((a, b) -> Long.compare(a.threshold(), b.threshold()));
        return out;
    }
}
