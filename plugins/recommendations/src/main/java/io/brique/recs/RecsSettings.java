package io.brique.recs;

import io.brique.api.plugin.SettingsDeclaration;
import java.util.List;
import org.pf4j.Extension;

/** The merchant's choices: a strategy per slot, the rules, the training period and one A/B experiment. */
@Extension
public class RecsSettings implements SettingsDeclaration {

    static final List<String> PLACEMENTS = List.of("product", "cart", "home", "confirmation");
    static final List<String> STRATEGIES = List.of("bought-together", "also-viewed", "similar", "for-you", "trending",
            "recently-viewed", "popular");

    static String strategyKey(String placement) {
        return "strategy." + placement;
    }

    static String defaultStrategy(String placement) {
        return switch (placement) {
            case "home" -> "for-you";
            default -> "bought-together";
        };
    }

    @Override
    public List<Setting> settings() {
        List<Setting> out = new java.util.ArrayList<>();
        for (String p : PLACEMENTS) {
            out.add(new Setting(strategyKey(p), "Strategy: " + p, "first strategy of the " + p
                    + " slot; the others fill the rest so the slot is never empty", Type.CHOICE, defaultStrategy(p), true,
                    STRATEGIES, null, null, null));
        }
        out.add(Setting.bool("exclude_out_of_stock", "Leave out products out of stock", true));
        out.add(Setting.bool("exclude_bought", "Leave out products the customer already bought", true));
        out.add(Setting.number("max_per_category", "At most this many products of one category (0: no limit)", 2, 0, 20));
        out.add(Setting.number("train_minutes", "Train the models every N minutes", 15, 1, 1440));
        out.add(Setting.choice("experiment.placement", "A/B experiment on slot", "none", List.of("none", "product",
                "cart", "home", "confirmation")));
        List<String> b = new java.util.ArrayList<>(STRATEGIES);
        b.add("none");
        out.add(new Setting("experiment.strategy_b", "Variant B strategy", "variant A is the slot's strategy; "
                + "'none' shows nothing to variant B", Type.CHOICE, "none", true, b, null, null, null));
        out.add(Setting.number("experiment.percent_b", "Share of visitors in variant B (%)", 50, 0, 100));
        return out;
    }
}
