package io.brique.synonyms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mines candidate synonyms from what shoppers did, with the evidence and a confidence for each:
 * <ul>
 *   <li><b>reformulations</b>: in one session, a search that found nothing (or got no click) followed
 *       within {@link #REFORMULATION_WINDOW_MS} by another that led to a click or a purchase. The two
 *       queries are aligned (common words at both ends removed) and the differing words become a rule:
 *       a correction when they are one word each within two edits, else a one-way rule;</li>
 *   <li><b>query-click pairs</b>: two queries differing by one span of one or two words whose shoppers
 *       clicked the same products: two products or more, or, when the queries share other words, one
 *       product from at least {@link #MIN_SUPPORT} sessions on each side (two whole queries with no
 *       word in common only when both are single words): a multi-way rule;</li>
 * </ul>
 * A candidate needs {@link #MIN_SUPPORT} distinct sessions; confidence grows with them
 * ({@code n / (n + 2)}). Candidates already rejected (or already rules) are left out by key.
 */
public final class SuggestionMiner {

    public static final long REFORMULATION_WINDOW_MS = 10 * 60_000;
    public static final int MIN_SUPPORT = 2;
    static final int MAX_SPAN = 3;

    /** A search; {@code session} groups one shopper's visit (visitor id, session id). */
    public record Search(String session, long atMillis, String query, int results) {
    }

    /** A click on a product (or a purchase) in a session. */
    public record Click(String session, long atMillis, long productId) {
    }

    public record Suggestion(SynonymRule.Type type, String from, String to, double confidence, int sessions,
            String evidence) {
        public String key() {
            return key(type, from, to);
        }

        public static String key(SynonymRule.Type type, String from, String to) {
            String a = Terms.key(Terms.words(from));
            String b = Terms.key(Terms.words(to));
            if (type == SynonymRule.Type.MULTI_WAY && a.compareTo(b) > 0) {
                String t = a;
                a = b;
                b = t;
            }
            return (type == SynonymRule.Type.MULTI_WAY ? "multi" : "one") + "|" + a + "|" + b;
        }
    }

    private record Candidate(SynonymRule.Type type, String from, String to, Set<String> sessions,
            List<String> examples) {
    }

    public List<Suggestion> mine(List<Search> searches, List<Click> clicks, Set<String> excludedKeys) {
        Map<String, List<Object>> bySession = new HashMap<>();
        for (Search s : searches) {
            bySession.computeIfAbsent(s.session(), k -> new ArrayList<>()).add(s);
        }
        for (Click c : clicks) {
            bySession.computeIfAbsent(c.session(), k -> new ArrayList<>()).add(c);
        }
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        // query (keyed) -> product -> sessions that clicked it after that query
        Map<String, Map<Long, Set<String>>> clicked = new HashMap<>();
        Map<String, String> queryText = new HashMap<>();
        for (Map.Entry<String, List<Object>> e : bySession.entrySet()) {
            List<Object> events = e.getValue();
            events.sort(Comparator.comparingLong(SuggestionMiner::at));
            List<Search> session = new ArrayList<>();
            Map<Integer, Set<Long>> clicksAfter = new HashMap<>();
            for (Object o : events) {
                if (o instanceof Search s) {
                    session.add(s);
                } else if (o instanceof Click c && !session.isEmpty()) {
                    clicksAfter.computeIfAbsent(session.size() - 1, k -> new HashSet<>()).add(c.productId());
                }
            }
            for (int i = 0; i < session.size(); i++) {
                Search s = session.get(i);
                String qk = Terms.key(Terms.words(s.query()));
                queryText.putIfAbsent(qk, s.query());
                for (Long p : clicksAfter.getOrDefault(i, Set.of())) {
                    clicked.computeIfAbsent(qk, k -> new HashMap<>()).computeIfAbsent(p, k -> new HashSet<>())
                            .add(e.getKey());
                }
                if (i + 1 < session.size()) {
                    Search next = session.get(i + 1);
                    boolean failed = s.results() == 0 || !clicksAfter.containsKey(i);
                    boolean succeeded = next.results() > 0 && clicksAfter.containsKey(i + 1);
                    if (failed && succeeded && next.atMillis() - s.atMillis() <= REFORMULATION_WINDOW_MS) {
                        String[] diff = align(s.query(), next.query());
                        if (diff != null) {
                            SynonymRule.Type type = diff[0].indexOf(' ') < 0 && diff[1].indexOf(' ') < 0
                                    && editDistance(diff[0], diff[1]) <= 2 ? SynonymRule.Type.CORRECTION
                                    : SynonymRule.Type.ONE_WAY;
                            add(candidates, type, diff[0], diff[1], e.getKey(), "“" + s.query() + "” ("
                                    + s.results() + " results) then “" + next.query() + "” (clicked)");
                        }
                    }
                }
            }
        }
        // query-click pairs: queries differing by one span (two words at most) that led to clicks on the
        // same products: on two products or more, or on one product from two sessions or more on each side
        Map<Long, List<String>> queriesByProduct = new HashMap<>();
        clicked.forEach((q, products) -> products.keySet().forEach(p ->
                queriesByProduct.computeIfAbsent(p, k -> new ArrayList<>()).add(q)));
        Map<String, Set<Long>> sharedProducts = new HashMap<>();
        queriesByProduct.forEach((product, queries) -> {
            for (int a = 0; a < queries.size(); a++) {
                for (int b = a + 1; b < queries.size(); b++) {
                    String[] diff = align(queries.get(a), queries.get(b));
                    if (diff == null || diff[0].split(" ").length > 2 || diff[1].split(" ").length > 2
                            || !sharesContext(queries.get(a), diff) && (diff[0].contains(" ") || diff[1].contains(" "))) {
                        continue;
                    }
                    String qa = queries.get(a);
                    String qb = queries.get(b);
                    Set<String> sa = clicked.get(qa).get(product);
                    Set<String> sb = clicked.get(qb).get(product);
                    Set<Long> shared = sharedProducts.computeIfAbsent(qa + "\n" + qb, k -> new HashSet<>());
                    shared.add(product);
                    boolean inContext = sharesContext(qa, diff);
                    if (shared.size() >= 2 || inContext && sa.size() >= MIN_SUPPORT && sb.size() >= MIN_SUPPORT) {
                        Set<String> sessions = new HashSet<>(sa);
                        sessions.addAll(sb);
                        for (String session : sessions) {
                            add(candidates, SynonymRule.Type.MULTI_WAY, diff[0], diff[1], session, "“"
                                    + queryText.get(qa) + "” and “" + queryText.get(qb) + "” led to product " + product);
                        }
                    }
                }
            }
        });
        List<Suggestion> out = new ArrayList<>();
        for (Candidate c : candidates.values()) {
            int n = c.sessions().size();
            Suggestion s = new Suggestion(c.type(), c.from(), c.to(), (double) n / (n + 2), n,
                    n + " sessions, e.g. " + String.join("; ", c.examples()));
            if (n >= MIN_SUPPORT && !excludedKeys.contains(s.key())) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparingDouble(Suggestion::confidence).reversed().thenComparing(Suggestion::from));
        return out;
    }

    /**
     * Spelling variants of the catalog's vocabulary: a word shoppers typed in at least
     * {@link #MIN_SUPPORT} sessions that no product name holds, whose closest catalog word (one edit up to
     * seven letters, two beyond; the same first letter or a swap of the first two) is the only one that
     * close, becomes a correction {@code typed => catalog word}. Confidence grows with the sessions and
     * with the catalog word's product count ({@code n / (n + 2) * p / (p + 1)}); the evidence says both.
     */
    public List<Suggestion> spellingVariants(List<Search> searches, Map<String, Integer> vocabulary,
            Set<String> excludedKeys) {
        Map<String, Set<String>> sessionsByWord = new HashMap<>();
        for (Search s : searches) {
            for (String w : Terms.words(s.query())) {
                if (w.length() >= 4 && w.chars().allMatch(Character::isLetter) && !vocabulary.containsKey(w)) {
                    sessionsByWord.computeIfAbsent(w, k -> new HashSet<>()).add(s.session());
                }
            }
        }
        // candidates by first letter (and second, for a swap of the first two), so a word is compared
        // with a slice of the vocabulary only
        Map<Character, List<String>> byFirst = new HashMap<>();
        vocabulary.keySet().forEach(v -> byFirst.computeIfAbsent(v.charAt(0), k -> new ArrayList<>()).add(v));
        List<Suggestion> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : sessionsByWord.entrySet()) {
            int n = e.getValue().size();
            String typed = e.getKey();
            if (n < MIN_SUPPORT) {
                continue;
            }
            int max = typed.length() >= 8 ? 2 : 1;
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            boolean tie = false;
            List<String> pool = new ArrayList<>(byFirst.getOrDefault(typed.charAt(0), List.of()));
            pool.addAll(byFirst.getOrDefault(typed.charAt(1), List.of()));
            for (String v : pool) {
                if (Math.abs(v.length() - typed.length()) > max || v.length() < 4) {
                    continue;
                }
                boolean swappedStart = v.charAt(0) == typed.charAt(1) && v.charAt(1) == typed.charAt(0);
                int d = v.charAt(0) == typed.charAt(0) || swappedStart ? swapEditDistance(typed, v)
                        : Integer.MAX_VALUE;
                if (d > max) {
                    continue;
                }
                if (d < bestDistance || d == bestDistance && vocabulary.get(v) > vocabulary.get(best)) {
                    tie = d == bestDistance && best != null && vocabulary.get(v) < 2 * vocabulary.get(best);
                    bestDistance = d;
                    best = v;
                } else if (d == bestDistance && vocabulary.get(v) * 2 > vocabulary.get(best)) {
                    tie = true; // two catalog words about as likely: not a safe correction
                }
            }
            if (best == null || tie) {
                continue;
            }
            Suggestion sg = new Suggestion(SynonymRule.Type.CORRECTION, typed, best,
                    (double) n / (n + 2) * vocabulary.get(best) / (vocabulary.get(best) + 1.0), n,
                    "“" + typed + "” typed in " + n + " sessions is in no product name; “" + best + "” ("
                            + bestDistance + (bestDistance == 1 ? " edit" : " edits") + ") is in "
                            + vocabulary.get(best) + " product names");
            if (!excludedKeys.contains(sg.key())) {
                out.add(sg);
            }
        }
        out.sort(java.util.Comparator.comparingDouble(Suggestion::confidence).reversed()
                .thenComparing(Suggestion::from));
        return out;
    }

    /** Edit distance where swapping two adjacent letters is one edit (tpae / tape), as typos go. */
    static int swapEditDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** True when the query has words besides the differing span (the pair is a substitution in context). */
    private static boolean sharesContext(String keyedQuery, String[] diff) {
        return Terms.words(keyedQuery).size() > Terms.words(diff[0]).size();
    }

    private static void add(Map<String, Candidate> candidates, SynonymRule.Type type, String from, String to,
            String session, String example) {
        Candidate c = candidates.computeIfAbsent(Suggestion.key(type, from, to),
                k -> new Candidate(type, from, to, new HashSet<>(), new ArrayList<>()));
        c.sessions().add(session);
        if (c.examples().size() < 3 && !c.examples().contains(example)) {
            c.examples().add(example);
        }
    }

    private static long at(Object o) {
        return o instanceof Search s ? s.atMillis() : ((Click) o).atMillis();
    }

    /**
     * The differing spans of two queries once their common leading and trailing words are removed, or
     * null when they are the same, one is empty, or a span is longer than {@link #MAX_SPAN} words.
     */
    static String[] align(String a, String b) {
        List<String> x = Terms.words(a);
        List<String> y = Terms.words(b);
        int start = 0;
        while (start < x.size() && start < y.size() && Terms.key(x.get(start)).equals(Terms.key(y.get(start)))) {
            start++;
        }
        int ex = x.size();
        int ey = y.size();
        while (ex > start && ey > start && Terms.key(x.get(ex - 1)).equals(Terms.key(y.get(ey - 1)))) {
            ex--;
            ey--;
        }
        if (ex == start || ey == start || ex - start > MAX_SPAN || ey - start > MAX_SPAN) {
            return null;
        }
        return new String[] {String.join(" ", x.subList(start, ex)), String.join(" ", y.subList(start, ey))};
    }

    /** Levenshtein distance (insertions, deletions, substitutions). */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1),
                        prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The suggestions as Solr-format rules (corrections with their default weight). */
    public static List<SynonymRule> asRules(List<Suggestion> suggestions) {
        List<SynonymRule> out = new ArrayList<>();
        for (Suggestion s : suggestions) {
            out.add(s.type() == SynonymRule.Type.MULTI_WAY
                    ? new SynonymRule(0, s.type(), List.of(s.from(), s.to()), List.of(), 1.0)
                    : new SynonymRule(0, s.type(), List.of(s.from()), List.of(s.to()),
                            s.type() == SynonymRule.Type.CORRECTION ? SynonymRule.CORRECTION_WEIGHT : 1.0));
        }
        return out;
    }
}
