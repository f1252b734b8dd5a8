package io.brique.crm.identity;

import io.brique.api.event.Events;
import io.brique.api.plugin.PluginContext;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Identity resolution inside the shop: keeps the plugin's copy of each identity (accounts and guest
 * orders, from domain events), checks each new or changed one at once against the records sharing a
 * blocking key (stored in {@code crm_identity_key}, so the work does not grow with the customer base),
 * and files the pairs above the review threshold: auto-linked above the auto-link threshold, in the
 * merchant's review queue otherwise. Merge and keep-apart decisions are logged and can be undone.
 */
public final class IdentityService {
    public static final String REVIEW = "review", LINKED = "linked", MERGED = "merged", KEPT_APART = "kept_apart";
    static final int MAX_BLOCK = 500;

    private final PluginContext context;
    private final IdentityStore store;
    private final MatchModel model;

    public IdentityService(PluginContext context) {
        this.context = context;
        this.store = new IdentityStore(context.dataSource(), context.tablePrefix());
        this.model = defaultModel();
    }

    static MatchModel defaultModel() {
        try (InputStream in = IdentityService.class.getResourceAsStream("/identity/default-model.properties")) {
            Properties p = new Properties();
            p.load(in);
            return MatchModel.fromProperties(p);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the default identity model is missing from the plugin jar", e);
        }
    }

    public MatchModel model() {
        return model;
    }

    public void customerRegistered(Events.CustomerRegistered e) {
        check("customer:" + e.customerId(), e.customerId(),
                new PersonRecord(null, "account", e.firstName(), e.lastName(), e.email(), null, null, null, null, null, null, null, null));
    }

    /** A guest order is an identity of its own; an order of a customer we have not seen yet creates the customer's record. */
    public void orderPlaced(Events.OrderPlaced o) {
        if (o.customerId() != null) {
            check("customer:" + o.customerId(), o.customerId(),
                    new PersonRecord(null, "account", null, null, o.email(), null, null, null, null, null, null, null, null));
        } else if (o.email() != null && !o.email().isBlank()) {
            check("guest:" + o.number(), null,
                    new PersonRecord(null, "guest-order", null, null, o.email(), null, null, null, null, null, null, null, null));
        }
    }

    /** Saves the identity under its key and files its likely duplicates; returns the pairs filed. */
    public List<Filed> check(String recordKey, Long customerId, PersonRecord person) {
        Instant now = context.clock().instant();
        Thresholds thresholds = IdentitySettings.thresholds(context.settings());
        PersonNormalizer normalizer = new PersonNormalizer(IdentitySettings.country(context.settings()));
        return store.tx(c -> {
            long id = store.upsert(c, recordKey, customerId, person, now);
            IdentityStore.Stored self = store.byIds(c, List.of(id)).get(0);
            NormalizedPerson p = normalizer.normalize(self.person());
            List<String> keys = Blocking.keys(p);
            store.replaceKeys(c, id, keys);
            List<Filed> filed = new ArrayList<>();
            for (IdentityStore.Stored other : store.byIds(c, store.candidates(c, id, keys, MAX_BLOCK))) {
                if (customerId != null && customerId.equals(other.customerId())) continue;
                long pattern = Comparator.compare(p, normalizer.normalize(other.person()));
                double weight = model.weight(pattern);
                double probability = model.probability(weight);
                Thresholds.Decision decision = thresholds.decide(probability);
                if (decision == Thresholds.Decision.DISTINCT) continue;
                String status = decision == Thresholds.Decision.AUTO_LINK ? LINKED : REVIEW;
                store.saveMatch(c, id, other.id(), probability, weight, pattern, status, now);
                filed.add(new Filed(other.recordKey(), probability, status));
            }
            context.count("identity.checked", 1);
            return filed;
        });
    }

    public record Filed(String otherRecordKey, double probability, String status) {}

    /** One side of a pair, for the review screen. */
    public record Side(long id, String recordKey, Long customerId, String source, String givenName, String familyName,
                       String email, String phone, String street, String city, String postcode, String birthDate) {}

    public record EvidenceLine(String feature, String level, String weight) {}

    public record Pair(long id, String status, String probability, String weight, Side a, Side b,
                       List<EvidenceLine> evidence, List<String> history, boolean undoable, boolean decidable,
                       Long coreMergeId) {}

    public List<Pair> queue(String status, int limit, int offset) {
        return store.tx(c -> {
            List<Pair> out = new ArrayList<>();
            for (IdentityStore.MatchRow m : store.matchesByStatus(c, status, limit, offset)) out.add(pair(c, m));
            return out;
        });
    }

    public Map<String, Long> counts() {
        return store.tx(c -> {
            Map<String, Long> counts = new HashMap<>(store.countsByStatus(c));
            for (String s : List.of(REVIEW, LINKED, MERGED, KEPT_APART)) counts.putIfAbsent(s, 0L);
            return counts;
        });
    }

    public Optional<Pair> pair(long id) {
        return store.tx(c -> {
            Optional<IdentityStore.MatchRow> m = store.match(c, id);
            return m.isPresent() ? Optional.of(pair(c, m.get())) : Optional.<Pair>empty();
        });
    }

    private Pair pair(Connection c, IdentityStore.MatchRow m) throws SQLException {
        Map<Long, IdentityStore.Stored> sides = new HashMap<>();
        for (IdentityStore.Stored s : store.byIds(c, List.of(m.recordA(), m.recordB()))) sides.put(s.id(), s);
        List<EvidenceLine> lines = new ArrayList<>();
        for (Evidence.Item item : Evidence.of(m.pattern(), model).items()) {
            lines.add(new EvidenceLine(item.feature().name(), item.label(), String.format(java.util.Locale.ROOT, "%+.1f", item.weight())));
        }
        boolean undoable = m.status().equals(MERGED) || m.status().equals(KEPT_APART);
        boolean decidable = m.status().equals(REVIEW) || m.status().equals(LINKED);
        return new Pair(m.id(), m.status(), String.format(java.util.Locale.ROOT, "%.3f", m.probability()),
                String.format(java.util.Locale.ROOT, "%.1f", m.weight()), side(sides.get(m.recordA())), side(sides.get(m.recordB())),
                lines, store.history(c, m.id()), undoable, decidable, m.coreMergeId());
    }

    private static Side side(IdentityStore.Stored s) {
        PersonRecord p = s.person();
        return new Side(s.id(), s.recordKey(), s.customerId(), p.source(), p.givenName(), p.familyName(), p.email(),
                p.phone(), p.street(), p.city(), p.postcode(), p.birthDate());
    }

    public enum Outcome { DONE, NOT_FOUND, CONFLICT, REFUSED }

    /** What a decision did; {@code message} says why the core refused a merge. */
    public record Result(Outcome outcome, String message) {
        static Result of(Outcome o) {
            return new Result(o, null);
        }
    }

    /**
     * Merge or keep apart a pair waiting in the queue (or auto-linked). Merging two customer accounts
     * is the core's operation (SDK CustomerMerges: orders, addresses and consent move to the older
     * account, other bricks follow the customer.merged event); a pair with a guest order is linked
     * here only, the core having no account to merge it into.
     */
    public Result decide(long matchId, String to, String actor) {
        if (!to.equals(MERGED) && !to.equals(KEPT_APART)) throw new IllegalArgumentException("unknown decision " + to);
        Optional<Pair> current = pair(matchId);
        if (current.isEmpty()) return Result.of(Outcome.NOT_FOUND);
        Pair p = current.get();
        if (!p.decidable()) return Result.of(Outcome.CONFLICT);
        Long coreMerge = null;
        if (to.equals(MERGED) && p.a().customerId() != null && p.b().customerId() != null) {
            long survivor = Math.min(p.a().customerId(), p.b().customerId());
            long merged = Math.max(p.a().customerId(), p.b().customerId());
            try {
                coreMerge = context.customerMerges().merge(survivor, merged, actor, "identity pair " + matchId).id();
            } catch (io.brique.api.customer.CustomerMerges.MergeRefused e) {
                return new Result(Outcome.REFUSED, e.getMessage());
            }
        }
        Long mergeId = coreMerge;
        Outcome outcome = store.tx(c -> {
            if (!store.decide(c, matchId, p.status(), to, actor, context.clock().instant())) return Outcome.CONFLICT;
            if (mergeId != null) store.setCoreMerge(c, matchId, mergeId);
            return Outcome.DONE;
        });
        if (outcome != Outcome.DONE && mergeId != null) {
            // someone decided this pair at the same moment: give the accounts back as they were
            context.customerMerges().undo(mergeId, actor);
        }
        return Result.of(outcome);
    }

    /** Puts a merged or kept-apart pair back where it was before that decision (undoing the core merge). */
    public Result undo(long matchId, String actor) {
        Optional<IdentityStore.MatchRow> row = store.tx(c -> store.match(c, matchId));
        if (row.isEmpty()) return Result.of(Outcome.NOT_FOUND);
        IdentityStore.MatchRow m = row.get();
        if (!m.status().equals(MERGED) && !m.status().equals(KEPT_APART)) return Result.of(Outcome.CONFLICT);
        if (m.coreMergeId() != null) {
            try {
                context.customerMerges().undo(m.coreMergeId(), actor);
            } catch (io.brique.api.customer.CustomerMerges.MergeRefused e) {
                if (!"already_undone".equals(e.code())) return new Result(Outcome.REFUSED, e.getMessage());
            }
        }
        return Result.of(store.tx(c -> {
            String back = store.previousStatus(c, matchId).orElse(REVIEW);
            if (!store.decide(c, matchId, m.status(), back, actor + " (undo)", context.clock().instant())) return Outcome.CONFLICT;
            store.setCoreMerge(c, matchId, null);
            return Outcome.DONE;
        }));
    }

    /** What the admin customer page shows: the pairs this customer is in, and the stored identity. */
    public record CustomerView(Optional<PersonRecord> identity, List<Pair> pairs) {}

    public CustomerView customer(long customerId) {
        return store.tx(c -> {
            List<Pair> pairs = new ArrayList<>();
            for (IdentityStore.MatchRow m : store.matchesOfCustomer(c, customerId, 20)) pairs.add(pair(c, m));
            return new CustomerView(store.byCustomer(c, customerId).map(IdentityStore.Stored::person), pairs);
        });
    }
}
