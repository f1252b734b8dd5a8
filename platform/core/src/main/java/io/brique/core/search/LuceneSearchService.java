package io.brique.core.search;

import io.brique.api.search.SearchQuery;
import io.brique.core.catalog.CatalogService;
import io.brique.core.catalog.CategoryTree;
import io.brique.core.catalog.ListingQuery;
import io.brique.core.catalog.Views.ProductSummary;
import io.brique.core.error.ValidationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog search on embedded Lucene: one {@link SearchIndex} per shop locale under
 * {@code <data>/search-index/<locale>}, rebuilt from the database when missing or of another schema
 * version, and when the catalog changes as a whole; kept in near real time per product by
 * {@link #productsChanged} (this node's {@code product.changed} listener and the CSV import). The
 * shopper's text goes through {@link SearchRewriters} (plugins' synonyms), then {@link SearchQueries};
 * results are hydrated from the database (prices and stock are always current).
 */
public final class LuceneSearchService implements SearchService, CatalogService.ChangeListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LuceneSearchService.class);
    /** Deep pages are not served beyond this many hits (the total is still exact). */
    static final int MAX_WINDOW = 10_000;

    private final CatalogService catalog;
    private final SearchRewriters rewriters;
    private final SearchDocuments documents;
    private final PopularQueries popular;
    private final Map<String, SearchIndex> indexes = new LinkedHashMap<>();

    public LuceneSearchService(Path folder, List<String> locales, CatalogService catalog, SearchRewriters rewriters,
            SearchDocuments documents, PopularQueries popular) {
        this(folder, locales, catalog, rewriters, documents, popular,
                task -> Thread.ofPlatform().daemon().name("search-index-rebuild").start(task));
    }

    /** startupRebuild runs the start-up rebuild when one is needed (a background thread; tests defer it). */
    public LuceneSearchService(Path folder, List<String> locales, CatalogService catalog, SearchRewriters rewriters,
            SearchDocuments documents, PopularQueries popular, java.util.concurrent.Executor startupRebuild) {
        this.catalog = catalog;
        this.rewriters = rewriters;
        this.documents = documents;
        this.popular = popular;
        boolean rebuild = false;
        for (String locale : locales) {
            SearchIndex index = SearchIndex.open(folder.resolve(locale), SearchAnalysis.analyzer(locale));
            indexes.put(locale, index);
            rebuild |= index.rebuildNeeded();
        }
        if (rebuild) {
            // Start-up does not wait: the old index (another schema) is served until the new one commits;
            // a missing one is replaced by a plain database search meanwhile (see degraded()).
            building = true;
            startupRebuild.execute(() -> {
                try {
                    rebuild();
                } catch (RuntimeException e) {
                    LOG.error("search index rebuild at start failed; the database search serves until the next one", e);
                } finally {
                    built.countDown();
                }
            });
        } else {
            built.countDown();
        }
    }

    private final java.util.concurrent.CountDownLatch built = new java.util.concurrent.CountDownLatch(1);

    /** Waits for the start-up rebuild (tests and tools that need ranked results at once); false on timeout. */
    public boolean awaitStartupRebuild(java.time.Duration timeout) {
        try {
            return built.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True while the start-up rebuild runs (searches on an empty index then use the database). */
    private volatile boolean building;
    /** Products changed while a rebuild read the catalog: re-indexed once it is done. */
    private final Set<Long> changedDuringRebuild = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean rebuilding;

    /** True while the index is being built at start-up and is still empty: searches go to the database. */
    public boolean degraded(String locale) {
        return building && index(locale).documentCount() == 0;
    }

    public PopularQueries popularQueries() {
        return popular;
    }

    /** The index of a locale (tests, tools). */
    public SearchIndex index(String locale) {
        SearchIndex i = indexes.get(locale);
        if (i == null) {
            throw new ValidationException("locale", "error.choice");
        }
        return i;
    }

    /** Rebuilds every locale's index from the database. */
    public synchronized void rebuild() {
        long t0 = System.nanoTime();
        Map<String, List<SearchDocument>> all = new LinkedHashMap<>();
        rebuilding = true;
        try {
            documents.forAll(batch -> batch.forEach((l, docs) -> all.computeIfAbsent(l, k -> new ArrayList<>())
                    .addAll(docs)));
            indexes.forEach((locale, index) -> index.replaceAll(all.getOrDefault(locale, List.of())));
        } finally {
            rebuilding = false;
            building = false;
        }
        if (!changedDuringRebuild.isEmpty()) {
            List<Long> again = List.copyOf(changedDuringRebuild);
            changedDuringRebuild.removeAll(again);
            productsChanged(again);
        }
        LOG.info("search index rebuilt: {} in {} ms", all.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().size()).toList(), (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public void catalogChanged() {
        rebuild();
    }

    @Override
    public void productsChanged(Collection<Long> ids) {
        if (rebuilding) {
            changedDuringRebuild.addAll(ids); // the rebuild may have read them before the change
        }
        for (int from = 0; from < ids.size(); from += SearchDocuments.BATCH) {
            List<Long> chunk = List.copyOf(ids).subList(from, Math.min(ids.size(), from + SearchDocuments.BATCH));
            Map<String, List<SearchDocument>> docs = documents.load(chunk);
            indexes.forEach((locale, index) -> {
                List<SearchDocument> present = docs.getOrDefault(locale, List.of());
                Set<Long> kept = new HashSet<>();
                present.forEach(d -> kept.add(d.productId()));
                index.update(present, chunk.stream().filter(id -> !kept.contains(id)).toList());
            });
        }
    }

    // ---- search ---------------------------------------------------------------------------------

    @Override
    public SearchResult search(SearchRequest request) {
        if (request.text().length() > MAX_QUERY_LENGTH) {
            throw new ValidationException("q", "error.too_long");
        }
        SearchIndex index = index(request.locale());
        if (degraded(request.locale())) {
            return databaseSearch(request);
        }
        SearchQuery rewritten = rewriters.apply(SearchQuery.of(request.text(), request.locale()));
        return searchBuilt(index, request, rewritten);
    }

    /**
     * While the index is built at start-up: the database listing with every word in the product's text
     * (no ranking, typos, synonyms or facets), so the shop answers searches from the first second.
     */
    private SearchResult databaseSearch(SearchRequest r) {
        List<String> tokens = TextNormalizer.tokens(r.text());
        if (tokens.isEmpty()) {
            return SearchResult.empty(r.text(), r.page(), r.size());
        }
        ListingQuery.Sort sort = r.sort();
        io.brique.core.catalog.Views.Page<ProductSummary> page = catalog.list(new ListingQuery(r.locale(), r.categoryIds(),
                tokens.subList(0, Math.min(tokens.size(), SearchQueries.MAX_TERMS)), r.brandSlugs(),
                r.minPriceMinor(), r.maxPriceMinor(), r.inStockOnly(), null, sort, r.page(),
                Math.min(r.size(), ListingQuery.MAX_SIZE)));
        return new SearchResult(r.text(), page.items(), page.total(), r.page(), r.size(), SearchFacets.NONE, List.of(),
                false, page.total());
    }

    /** Runs a query as rewritten: its text, then its alternatives, then partial matches. */
    private SearchResult searchBuilt(SearchIndex index, SearchRequest request, SearchQuery rewritten) {
        List<String> candidates = new ArrayList<>();
        candidates.add(rewritten.text());
        candidates.addAll(rewritten.alternatives());
        SearchResult last = null;
        for (String text : candidates) {
            SearchQueries.Built built = SearchQueries.build(index.analyzer(), text == null ? "" : text,
                    rewritten.expansions(), SearchQueries.Options.SEARCH, index.vocabulary());
            if (built.query() == null) {
                continue;
            }
            last = run(index, request, text, built, null);
            if (last.total() >= FEW && last.total() > 0 || last.total() > 0 && !relaxable(request)) {
                return last;
            }
            if (last.total() > 0) {
                // Few products match most of the words: they come first, then products matching some.
                SearchQueries.Built partial = SearchQueries.build(index.analyzer(), text, rewritten.expansions(),
                        SearchQueries.Options.SEARCH.relax(), index.vocabulary());
                if (partial.terms().size() < 2) {
                    return last;
                }
                return run(index, request, text, SearchQueries.exactFirst(built, partial), last.total());
            }
        }
        if (last != null && relaxable(request)) {
            // Nothing matches most of the words: show what matches some of them, flagged as partial.
            SearchQueries.Built built = SearchQueries.build(index.analyzer(), rewritten.text(),
                    rewritten.expansions(), SearchQueries.Options.SEARCH.relax(), index.vocabulary());
            if (built.query() != null && built.terms().size() > 1) {
                SearchResult relaxed = run(index, request, rewritten.text(), built, 0L);
                if (relaxed.total() > 0) {
                    return relaxed;
                }
            }
        }
        return last != null ? last : SearchResult.empty(request.text(), request.page(), request.size());
    }

    /** Fewer products than this matching most of the words: partial matches follow them (relevance sort). */
    static final int FEW = 10;

    /**
     * Partial matches are offered for the plain text search sorted by relevance, not when the shopper
     * narrowed it with filters or sorts by price, name or date.
     */
    private static boolean relaxable(SearchRequest r) {
        return r.categoryIds() == null && r.brandSlugs().isEmpty() && r.minPriceMinor() == null
                && r.maxPriceMinor() == null && !r.inStockOnly() && r.sort() == ListingQuery.Sort.FEATURED;
    }

    /** exactMatches: null when every result matches most words, else how many do (the first ones). */
    private SearchResult run(SearchIndex index, SearchRequest request, String text, SearchQueries.Built built,
            Long exactMatches) {
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(built.query(), Occur.MUST);
        if (request.categoryIds() != null) {
            q.add(new TermInSetQuery(SearchIndex.CATEGORY_ID, request.categoryIds().stream()
                    .map(id -> new BytesRef(Long.toString(id))).toList()), Occur.FILTER);
        }
        if (!request.brandSlugs().isEmpty()) {
            q.add(new TermInSetQuery(SearchIndex.BRAND_SLUG, request.brandSlugs().stream().map(BytesRef::new)
                    .toList()), Occur.FILTER);
        }
        if (request.minPriceMinor() != null || request.maxPriceMinor() != null) {
            q.add(LongPoint.newRangeQuery(SearchIndex.PRICE,
                    request.minPriceMinor() == null ? Long.MIN_VALUE : request.minPriceMinor(),
                    request.maxPriceMinor() == null ? Long.MAX_VALUE : request.maxPriceMinor()), Occur.FILTER);
        }
        if (request.inStockOnly()) {
            q.add(new TermQuery(new Term(SearchIndex.IN_STOCK, "1")), Occur.FILTER);
        }
        long offset = (long) (request.page() - 1) * request.size();
        int from = (int) Math.min(offset, MAX_WINDOW);
        int size = (int) Math.max(0, Math.min(request.size(), MAX_WINDOW - from));
        SearchIndex.Hits hits;
        try {
            hits = index.search(q.build(), sort(request.sort()), from, size, true);
        } catch (org.apache.lucene.search.IndexSearcher.TooManyClauses e) {
            // Defensive: a query that expands beyond Lucene's clause limit runs as typed, without typos.
            LOG.debug("search query too large, run as typed: {}", e.getMessage());
            SearchQueries.Built plain = SearchQueries.build(index.analyzer(), text, List.of(),
                    SearchQueries.Options.SEARCH.withFuzzy(false));
            BooleanQuery.Builder again = new BooleanQuery.Builder().add(plain.query(), Occur.MUST);
            q.build().clauses().stream().filter(c -> c.occur() == Occur.FILTER).forEach(again::add);
            hits = index.search(again.build(), sort(request.sort()), from, size, true);
        }
        List<ProductSummary> items = hits.ids().isEmpty() ? List.of() : catalog.summaries(hits.ids(),
                request.locale());
        return new SearchResult(text, items, hits.total(), request.page(), request.size(),
                facets(hits.facets(), request), built.applied().stream()
                        .map(e -> e.rule() != null ? e.rule() : e.from() + " => " + e.to()).distinct().toList(),
                exactMatches != null, exactMatches == null ? hits.total() : exactMatches);
    }

    static Sort sort(ListingQuery.Sort sort) {
        return switch (sort) {
            case FEATURED -> null;
            case PRICE_ASC -> new Sort(new SortField(SearchIndex.PRICE, SortField.Type.LONG), SortField.FIELD_SCORE);
            case PRICE_DESC -> new Sort(new SortField(SearchIndex.PRICE, SortField.Type.LONG, true),
                    SortField.FIELD_SCORE);
            case NEWEST -> new Sort(new SortField(SearchIndex.CREATED, SortField.Type.LONG, true),
                    SortField.FIELD_SCORE);
            case NAME -> new Sort(new SortField(SearchIndex.NAME_SORT, SortField.Type.STRING),
                    SortField.FIELD_SCORE);
        };
    }

    private SearchFacets facets(SearchIndex.FacetCounts counts, SearchRequest request) {
        if (counts == null) {
            return SearchFacets.NONE;
        }
        String lang = request.locale();
        CategoryTree tree = catalog.categories();
        List<SearchFacets.Bucket> categories = new ArrayList<>();
        counts.categories().forEach((id, n) -> tree.byId(id).ifPresent(node -> {
            if (node.slug(lang) != null) {
                categories.add(new SearchFacets.Bucket(node.slug(lang), node.name(lang), n,
                        request.categoryIds() != null && request.categoryIds().size() == 1
                                && request.categoryIds().contains(id)));
            }
        }));
        List<SearchFacets.Bucket> brands = new ArrayList<>();
        counts.brands().forEach((key, n) -> {
            int tab = key.indexOf('\t');
            String slug = key.substring(0, tab);
            brands.add(new SearchFacets.Bucket(slug, key.substring(tab + 1), n, request.brandSlugs().contains(slug)));
        });
        Comparator<SearchFacets.Bucket> byCount = Comparator.comparingLong((SearchFacets.Bucket b) -> -b.count())
                .thenComparing(SearchFacets.Bucket::label);
        categories.sort(byCount);
        brands.sort(byCount);
        List<SearchFacets.Bucket> prices = new ArrayList<>();
        long[] bounds = SearchIndex.PRICE_BOUNDS;
        for (int k = 0; k < counts.prices().length; k++) {
            if (counts.prices()[k] == 0) {
                continue;
            }
            Long min = k == 0 ? null : bounds[k - 1];
            Long max = k == bounds.length ? null : bounds[k] - 1;
            boolean selected = java.util.Objects.equals(min, request.minPriceMinor())
                    && java.util.Objects.equals(max, request.maxPriceMinor());
            prices.add(new SearchFacets.Bucket((min == null ? "" : decimal(min)) + "-" + (max == null ? "" : decimal(max)),
                    priceLabel(min, max), counts.prices()[k], selected));
        }
        return new SearchFacets(categories.stream().limit(20).toList(), brands.stream().limit(20).toList(), prices,
                counts.inStock());
    }

    /** Minor units as the decimal text the price filters take ("24.99"). */
    static String decimal(long minor) {
        return java.math.BigDecimal.valueOf(minor, 2).toPlainString();
    }

    private static String priceLabel(Long min, Long max) {
        Function<Long, String> m = v -> Long.toString(v / 100);
        if (min == null) {
            return "< " + m.apply(max + 1);
        }
        if (max == null) {
            return m.apply(min) + "+";
        }
        return m.apply(min) + " - " + m.apply(max + 1);
    }

    /** The search offered to plugins: the query as given (its expansions), no rewriters, no filters. */
    public io.brique.api.search.CatalogSearch forPlugins() {
        return (query, limit) -> {
            String locale = query.locale();
            if (query.text() == null || query.text().length() > MAX_QUERY_LENGTH || !indexes.containsKey(locale)) {
                return new io.brique.api.search.CatalogSearch.Result(0, List.of(), false, List.of());
            }
            int size = Math.max(1, Math.min(limit, ListingQuery.MAX_SIZE));
            SearchRequest request = new SearchRequest(query.text(), locale, null, List.of(), null, null, false, null,
                    1, size);
            SearchIndex index = index(locale);
            SearchResult r = searchBuilt(index, request, query);
            return new io.brique.api.search.CatalogSearch.Result(r.total(), r.items().stream()
                    .map(s -> new io.brique.api.search.CatalogSearch.Hit(s.id(), s.name(),
                            CatalogService.productUrl(locale, s.slug()))).toList(), r.relaxed(), r.rulesFired());
        };
    }

    /** The words of a locale's product names as indexed (unstemmed), most frequent first (SDK 1.2). */
    public List<io.brique.api.search.CatalogVocabulary.Word> vocabulary(String locale, int minLength, int minProducts,
            int limit) {
        SearchIndex index = indexes.get(locale);
        return index == null ? List.of() : index.words(minLength, minProducts, Math.max(0, Math.min(limit, 100_000)));
    }

    // ---- autocomplete ---------------------------------------------------------------------------

    @Override
    public Suggestions suggest(String text, String locale, int limit) {
        String t = text == null ? "" : text.trim();
        if (t.length() > MAX_QUERY_LENGTH) {
            throw new ValidationException("q", "error.too_long");
        }
        SearchIndex index = index(locale);
        if (t.isEmpty()) {
            return new Suggestions(t, List.of(), List.of(), List.of());
        }
        SearchQuery rewritten = rewriters.apply(SearchQuery.of(t, locale));
        SearchQueries.Built built = SearchQueries.build(index.analyzer(), rewritten.text(), rewritten.expansions(),
                SearchQueries.Options.AUTOCOMPLETE, index.vocabulary());
        List<ProductHint> products = new ArrayList<>();
        if (built.query() != null && !degraded(locale)) {
            SearchIndex.Hits hits;
            try {
                hits = index.search(built.query(), null, 0, limit, false);
            } catch (org.apache.lucene.search.IndexSearcher.TooManyClauses e) {
                LOG.debug("autocomplete query too large, run as typed: {}", e.getMessage());
                hits = index.search(SearchQueries.build(index.analyzer(), rewritten.text(), List.of(),
                        SearchQueries.Options.AUTOCOMPLETE.withFuzzy(false)).query(), null, 0, limit, false);
            }
            for (ProductSummary s : catalog.summaries(hits.ids(), locale)) {
                products.add(new ProductHint(s.id(), s.name(), s.slug()));
            }
        }
        String folded = TextNormalizer.fold(t);
        List<CategoryHint> categories = new ArrayList<>();
        for (CategoryTree.Node n : catalog.categories().all()) {
            String name = n.name(locale);
            if (name != null && n.slug(locale) != null) {
                String f = TextNormalizer.fold(name);
                if (f.startsWith(folded) || f.contains(" " + folded)) {
                    categories.add(new CategoryHint(n.id(), name, n.slug(locale)));
                }
            }
        }
        categories.sort(Comparator.comparing(CategoryHint::name));
        return new Suggestions(t, products, categories.stream().limit(limit).toList(),
                popular.complete(t, locale, limit));
    }

    @Override
    public void close() {
        indexes.values().forEach(SearchIndex::close);
    }
}
