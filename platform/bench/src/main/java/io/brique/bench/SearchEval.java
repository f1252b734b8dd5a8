package io.brique.bench;

import io.brique.api.search.SearchQuery.Expansion;
import io.brique.core.search.SearchAnalysis;
import io.brique.core.search.SearchDocument;
import io.brique.core.search.SearchIndex;
import io.brique.core.search.SearchQueries;
import io.brique.synonyms.SolrFormat;
import io.brique.synonyms.SuggestionMiner;
import io.brique.synonyms.SynonymEngine;
import io.brique.synonyms.SynonymRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * Offline relevance evaluation of the catalog search (no server, no database): indexes a product file
 * ({@code product_uid,product_title}), runs every judged query of a judgment file
 * ({@code search_term,product_uid,relevance} with relevance 1..3) and reports, side by side in one run,
 * nDCG@10 (gain = relevance - 1, unjudged = 0), precision@5 (relevant = relevance >= 2) and the
 * zero-result rate for: (a) plain BM25 (StandardAnalyzer, title only, OR of the words), (b) the core
 * search's analysis and query (with and without typo tolerance), (c) the same plus merchant synonyms
 * (a Solr-format file). Then query latency percentiles with the synonyms and with 10,000 rules loaded,
 * and indexing throughput.
 *
 * <pre>./brique eval-search [products.csv judgments.csv] [--synonyms rules.txt] [--mined rules.txt] [--only relevance]</pre>
 */
public final class SearchEval {

    record Product(long id, String title) {
    }

    record Metrics(double ndcg, double p5, double zero, int queries) {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        Path data = Path.of("..", "shared", "datasets", "home-depot-search");
        Path productsFile = positional.size() > 0 ? Path.of(positional.get(0)) : data.resolve("products.csv");
        Path judgmentsFile = positional.size() > 1 ? Path.of(positional.get(1)) : data.resolve("judgments.csv");
        List<Product> products = readProducts(productsFile);
        Map<String, Map<Long, Double>> judgments = readJudgments(judgmentsFile);
        List<SynonymRule> merchant = options.containsKey("synonyms")
                ? rules(Files.readString(Path.of(options.get("synonyms"))))
                : rules(resource("/search/home-improvement-synonyms.txt"));
        System.out.printf(Locale.ROOT, "products: %d, judged queries: %d, judgments: %d, merchant rules: %d%n",
                products.size(), judgments.size(), judgments.values().stream().mapToInt(Map::size).sum(),
                merchant.size());

        // (a) plain BM25 baseline
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        StandardAnalyzer standard = new StandardAnalyzer();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(standard))) {
            for (Product p : products) {
                Document d = new Document();
                d.add(new StringField("id", Long.toString(p.id()), Field.Store.YES));
                d.add(new TextField("title", p.title(), Field.Store.NO));
                w.addDocument(d);
            }
        }
        DirectoryReader baselineReader = DirectoryReader.open(dir);
        IndexSearcher baseline = new IndexSearcher(baselineReader);
        QueryBuilder qb = new QueryBuilder(standard);
        // (a) the reference of PRODUCT.md: plain Lucene BM25 with English analysis, and with fuzzy terms
        ByteBuffersDirectory englishDir = new ByteBuffersDirectory();
        EnglishAnalyzer english = new EnglishAnalyzer();
        try (IndexWriter w = new IndexWriter(englishDir, new IndexWriterConfig(english))) {
            for (Product p : products) {
                Document d = new Document();
                d.add(new StringField("id", Long.toString(p.id()), Field.Store.YES));
                d.add(new TextField("title", p.title(), Field.Store.NO));
                w.addDocument(d);
            }
        }
        DirectoryReader englishReader = DirectoryReader.open(englishDir);
        IndexSearcher englishSearcher = new IndexSearcher(englishReader);
        QueryBuilder eqb = new QueryBuilder(english);

        // (b, c) the core engine
        SearchIndex core = SearchIndex.inMemory(SearchAnalysis.analyzer("en"));
        List<SearchDocument> docs = products.stream().map(p -> SearchDocument.titleOnly(p.id(), "en", p.title()))
                .toList();
        long t0 = System.nanoTime();
        core.replaceAll(docs);
        double indexSeconds = (System.nanoTime() - t0) / 1e9;

        SynonymEngine merchantEngine = new SynonymEngine(merchant);
        Map<String, Function<String, List<Long>>> runs = new LinkedHashMap<>();
        runs.put("(a) plain BM25: EnglishAnalyzer, title, OR", q -> {
            Query query = eqb.createBooleanQuery("title", q);
            return query == null ? List.of() : top(englishSearcher, query, 10);
        });
        runs.put("(a0) plain BM25: StandardAnalyzer (no stemming), title, OR", q -> {
            Query query = qb.createBooleanQuery("title", q);
            return query == null ? List.of() : top(baseline, query, 10);
        });
        runs.put("(af) (a) + fuzzy terms (words of 4+ letters, default FuzzyQuery, weight 0.5)", q -> {
            Query query = eqb.createBooleanQuery("title", q);
            if (query == null) {
                return List.of();
            }
            BooleanQuery.Builder b = new BooleanQuery.Builder().add(query, BooleanClause.Occur.SHOULD);
            for (String w : q.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (w.length() >= 4) {
                    b.add(new BoostQuery(new FuzzyQuery(new Term("title", w)), 0.5f), BooleanClause.Occur.SHOULD);
                }
            }
            return top(englishSearcher, b.build(), 10);
        });
        runs.put("(b0) core analysis, no typo tolerance", q -> core(core, q, List.of(), false));
        runs.put("(b) core analysis + typo tolerance", q -> core(core, q, List.of(), true));
        runs.put("(c) (b) + merchant synonyms", q -> core(core, q, merchantEngine.expansions(q), true));
        if (options.containsKey("mined")) {
            SynonymEngine both = new SynonymEngine(concat(merchant, rules(Files.readString(
                    Path.of(options.get("mined"))))));
            runs.put("(c2) (b) + merchant + mined synonyms", q -> core(core, q, both.expansions(q), true));
        }
        System.out.println();
        System.out.println("| run | nDCG@10 | P@5 | zero-result rate |");
        System.out.println("|---|---|---|---|");
        Map<String, Metrics> results = new LinkedHashMap<>();
        for (Map.Entry<String, Function<String, List<Long>>> run : runs.entrySet()) {
            Metrics m = evaluate(judgments, run.getValue());
            results.put(run.getKey(), m);
            System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.2f%% |%n", run.getKey(), m.ndcg(), m.p5(),
                    m.zero() * 100);
        }
        // Where the merchant rules fire at all: the same two runs on that subset only.
        Map<String, Map<Long, Double>> fired = new LinkedHashMap<>();
        judgments.forEach((q, j) -> {
            if (!merchantEngine.expansions(q).isEmpty()) {
                fired.put(q, j);
            }
        });
        if (!fired.isEmpty()) {
            Metrics b = evaluate(fired, runs.get("(b) core analysis + typo tolerance"));
            Metrics c = evaluate(fired, runs.get("(c) (b) + merchant synonyms"));
            System.out.printf(Locale.ROOT, "| ... on the %d queries where a merchant rule fires: (b) | %.4f | %.4f | %.2f%% |%n",
                    fired.size(), b.ndcg(), b.p5(), b.zero() * 100);
            System.out.printf(Locale.ROOT, "| ... same queries: (c) | %.4f | %.4f | %.2f%% |%n", c.ndcg(), c.p5(),
                    c.zero() * 100);
        }
        double base = results.values().iterator().next().ndcg();
        results.forEach((k, m) -> System.out.printf(Locale.ROOT, "  %s: nDCG@10 %+.1f%% vs (a)%n", k,
                (m.ndcg() / base - 1) * 100));
        // The core's parameters (BM25 k1/b, boosts, typo rules) were tuned on the queries of the first
        // half (even hash); the second half was not looked at while tuning.
        for (int half = 0; half < 2; half++) {
            int h = half;
            Map<String, Map<Long, Double>> part = new LinkedHashMap<>();
            judgments.forEach((q, j) -> {
                if ((q.hashCode() & 1) == h) {
                    part.put(q, j);
                }
            });
            System.out.printf(Locale.ROOT, "%n| run, on the %d queries of the %s half | nDCG@10 | P@5 | zero-result rate |%n|---|---|---|---|%n",
                    part.size(), half == 0 ? "tuning" : "held-out");
            for (Map.Entry<String, Function<String, List<Long>>> run : runs.entrySet()) {
                Metrics m = evaluate(part, run.getValue());
                System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.2f%% |%n", run.getKey(), m.ndcg(), m.p5(),
                        m.zero() * 100);
            }
        }

        if ("relevance".equals(options.get("only"))) {
            core.close();
            baselineReader.close();
            englishReader.close();
            return;
        }
        miningEvaluation(core, products, judgments, merchant);

        // latency and throughput
        System.out.printf(Locale.ROOT, "%nindexing: %d products in %.2f s = %.0f products/s (core analysis, in memory)%n",
                products.size(), indexSeconds, products.size() / indexSeconds);
        List<SynonymRule> big = concat(merchant, syntheticRules(products, 10_000 - merchant.size()));
        SynonymEngine bigEngine = new SynonymEngine(big);
        List<String> queries = new ArrayList<>(judgments.keySet());
        System.out.println();
        System.out.println("| latency per query (in-process, top 10 + facets) | p50 ms | p95 ms | p99 ms |");
        System.out.println("|---|---|---|---|");
        latency("(b) core, no synonyms", queries, q -> coreWithFacets(core, q, List.of()));
        latency("(c) merchant synonyms (" + merchant.size() + " rules)", queries,
                q -> coreWithFacets(core, q, merchantEngine.expansions(q)));
        latency("(c) " + bigEngine.size() + " rules loaded", queries,
                q -> coreWithFacets(core, q, bigEngine.expansions(q)));
        core.close();
        baselineReader.close();
        englishReader.close();
    }

    /**
     * The miner fed with simulated sessions, evaluated on queries it has not seen: judged queries are
     * split in two halves by hash. On the first half, a simulated shopper searches with (b); a result
     * judged >= 2.5 in the top 10 is clicked; otherwise the shopper retypes the query with each word
     * missing from the best judged product's title replaced by the closest title word (two edits at
     * most), searches again and clicks that product when it is in the top 10. The rules mined from
     * those sessions are then evaluated on the other half only, next to (b) and (c).
     */
    /** Each training query is typed by this many simulated shoppers (popular queries repeat). */
    static final int SHOPPERS_PER_QUERY = 3;

    static void miningEvaluation(SearchIndex core, List<Product> products, Map<String, Map<Long, Double>> judgments,
            List<SynonymRule> merchant) {
        Map<Long, String> titles = new HashMap<>();
        products.forEach(p -> titles.put(p.id(), p.title()));
        Map<String, Map<Long, Double>> train = new LinkedHashMap<>();
        Map<String, Map<Long, Double>> test = new LinkedHashMap<>();
        judgments.forEach((q, j) -> ((q.hashCode() & 1) == 0 ? train : test).put(q, j));
        List<SuggestionMiner.Search> searches = new ArrayList<>();
        List<SuggestionMiner.Click> clicks = new ArrayList<>();
        int session = 0;
        for (int shopper = 0; shopper < SHOPPERS_PER_QUERY; shopper++) {
            for (Map.Entry<String, Map<Long, Double>> e : train.entrySet()) {
                String id = "s" + session++;
                String q = e.getKey();
                List<Long> shown = core(core, q, List.of(), true);
                searches.add(new SuggestionMiner.Search(id, 0, q, shown.size()));
                Long good = shown.stream().filter(p -> e.getValue().getOrDefault(p, 0.0) >= 2.5).findFirst().orElse(null);
                if (good != null) {
                    clicks.add(new SuggestionMiner.Click(id, 10_000, good));
                    continue;
                }
                Map.Entry<Long, Double> best = e.getValue().entrySet().stream().max(Map.Entry.comparingByValue())
                        .orElse(null);
                if (best == null || best.getValue() < 2.5 || !titles.containsKey(best.getKey())) {
                    continue;
                }
                String retyped = retype(q, titles.get(best.getKey()));
                if (retyped.equals(q.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                List<Long> again = core(core, retyped, List.of(), true);
                searches.add(new SuggestionMiner.Search(id, 30_000, retyped, again.size()));
                if (again.contains(best.getKey())) {
                    clicks.add(new SuggestionMiner.Click(id, 40_000, best.getKey()));
                }
            }
        }
        List<SuggestionMiner.Suggestion> suggestions = new SuggestionMiner().mine(searches, clicks, Set.of());
        List<SynonymRule> mined = SuggestionMiner.asRules(suggestions);
        SynonymEngine merchantEngine = new SynonymEngine(merchant);
        SynonymEngine both = new SynonymEngine(concat(merchant, mined));
        System.out.printf(Locale.ROOT, "%nmining: %d simulated sessions on %d training queries -> %d suggestions, e.g. %s%n",
                session, train.size(), suggestions.size(), suggestions.stream().limit(8)
                        .map(x -> x.type() + " " + x.from() + " => " + x.to() + " (" + x.sessions() + ")").toList());
        System.out.println("| run, on the " + test.size() + " held-out queries | nDCG@10 | P@5 | zero-result rate |");
        System.out.println("|---|---|---|---|");
        Map<String, Function<String, List<Long>>> runs = new LinkedHashMap<>();
        runs.put("(b) core analysis + typo tolerance", q -> core(core, q, List.of(), true));
        runs.put("(c) (b) + merchant synonyms", q -> core(core, q, merchantEngine.expansions(q), true));
        runs.put("(c2) (b) + merchant + mined synonyms", q -> core(core, q, both.expansions(q), true));
        runs.forEach((label, run) -> {
            Metrics m = evaluate(test, run);
            System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.2f%% |%n", label, m.ndcg(), m.p5(), m.zero() * 100);
        });
    }

    /** The query with each word absent from the title replaced by the closest title word (<= 2 edits). */
    static String retype(String query, String title) {
        List<String> titleWords = List.of(title.toLowerCase(Locale.ROOT).split("[^a-z0-9/]+"));
        List<String> out = new ArrayList<>();
        for (String w : query.toLowerCase(Locale.ROOT).split("[^a-z0-9/]+")) {
            if (w.isEmpty()) {
                continue;
            }
            String replacement = w;
            if (w.length() >= 4 && !titleWords.contains(w)) {
                int bestDistance = 3;
                for (String t : titleWords) {
                    int d = SuggestionMiner.editDistance(w, t);
                    if (t.length() >= 4 && d < bestDistance && !t.startsWith(w) && !w.startsWith(t)) {
                        bestDistance = d;
                        replacement = t;
                    }
                }
            }
            out.add(replacement);
        }
        return String.join(" ", out);
    }

    static List<SynonymRule> concat(List<SynonymRule> a, List<SynonymRule> b) {
        List<SynonymRule> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static List<SynonymRule> rules(String text) {
        SolrFormat.Parsed p = SolrFormat.parse(text);
        if (!p.errors().isEmpty()) {
            throw new IllegalArgumentException("bad synonym lines: " + p.errors());
        }
        return p.rules();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = SearchEval.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Multi-way rules pairing random words of the catalog (for latency only: they are not meant to help). */
    static List<SynonymRule> syntheticRules(List<Product> products, int n) {
        Random r = new Random(42);
        List<String> words = new ArrayList<>();
        for (Product p : products.subList(0, Math.min(products.size(), 5000))) {
            for (String w : p.title().toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                if (w.length() > 3) {
                    words.add(w);
                }
            }
        }
        List<SynonymRule> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String a = words.get(r.nextInt(words.size())) + (i % 3 == 0 ? " " + words.get(r.nextInt(words.size())) : "");
            String b = words.get(r.nextInt(words.size())) + "x" + i;
            out.add(new SynonymRule(i + 100_000, SynonymRule.Type.MULTI_WAY, List.of(a, b), List.of(), 1.0));
        }
        return out;
    }

    static List<Long> core(SearchIndex index, String q, List<Expansion> expansions, boolean fuzzy) {
        return core(index, q, expansions, SearchQueries.Options.SEARCH.withFuzzy(fuzzy), false);
    }

    /**
     * As the shop's search service does: most words must match; when fewer than a page do (several
     * words), partial matches follow them; when none does, partial matches only.
     */
    static List<Long> core(SearchIndex index, String q, List<Expansion> expansions, SearchQueries.Options options,
            boolean facets) {
        SearchQueries.Vocabulary vocabulary = options.fuzzy() ? index.vocabulary() : SearchQueries.Vocabulary.NONE;
        SearchQueries.Built b = SearchQueries.build(index.analyzer(), q, expansions, options, vocabulary);
        if (b.query() == null) {
            return List.of();
        }
        SearchIndex.Hits hits = index.search(b.query(), null, 0, 10, facets);
        if (hits.total() < 10 && b.terms().size() > 1) {
            SearchQueries.Built partial = SearchQueries.build(index.analyzer(), q, expansions, options.relax(),
                    vocabulary);
            hits = index.search(hits.total() == 0 ? partial.query() : SearchQueries.exactFirst(b, partial).query(),
                    null, 0, 10, facets);
        }
        return hits.ids();
    }

    static List<Long> coreWithFacets(SearchIndex index, String q, List<Expansion> expansions) {
        return core(index, q, expansions, SearchQueries.Options.SEARCH, true);
    }

    static List<Long> top(IndexSearcher s, Query q, int n) {
        try {
            List<Long> out = new ArrayList<>();
            StoredFields stored = s.storedFields();
            for (ScoreDoc d : s.search(q, n).scoreDocs) {
                out.add(Long.parseLong(stored.document(d.doc).get("id")));
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Metrics evaluate(Map<String, Map<Long, Double>> judgments, Function<String, List<Long>> run) {
        double ndcg = 0;
        double p5 = 0;
        int zero = 0;
        for (Map.Entry<String, Map<Long, Double>> e : judgments.entrySet()) {
            List<Long> ranked = run.apply(e.getKey());
            Map<Long, Double> rel = e.getValue();
            if (ranked.isEmpty()) {
                zero++;
            }
            double dcg = 0;
            int relevant = 0;
            for (int i = 0; i < Math.min(10, ranked.size()); i++) {
                double r = rel.getOrDefault(ranked.get(i), 1.0);
                dcg += (r - 1) / log2(i + 2);
                if (i < 5 && r >= 2) {
                    relevant++;
                }
            }
            double[] ideal = rel.values().stream().mapToDouble(r -> r - 1).sorted().toArray();
            double idcg = 0;
            for (int i = 0; i < Math.min(10, ideal.length); i++) {
                idcg += ideal[ideal.length - 1 - i] / log2(i + 2);
            }
            ndcg += idcg == 0 ? 0 : dcg / idcg;
            p5 += relevant / 5.0;
        }
        int n = judgments.size();
        return new Metrics(ndcg / n, p5 / n, (double) zero / n, n);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Three timed rounds over all queries after a warm-up; the round with the median p95 is reported. */
    static void latency(String label, List<String> queries, Function<String, List<Long>> run) {
        for (int i = 0; i < Math.min(2000, queries.size()); i++) {
            run.apply(queries.get(i)); // warm-up
        }
        List<double[]> rounds = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            long[] ns = new long[queries.size()];
            for (int i = 0; i < queries.size(); i++) {
                long t = System.nanoTime();
                run.apply(queries.get(i));
                ns[i] = System.nanoTime() - t;
            }
            Arrays.sort(ns);
            rounds.add(new double[] {pct(ns, 50), pct(ns, 95), pct(ns, 99)});
        }
        rounds.sort(java.util.Comparator.comparingDouble(r -> r[1]));
        double[] m = rounds.get(1);
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", label, m[0], m[1], m[2]);
    }

    static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    static List<Product> readProducts(Path file) throws IOException {
        List<Product> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                out.add(new Product(Long.parseLong(rec.get(0).trim()), rec.get(1)));
            }
        }
        return out;
    }

    static Map<String, Map<Long, Double>> readJudgments(Path file) throws IOException {
        Map<String, Map<Long, Double>> out = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                out.computeIfAbsent(rec.get(0), k -> new HashMap<>()).put(Long.parseLong(rec.get(1).trim()),
                        Double.parseDouble(rec.get(2).trim()));
            }
        }
        return out;
    }
}
