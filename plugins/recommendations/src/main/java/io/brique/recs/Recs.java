package io.brique.recs;

import io.brique.api.catalog.CatalogFacts;
import io.brique.api.experiment.Experiment;
import io.brique.api.plugin.PluginContext;
import io.brique.api.plugin.PluginSettings;
import io.brique.api.recommendation.RecommendationProvider;
import io.brique.recs.model.Model;
import io.brique.recs.model.Recommender;
import io.brique.recs.model.Rules;
import io.brique.recs.model.Strategy;
import io.brique.recs.model.Trainer;
import io.brique.recs.model.TrainingData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The brick's running parts, shared by its extensions (kept per {@link PluginContext}, dropped when
 * the plugin stops): the model being served (swapped atomically after each training or when another
 * node trained a newer one), the shoppers' histories, the merchant's rules and the experiment.
 */
final class Recs {

    private static final Map<PluginContext, Recs> RUNNING = new ConcurrentHashMap<>();

    /** Interactions older than this are not trained on. */
    static final Duration HORIZON = Duration.ofDays(365);
    /** A pause this long between two views of one shopper starts a new session. */
    static final Duration SESSION_GAP = Duration.ofMinutes(30);

    /** The model served and its stored id (0: not stored, e.g. empty). */
    record Serving(long id, Model model) {
    }

    /** A merchant rule row. */
    record Rule(long id, String kind, String placement, long productId, double factor) {
    }

    final PluginContext context;
    final Db db;
    final EventStore events;
    final ModelStore models;
    final Histories histories = new Histories();
    final Experiments experiments;
    final Recommender recommender = Recommender.defaults();
    private volatile Serving serving;
    private volatile List<Rule> rules = List.of();
    private final Object training = new Object();

    private Recs(PluginContext context) {
        this.context = context;
        this.db = new Db(context.dataSource(), context.tablePrefix());
        this.events = new EventStore(db);
        this.models = new ModelStore(db);
        this.experiments = new Experiments(db);
        this.serving = new Serving(0, Model.empty(context.clock().instant()));
    }

    static Recs of(PluginContext context) {
        return RUNNING.computeIfAbsent(context, Recs::new);
    }

    static void stop(PluginContext context) {
        Recs r = RUNNING.remove(context);
        if (r != null) {
            try {
                r.experiments.flush();
            } catch (SQLException e) {
                context.logger().warn("experiment counters not written at stop: {}", e.toString());
            }
        }
    }

    Serving serving() {
        return serving;
    }

    List<Rule> rules() {
        return rules;
    }

    // ------------------------------------------------------------------ training and loading

    /** Trains on the stored events and the catalog, stores the model and serves it. */
    Serving train() throws SQLException {
        synchronized (training) {
            Instant now = context.clock().instant();
            List<EventStore.Row> rows = events.since(now.minus(HORIZON));
            Map<Long, TrainingData.Product> catalog = catalog();
            TrainingData data = new TrainingData(orders(rows), sessions(rows), catalog, now);
            Model m = Trainer.train(data, Trainer.Params.defaults());
            long id = models.save(m);
            rebuildHistories(rows);
            serving = new Serving(id, m);
            context.logger().info("recommendations model {} trained: {} products, {} orders, {} sessions, {} ms", id,
                    m.size(), m.orders, m.sessions, m.trainingMillis);
            return serving;
        }
    }

    /** Serves the newest stored model if it is not the one served (at start, and when another node trained). */
    boolean loadLatest() throws SQLException {
        var header = models.latest();
        if (header.isEmpty() || header.get().id() == serving.id()) {
            return false;
        }
        Model m = models.load(header.get().id());
        rebuildHistories(events.since(context.clock().instant().minus(HORIZON)));
        serving = new Serving(header.get().id(), m);
        return true;
    }

    void loadRules() throws SQLException {
        rules = db.read(c -> {
            List<Rule> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, placement, product_id, factor FROM "
                    + db.t("rule") + " ORDER BY id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Rule(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getDouble(5)));
                }
            }
            return List.copyOf(out);
        });
    }

    private Map<Long, TrainingData.Product> catalog() {
        Map<Long, TrainingData.Product> out = new HashMap<>();
        CatalogFacts facts;
        try {
            facts = context.catalog();
        } catch (UnsupportedOperationException e) {
            return out; // an older shop: train on events alone
        }
        long after = 0;
        while (true) {
            List<Long> ids = facts.activeIds(after, CatalogFacts.MAX_PAGE);
            if (ids.isEmpty()) {
                break;
            }
            for (CatalogFacts.Product p : facts.products(ids, "en")) {
                out.put(p.id(), new TrainingData.Product(p.id(), p.active(), p.inStock(), p.categoryIds(), p.brandId(),
                        p.attributes(), p.title()));
            }
            after = ids.getLast();
        }
        return out;
    }

    /** Orders: rows of kind 'o' grouped by order. */
    static List<TrainingData.Basket> orders(List<EventStore.Row> rows) {
        Map<String, List<EventStore.Row>> byOrder = new LinkedHashMap<>();
        for (EventStore.Row r : rows) {
            if (r.kind() == 'o') {
                byOrder.computeIfAbsent(r.basket(), k -> new ArrayList<>()).add(r);
            }
        }
        List<TrainingData.Basket> out = new ArrayList<>(byOrder.size());
        for (List<EventStore.Row> lines : byOrder.values()) {
            EventStore.Row first = lines.getFirst();
            out.add(new TrainingData.Basket(first.customerId() == null ? 0 : first.customerId(), first.at(),
                    lines.stream().mapToLong(EventStore.Row::productId).toArray()));
        }
        return out;
    }

    /** Sessions: views and cart adds of one shopper, split where they paused {@link #SESSION_GAP} or more. */
    static List<TrainingData.Basket> sessions(List<EventStore.Row> rows) {
        Map<String, List<EventStore.Row>> byShopper = new LinkedHashMap<>();
        for (EventStore.Row r : rows) {
            String key = Histories.key(r.customerId(), r.visitor());
            if ((r.kind() == 'v' || r.kind() == 'c') && key != null) {
                byShopper.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            }
        }
        List<TrainingData.Basket> out = new ArrayList<>();
        for (List<EventStore.Row> seen : byShopper.values()) {
            List<Long> current = new ArrayList<>();
            Instant start = null;
            Instant last = null;
            long owner = seen.getFirst().customerId() == null ? 0 : seen.getFirst().customerId();
            for (EventStore.Row r : seen) {
                if (last != null && Duration.between(last, r.at()).compareTo(SESSION_GAP) >= 0) {
                    out.add(new TrainingData.Basket(owner, start, current.stream().mapToLong(Long::longValue).toArray()));
                    current = new ArrayList<>();
                    start = null;
                }
                if (start == null) {
                    start = r.at();
                }
                current.add(r.productId());
                last = r.at();
            }
            if (!current.isEmpty()) {
                out.add(new TrainingData.Basket(owner, start, current.stream().mapToLong(Long::longValue).toArray()));
            }
        }
        return out;
    }

    private void rebuildHistories(List<EventStore.Row> rows) {
        Histories fresh = new Histories();
        for (EventStore.Row r : rows) {
            if (r.kind() == 'o' && r.customerId() != null) {
                fresh.bought(r.customerId(), r.productId());
            } else if (r.kind() == 'v') {
                fresh.viewed(Histories.key(r.customerId(), r.visitor()), r.productId());
            }
        }
        histories.replaceWith(fresh);
    }

    // ------------------------------------------------------------------ serving

    /** The strategies of a placement: the merchant's choice first, then fallbacks so the slot is never empty. */
    static List<Strategy> chain(String placement, Strategy first) {
        List<Strategy> tail = switch (placement) {
            case "product" -> List.of(Strategy.ALSO_VIEWED, Strategy.SIMILAR, Strategy.TRENDING, Strategy.POPULAR);
            case "cart" -> List.of(Strategy.BOUGHT_TOGETHER, Strategy.FOR_YOU, Strategy.TRENDING, Strategy.POPULAR);
            case "home" -> List.of(Strategy.FOR_YOU, Strategy.TRENDING, Strategy.POPULAR);
            default -> List.of(Strategy.BOUGHT_TOGETHER, Strategy.FOR_YOU, Strategy.POPULAR);
        };
        List<Strategy> out = new ArrayList<>();
        out.add(first);
        for (Strategy s : tail) {
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    Rules rulesFor(String placement, PluginSettings s) {
        Set<Long> bans = new java.util.HashSet<>();
        Map<Long, Double> boosts = new HashMap<>();
        List<Long> pins = new ArrayList<>();
        for (Rule r : rules) {
            if (r.placement() != null && !r.placement().equals(placement)) {
                continue;
            }
            switch (r.kind()) {
                case "ban" -> bans.add(r.productId());
                case "boost" -> boosts.put(r.productId(), r.factor());
                case "pin" -> pins.add(r.productId());
                default -> { }
            }
        }
        return new Rules(s.getBoolean("exclude_out_of_stock", true), s.getBoolean("exclude_bought", true),
                (int) s.getLong("max_per_category", 2), bans, boosts, pins);
    }

    /** Answers the core (slots and API): from memory only, apart from counting experiment impressions. */
    List<RecommendationProvider.Recommendation> recommend(RecommendationProvider.Request req) {
        PluginSettings s = context.settings();
        String placement = RecsSettings.PLACEMENTS.contains(req.placement()) ? req.placement() : "home";
        String chosen = s.get(RecsSettings.strategyKey(placement), RecsSettings.defaultStrategy(placement));
        String shopper = Histories.key(req.customerId(), req.visitorId());
        String experiment = null;
        String variant = null;
        if (placement.equals(s.get("experiment.placement", "none")) && shopper != null) {
            String b = s.get("experiment.strategy_b", "none");
            experiment = Experiments.id(placement, chosen, b);
            variant = Experiment.split(experiment, "A", "B", (int) s.getLong("experiment.percent_b", 50))
                    .assign(shopper);
            if (variant.equals("B")) {
                if (b.equals("none")) {
                    experiments.impression(experiment, variant, shopper, List.of(), context.clock().instant());
                    return List.of();
                }
                chosen = b;
            }
        }
        Strategy first = Strategy.byId(chosen).orElse(Strategy.POPULAR);
        List<Recommender.Result> got = recommender.recommend(serving.model(), new Recommender.Ask(req.productIds(),
                histories.purchases(req.customerId()), histories.views(shopper), req.limit()), chain(placement, first),
                rulesFor(placement, s));
        List<RecommendationProvider.Recommendation> out = new ArrayList<>(got.size());
        for (Recommender.Result r : got) {
            out.add(new RecommendationProvider.Recommendation(r.productId(), r.score(),
                    Texts.reason(r.why(), r.count(), req.locale())));
        }
        if (experiment != null) {
            experiments.impression(experiment, variant, shopper, out.stream().map(
                    RecommendationProvider.Recommendation::productId).toList(), context.clock().instant());
        }
        return out;
    }
}
