package io.brique.core.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * One locale's Lucene index of the catalog: one document per visible product, updated in near real
 * time (writes are visible to searches after {@link #refresh()}, which every write method does).
 * The commit carries {@link #SCHEMA_VERSION}; an index written by another version is rebuilt.
 */
public final class SearchIndex implements AutoCloseable {

    /** Bump when fields or analysis change: indexes of another version are rebuilt from the database. */
    public static final String SCHEMA_VERSION = "1";

    public static final String ID = "id";
    public static final String TITLE = "title";
    /** The title without stemming (typo tolerance compares the words as written). */
    public static final String TITLE_PLAIN = "title_plain";
    public static final String BRAND = "brand";
    public static final String CATEGORY = "category";
    public static final String ATTRIBUTES = "attributes";
    public static final String DESCRIPTION = "description";
    static final String BRAND_SLUG = "brand_slug";
    static final String CATEGORY_ID = "category_id";
    static final String PRICE = "price";
    static final String IN_STOCK = "in_stock";
    static final String CREATED = "created";
    static final String NAME_SORT = "name_sort";
    private static final String BRAND_FACET = "brand_facet";
    private static final String CATEGORY_FACET = "category_facet";

    /**
     * BM25 with a lower saturation and length normalisation than Lucene's defaults (k1 1.2, b 0.75):
     * product titles are short and a long title is rarely less about its words (chosen on half of the
     * Home Depot judgments, checked on the other half: docs/search.md).
     */
    public static final Similarity SIMILARITY = new BM25Similarity(0.6f, 0.3f);

    private final Directory directory;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final boolean rebuildNeeded;

    private SearchIndex(Directory directory, Analyzer analyzer) throws IOException {
        this.directory = directory;
        this.analyzer = analyzer;
        boolean exists = DirectoryReader.indexExists(directory);
        String version = null;
        if (exists) {
            try (DirectoryReader r = DirectoryReader.open(directory)) {
                version = r.getIndexCommit().getUserData().get("schema");
            }
        }
        // An index of another schema version is kept (and served) until its rebuild commits.
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(exists ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(64).setSimilarity(SIMILARITY);
        this.rebuildNeeded = !exists || !SCHEMA_VERSION.equals(version);
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(SIMILARITY);
                return searcher;
            }
        });
    }

    /** Opens (or creates) the index in a folder. */
    public static SearchIndex open(Path folder, Analyzer analyzer) {
        try {
            return new SearchIndex(FSDirectory.open(folder), analyzer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + folder, e);
        }
    }

    /** An index in memory (evaluation, benchmarks). */
    public static SearchIndex inMemory(Analyzer analyzer) {
        try {
            return new SearchIndex(new ByteBuffersDirectory(), analyzer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    /**
     * True when the index was missing (it is then empty) or written with another schema version (its
     * documents are served until a rebuild replaces them).
     */
    public boolean rebuildNeeded() {
        return rebuildNeeded;
    }

    /** How many titles hold a word as written (typo correction and word splitting in queries). */
    public SearchQueries.Vocabulary vocabulary() {
        return word -> withSearcher(s -> s.getIndexReader().docFreq(new Term(TITLE_PLAIN, word)));
    }

    /** The alphabetic words of the titles as written, with their number of titles, most frequent first. */
    public List<io.brique.api.search.CatalogVocabulary.Word> words(int minLength, int minTitles, int limit) {
        return withSearcher(s -> {
            List<io.brique.api.search.CatalogVocabulary.Word> out = new ArrayList<>();
            org.apache.lucene.index.Terms terms = org.apache.lucene.index.MultiTerms.getTerms(s.getIndexReader(),
                    TITLE_PLAIN);
            if (terms == null) {
                return out;
            }
            org.apache.lucene.index.TermsEnum e = terms.iterator();
            for (BytesRef t = e.next(); t != null; t = e.next()) {
                String w = t.utf8ToString();
                if (w.length() >= minLength && e.docFreq() >= minTitles && w.chars().allMatch(Character::isLetter)) {
                    out.add(new io.brique.api.search.CatalogVocabulary.Word(w, e.docFreq()));
                }
            }
            out.sort(java.util.Comparator.comparingInt(io.brique.api.search.CatalogVocabulary.Word::products)
                    .reversed().thenComparing(io.brique.api.search.CatalogVocabulary.Word::word));
            return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
        });
    }

    public int documentCount() {
        return withSearcher(s -> s.getIndexReader().numDocs());
    }

    // ---- writes ---------------------------------------------------------------------------------

    /** Replaces the whole content by these documents, commits and refreshes. */
    public synchronized void replaceAll(Iterable<SearchDocument> documents) {
        try {
            writer.deleteAll();
            for (SearchDocument d : documents) {
                writer.addDocument(document(d));
            }
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces these products, removes those of {@code removedIds}, commits and refreshes. */
    public synchronized void update(List<SearchDocument> documents, List<Long> removedIds) {
        try {
            for (Long id : removedIds) {
                writer.deleteDocuments(new Term(ID, Long.toString(id)));
            }
            for (SearchDocument d : documents) {
                writer.updateDocument(new Term(ID, Long.toString(d.productId())), document(d));
            }
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void commit() throws IOException {
        writer.setLiveCommitData(Map.of("schema", SCHEMA_VERSION).entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    static Document document(SearchDocument d) {
        Document doc = new Document();
        String id = Long.toString(d.productId());
        doc.add(new StringField(ID, id, Field.Store.YES));
        doc.add(new TextField(TITLE, d.title(), Field.Store.NO));
        doc.add(new TextField(TITLE_PLAIN, d.title(), Field.Store.NO));
        if (d.brandName() != null) {
            doc.add(new TextField(BRAND, d.brandName(), Field.Store.NO));
        }
        if (d.brandSlug() != null) {
            doc.add(new StringField(BRAND_SLUG, d.brandSlug(), Field.Store.NO));
            doc.add(new SortedSetDocValuesField(BRAND_FACET, new BytesRef(d.brandSlug() + "\t"
                    + (d.brandName() == null ? d.brandSlug() : d.brandName()))));
        }
        for (String c : d.categoryPath()) {
            doc.add(new TextField(CATEGORY, c, Field.Store.NO));
        }
        for (Long c : d.categoryIds()) {
            doc.add(new StringField(CATEGORY_ID, Long.toString(c), Field.Store.NO));
            doc.add(new SortedSetDocValuesField(CATEGORY_FACET, new BytesRef(Long.toString(c))));
        }
        for (String a : d.attributes()) {
            doc.add(new TextField(ATTRIBUTES, a, Field.Store.NO));
        }
        doc.add(new TextField(DESCRIPTION, d.description(), Field.Store.NO));
        doc.add(new LongPoint(PRICE, d.priceMinor()));
        doc.add(new NumericDocValuesField(PRICE, d.priceMinor()));
        doc.add(new StringField(IN_STOCK, d.inStock() ? "1" : "0", Field.Store.NO));
        doc.add(new NumericDocValuesField(IN_STOCK, d.inStock() ? 1 : 0));
        doc.add(new NumericDocValuesField(CREATED, d.createdEpochMillis()));
        doc.add(new SortedDocValuesField(NAME_SORT, new BytesRef(TextNormalizer.fold(d.title()))));
        doc.add(new NumericDocValuesField(ID, d.productId()));
        return doc;
    }

    // ---- reads ----------------------------------------------------------------------------------

    /** Facet counts of all matching products: brand (slug, name), category id, price, in stock. */
    public record FacetCounts(Map<String, Integer> brands, Map<Long, Integer> categories, long[] prices,
            int inStock, long matched) {
    }

    /** One page of product ids (best first) and the total; facets when asked. */
    public record Hits(List<Long> ids, List<Float> scores, long total, FacetCounts facets) {
    }

    /** Price bounds of the price facet ranges, in minor units: [0,1000), [1000,2500) ... [25000, inf). */
    public static final long[] PRICE_BOUNDS = {1000, 2500, 5000, 10000, 25000};

    public Hits search(Query query, Sort sort, int offset, int size, boolean withFacets) {
        return withSearcher(s -> {
            int window = Math.max(1, offset + size);
            TopDocs top;
            FacetCounts facets = null;
            long total;
            if (withFacets) {
                // One pass over the matches: the page's top documents and the facet counts together.
                CollectorManager<?, ? extends TopDocs> topManager = sort == null
                        ? new TopScoreDocCollectorManager(window, 1000)
                        : new TopFieldCollectorManager(sort, window, 1000);
                Object[] both = s.search(query, new MultiCollectorManager(topManager, new FacetManager()));
                top = (TopDocs) both[0];
                facets = (FacetCounts) both[1];
                total = facets.matched();
            } else {
                top = sort == null ? s.search(query, window) : s.search(query, window, sort);
                total = top.totalHits.relation() == org.apache.lucene.search.TotalHits.Relation.EQUAL_TO
                        ? top.totalHits.value() : s.count(query);
            }
            List<Long> ids = new ArrayList<>();
            List<Float> scores = new ArrayList<>();
            StoredFields stored = s.storedFields();
            ScoreDoc[] docs = top.scoreDocs;
            for (int k = offset; k < docs.length; k++) {
                ids.add(Long.parseLong(stored.document(docs[k].doc).get(ID)));
                scores.add(docs[k].score);
            }
            return new Hits(ids, scores, total, facets);
        });
    }

    public long count(Query query) {
        return withSearcher(s -> (long) s.count(query));
    }

    private interface SearcherCall<T> {
        T apply(IndexSearcher s) throws IOException;
    }

    private <T> T withSearcher(SearcherCall<T> call) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return call.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class FacetManager implements CollectorManager<FacetCollector, FacetCounts> {
        @Override
        public FacetCollector newCollector() {
            return new FacetCollector();
        }

        @Override
        public FacetCounts reduce(java.util.Collection<FacetCollector> collectors) throws IOException {
            Map<String, Integer> brands = new HashMap<>();
            Map<Long, Integer> categories = new HashMap<>();
            long[] prices = new long[PRICE_BOUNDS.length + 1];
            int inStock = 0;
            long matched = 0;
            for (FacetCollector c : collectors) {
                matched += c.matched;
                c.flush();
                c.brands.forEach((k, v) -> brands.merge(k, v, Integer::sum));
                c.categories.forEach((k, v) -> categories.merge(k, v, Integer::sum));
                for (int k = 0; k < prices.length; k++) {
                    prices[k] += c.prices[k];
                }
                inStock += c.inStock;
            }
            return new FacetCounts(brands, categories, prices, inStock, matched);
        }
    }

    private static final class FacetCollector extends SimpleCollector {
        final Map<String, Integer> brands = new HashMap<>();
        final Map<Long, Integer> categories = new HashMap<>();
        final long[] prices = new long[PRICE_BOUNDS.length + 1];
        int inStock;
        long matched;
        private SortedSetDocValues brand;
        private SortedSetDocValues category;
        private NumericDocValues price;
        private NumericDocValues stock;
        private int[] brandCounts = new int[0];
        private int[] categoryCounts = new int[0];

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            flush();
            brand = DocValues.getSortedSet(context.reader(), BRAND_FACET);
            category = DocValues.getSortedSet(context.reader(), CATEGORY_FACET);
            price = DocValues.getNumeric(context.reader(), PRICE);
            stock = DocValues.getNumeric(context.reader(), IN_STOCK);
            brandCounts = new int[(int) brand.getValueCount()];
            categoryCounts = new int[(int) category.getValueCount()];
        }

        void flush() throws IOException {
            for (int o = 0; o < brandCounts.length; o++) {
                if (brandCounts[o] > 0) {
                    brands.merge(brand.lookupOrd(o).utf8ToString(), brandCounts[o], Integer::sum);
                }
            }
            for (int o = 0; o < categoryCounts.length; o++) {
                if (categoryCounts[o] > 0) {
                    categories.merge(Long.parseLong(category.lookupOrd(o).utf8ToString()), categoryCounts[o],
                            Integer::sum);
                }
            }
            brandCounts = new int[0];
            categoryCounts = new int[0];
        }

        @Override
        public void collect(int doc) throws IOException {
            matched++;
            if (brand.advanceExact(doc)) {
                for (int k = 0; k < brand.docValueCount(); k++) {
                    brandCounts[(int) brand.nextOrd()]++;
                }
            }
            if (category.advanceExact(doc)) {
                for (int k = 0; k < category.docValueCount(); k++) {
                    categoryCounts[(int) category.nextOrd()]++;
                }
            }
            if (price.advanceExact(doc)) {
                long p = price.longValue();
                int bucket = 0;
                while (bucket < PRICE_BOUNDS.length && p >= PRICE_BOUNDS[bucket]) {
                    bucket++;
                }
                prices[bucket]++;
            }
            if (stock.advanceExact(doc) && stock.longValue() == 1) {
                inStock++;
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
