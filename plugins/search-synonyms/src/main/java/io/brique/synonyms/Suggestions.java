package io.brique.synonyms;

import io.brique.api.plugin.PluginContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The suggestion inbox: runs the {@link SuggestionMiner} over the last 30 days of the search log (per
 * locale) and stores new candidates as pending; the merchant accepts (the rule is added, as suggested
 * or edited) or rejects. Accepted and rejected keys, and keys already covered by a rule, are never
 * suggested again.
 */
final class Suggestions {

    static final long WINDOW_MS = 30L * 24 * 3600 * 1000;

    record Row(long id, String locale, String type, String from, String to, double confidence, int sessions,
            String evidence, String status) {
    }

    private final PluginContext context;
    private final SynonymStore rules;

    Suggestions(PluginContext context) {
        this.context = context;
        this.rules = new SynonymStore(context);
    }

    private String t(String name) {
        return context.tablePrefix() + name;
    }

    /** Mines every locale's log; returns how many new suggestions were stored. */
    /** The catalog's words of a locale (empty on a core without the SDK 1.2 vocabulary). */
    private Map<String, Integer> vocabulary(String locale) {
        Map<String, Integer> out = new HashMap<>();
        try {
            for (io.brique.api.search.CatalogVocabulary.Word w : context.catalogVocabulary().words(locale, 4, 1,
                    VOCABULARY_SIZE)) {
                out.put(w.word(), w.products());
            }
        } catch (UnsupportedOperationException e) {
            context.logger().debug("no catalog vocabulary: spelling variants are not mined");
        }
        return out;
    }

    /** The most frequent catalog words compared with what shoppers type. */
    static final int VOCABULARY_SIZE = 50_000;

    int mineNow() throws SQLException {
        long since = context.clock().millis() - WINDOW_MS;
        Map<String, List<SuggestionMiner.Search>> searches = new HashMap<>();
        List<SuggestionMiner.Click> clicks = new ArrayList<>();
        try (Connection c = context.dataSource().getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT session_key, at_millis, query, results, locale FROM "
                    + t("search_log") + " WHERE at_millis >= ? ORDER BY at_millis, seq")) {
                s.setLong(1, since);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        searches.computeIfAbsent(rs.getString(5), k -> new ArrayList<>()).add(
                                new SuggestionMiner.Search(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4)));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT session_key, at_millis, product_id FROM "
                    + t("click_log") + " WHERE at_millis >= ? ORDER BY at_millis, seq")) {
                s.setLong(1, since);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        clicks.add(new SuggestionMiner.Click(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                    }
                }
            }
        }
        Map<String, List<SynonymRule>> existing = rules.all();
        int stored = 0;
        for (Map.Entry<String, List<SuggestionMiner.Search>> e : searches.entrySet()) {
            String locale = e.getKey();
            Set<String> excluded = keys(locale);
            for (SynonymRule r : existing.getOrDefault(locale, List.of())) {
                excluded.addAll(ruleKeys(r));
            }
            for (SuggestionMiner.Suggestion s : new SuggestionMiner().mine(e.getValue(), clicks, excluded)) {
                stored += upsert(locale, s);
                excluded.add(s.key());
            }
            for (SuggestionMiner.Suggestion s : new SuggestionMiner().spellingVariants(e.getValue(),
                    vocabulary(locale), excluded)) {
                stored += upsert(locale, s);
            }
        }
        // the log is only useful for the window
        try (Connection c = context.dataSource().getConnection()) {
            for (String table : List.of("search_log", "click_log")) {
                try (PreparedStatement d = c.prepareStatement("DELETE FROM " + t(table) + " WHERE at_millis < ?")) {
                    d.setLong(1, since);
                    d.executeUpdate();
                }
            }
        }
        return stored;
    }

    static Set<String> ruleKeys(SynonymRule r) {
        Set<String> out = new HashSet<>();
        if (r.type() == SynonymRule.Type.MULTI_WAY) {
            for (String a : r.from()) {
                for (String b : r.from()) {
                    out.add(SuggestionMiner.Suggestion.key(r.type(), a, b));
                    out.add(SuggestionMiner.Suggestion.key(SynonymRule.Type.ONE_WAY, a, b));
                }
            }
        } else {
            for (String a : r.from()) {
                for (String b : r.to()) {
                    out.add(SuggestionMiner.Suggestion.key(r.type(), a, b));
                }
            }
        }
        return out;
    }

    /** Keys already decided or pending in a locale. */
    private Set<String> keys(String locale) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT rule_key, status FROM " + t("suggestion")
                        + " WHERE locale = ?")) {
            s.setString(1, locale);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (!"pending".equals(rs.getString(2))) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    private int upsert(String locale, SuggestionMiner.Suggestion s) throws SQLException {
        String evidence = s.evidence().length() > 1000 ? s.evidence().substring(0, 1000) : s.evidence();
        try (Connection c = context.dataSource().getConnection()) {
            try (PreparedStatement u = c.prepareStatement("UPDATE " + t("suggestion") + " SET confidence = ?, sessions = ?,"
                    + " evidence = ? WHERE locale = ? AND rule_key = ? AND status = 'pending'")) {
                u.setDouble(1, s.confidence());
                u.setInt(2, s.sessions());
                u.setString(3, evidence);
                u.setString(4, locale);
                u.setString(5, s.key());
                if (u.executeUpdate() > 0) {
                    return 0;
                }
            }
            try (PreparedStatement i = c.prepareStatement("INSERT INTO " + t("suggestion") + " (locale, rule_key, rule_type,"
                    + " from_terms, to_terms, confidence, sessions, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                i.setString(1, locale);
                i.setString(2, s.key());
                i.setString(3, s.type().name());
                i.setString(4, s.from());
                i.setString(5, s.to());
                i.setDouble(6, s.confidence());
                i.setInt(7, s.sessions());
                i.setString(8, evidence);
                return i.executeUpdate();
            } catch (java.sql.SQLIntegrityConstraintViolationException e) {
                return 0; // decided meanwhile
            }
        }
    }

    record QueryStat(String query, int searches, int zero, int clicked) {
    }

    record Block(String title, List<QueryStat> rows) {
    }

    /** Top queries, queries without results, and queries with results but the fewest clicks (last 30 days). */
    List<Block> report(String locale) throws SQLException {
        long since = context.clock().millis() - WINDOW_MS;
        Map<String, List<long[]>> searchesBySession = new HashMap<>();
        Map<String, List<Long>> clicksBySession = new HashMap<>();
        Map<String, String> text = new HashMap<>();
        List<String[]> rows = new ArrayList<>();
        try (Connection c = context.dataSource().getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT session_key, query, results, at_millis FROM "
                    + t("search_log") + " WHERE locale = ? AND at_millis >= ? ORDER BY at_millis, seq")) {
                s.setString(1, locale);
                s.setLong(2, since);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new String[] {rs.getString(1), rs.getString(2), Integer.toString(rs.getInt(3)),
                                Long.toString(rs.getLong(4))});
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT session_key, at_millis FROM " + t("click_log")
                    + " WHERE at_millis >= ?")) {
                s.setLong(1, since);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        clicksBySession.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                    }
                }
            }
        }
        Map<String, int[]> stats = new HashMap<>();
        for (String[] r : rows) {
            String key = String.join(" ", Terms.words(r[1]));
            text.putIfAbsent(key, r[1]);
            int[] st = stats.computeIfAbsent(key, k -> new int[3]);
            st[0]++;
            if (Integer.parseInt(r[2]) == 0) {
                st[1]++;
            }
            long at = Long.parseLong(r[3]);
            if (clicksBySession.getOrDefault(r[0], List.of()).stream()
                    .anyMatch(t -> t >= at && t - at <= SuggestionMiner.REFORMULATION_WINDOW_MS)) {
                st[2]++;
            }
        }
        List<QueryStat> all = new ArrayList<>();
        stats.forEach((k, v) -> all.add(new QueryStat(text.get(k), v[0], v[1], v[2])));
        java.util.Comparator<QueryStat> bySearches = java.util.Comparator.comparingInt(QueryStat::searches).reversed()
                .thenComparing(QueryStat::query);
        List<QueryStat> top = all.stream().sorted(bySearches).limit(20).toList();
        List<QueryStat> zero = all.stream().filter(q -> q.zero() > 0).sorted(bySearches).limit(20).toList();
        List<QueryStat> low = all.stream().filter(q -> q.zero() < q.searches() && q.searches() >= 2)
                .sorted(java.util.Comparator.comparingDouble((QueryStat q) -> (double) q.clicked() / q.searches())
                        .thenComparing(bySearches)).limit(20).toList();
        return List.of(new Block("synonyms.report.top", top), new Block("synonyms.report.zero", zero),
                new Block("synonyms.report.lowctr", low));
    }

    List<Row> list(String locale, String status) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, locale, rule_type, from_terms, to_terms, confidence,"
                        + " sessions, evidence, status FROM " + t("suggestion") + " WHERE locale = ? AND status = ?"
                        + " ORDER BY confidence DESC, id LIMIT 500")) {
            s.setString(1, locale);
            s.setString(2, status);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getDouble(6), rs.getInt(7), rs.getString(8), rs.getString(9)));
                }
            }
        }
        return out;
    }

    /**
     * Accepts (with the merchant's edited terms, when given, in Solr format) or rejects a pending
     * suggestion; false when it is not pending.
     */
    boolean decide(long id, boolean accept, String editedRule) throws SQLException {
        Row row = null;
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, locale, rule_type, from_terms, to_terms, confidence,"
                        + " sessions, evidence, status FROM " + t("suggestion") + " WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    row = new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getDouble(6), rs.getInt(7), rs.getString(8), rs.getString(9));
                }
            }
        }
        if (row == null || !"pending".equals(row.status())) {
            return false;
        }
        if (accept) {
            List<SynonymRule> rule;
            if (editedRule != null && !editedRule.isBlank()) {
                SolrFormat.Parsed p = SolrFormat.parse(editedRule);
                if (!p.errors().isEmpty() || p.rules().size() != 1) {
                    throw new IllegalArgumentException("the edited rule must be one valid line");
                }
                rule = p.rules();
            } else {
                SynonymRule.Type type = SynonymRule.Type.valueOf(row.type());
                rule = SuggestionMiner.asRules(List.of(new SuggestionMiner.Suggestion(type, row.from(), row.to(),
                        row.confidence(), row.sessions(), row.evidence())));
            }
            rules.save(row.locale(), rule, false);
        }
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement u = c.prepareStatement("UPDATE " + t("suggestion") + " SET status = ? WHERE id = ?"
                        + " AND status = 'pending'")) {
            u.setString(1, accept ? "accepted" : "rejected");
            u.setLong(2, id);
            return u.executeUpdate() == 1;
        }
    }
}
