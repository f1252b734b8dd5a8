package io.brique.core.catalog;

import io.brique.core.Core;
import io.brique.core.search.LuceneSearchService;
import io.brique.core.search.PopularQueries;
import io.brique.core.search.SearchDocuments;
import io.brique.core.search.SearchEventsListener;
import io.brique.core.search.SearchRewriters;
import io.brique.core.search.SearchService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the catalog: its services, storefront pages, API routes, imports and demo data. */
public final class CatalogModule {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogModule.class);

    private final io.brique.core.media.MediaStore media;
    private final Core core;
    private final CatalogRepository repository;
    private final CatalogService catalog;
    private final SearchRewriters rewriters;
    private final LuceneSearchService search;
    private final ProductImportService imports;
    private final ProductService products;
    private final CategoryService categories;
    private final AttributeService attributes;

    public CatalogModule(Core core) {
        this.core = core;
        this.repository = new CatalogRepository(core.db());
        this.catalog = new CatalogService(repository, new ProductViewCache(core.clock(),
                core.config().getDuration("catalog.cache-ttl", java.time.Duration.ofMinutes(10)),
                core.config().getInt("catalog.cache-size", 100_000)));
        // Every node keeps its own cache, so every node listens (the listener name carries the node id).
        core.dispatcher().register("core", new ProductCacheInvalidator(catalog, core.nodeId()));
        this.rewriters = new SearchRewriters(core.extensions(), core.config().getDuration("search.rewriter-budget", java.time.Duration.ofMillis(50)));
        PopularQueries popular = new PopularQueries();
        popular.load(core.db(), core.json());
        SearchDocuments searchDocuments = new SearchDocuments(core.db(), catalog::categories);
        LuceneSearchService lucene = new LuceneSearchService(core.config().dataDir().resolve("search-index"),
                core.web().languages(), catalog, rewriters, searchDocuments, popular);
        catalog.addChangeListener(lucene);
        core.extensions().register("core", io.brique.api.search.CatalogSearch.class, lucene.forPlugins());
        core.extensions().register("core", io.brique.api.search.CatalogVocabulary.class, lucene::vocabulary);
        core.extensions().register("core", io.brique.api.catalog.CatalogFacts.class, new CatalogFactsReader(core.db()));
        core.dispatcher().register("core", new SearchEventsListener(popular, lucene::productsChanged,
                searchDocuments::productsOfOrder, core.nodeId()));
        this.search = lucene;
        this.imports = new ProductImportService(core.db(), core.events(), repository, catalog, core.clock());
        this.products = new ProductService(core.db(), core.events(), repository, core.clock());
        this.categories = new CategoryService(core.db(), core.events(), core.clock());
        this.attributes = new AttributeService(core.db(), core.events());
        core.web().useNavigation(catalog::navigation);
        new CatalogPages(catalog, search, core.observations(), core.web()).register(core.router());
        new CatalogApi(catalog, search, core.web(), core.observations()).register(core.router());
        new ProductImportRoutes(imports, core.apiTokens()).register(core.router());
        Recommendations recommendations = new Recommendations(core.extensions(), catalog,
                core.config().getDuration("recommendations.budget", java.time.Duration.ofMillis(100)));
        RecommendationSlots.register(core.slots(), recommendations, core.web());
        new RecommendationApi(recommendations, core.web()).register(core.router());
        this.media = new io.brique.core.media.MediaStore(core.config().find("media.dir").map(java.nio.file.Path::of)
                .orElse(core.config().dataDir().resolve("media")),
                core.config().getLong("media.max-bytes", 5L * 1024 * 1024));
        new io.brique.core.media.MediaRoutes(media).register(core.router());
    }

    /** Uploaded product images ({@code media.dir}, shared by the nodes). */
    public io.brique.core.media.MediaStore media() {
        return media;
    }

    /** Loads demo data on first start when enabled and the catalog is empty. */
    public void loadDemoDataIfEmpty() {
        if (repository.productCount() > 0) {
            return;
        }
        long t0 = System.nanoTime();
        int products = new DemoCatalog(core.db(), repository).load();
        catalog.catalogChanged();
        LOG.info("demo catalog loaded: {} products in {} ms", products, (System.nanoTime() - t0) / 1_000_000);
    }

    public CatalogService catalog() {
        return catalog;
    }

    public LuceneSearchService search() {
        return search;
    }

    /** The core-owned search query rewriters (plugins register here). */
    public SearchRewriters searchRewriters() {
        return rewriters;
    }

    /** Back-office writes to products (texts, variants, stock, images, attributes). */
    public ProductService products() {
        return products;
    }

    /** Back-office writes to the category tree. */
    public AttributeService attributes() {
        return attributes;
    }

    public CategoryService categories() {
        return categories;
    }

    public ProductImportService imports() {
        return imports;
    }
}
