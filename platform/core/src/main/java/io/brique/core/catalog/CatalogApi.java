package io.brique.core.catalog;

import io.brique.core.catalog.Views.ProductSummary;
import io.brique.core.catalog.Views.ProductView;
import io.brique.core.search.SearchRequest;
import io.brique.core.search.SearchResult;
import io.brique.core.search.SearchService;
import io.brique.core.web.Ctx;
import io.brique.core.web.HttpProblem;
import io.brique.core.web.MoneyJson;
import io.brique.core.web.Router;
import io.brique.core.web.WebSupport;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The public catalog API (JSON, no token): products, one product, the category tree. */
public final class CatalogApi {

    public record ProductItem(long id, String name, String slug, String url, String brand, MoneyJson price,
            MoneyJson compareAtPrice, boolean priceFrom, int available, boolean inStock, String imageUrl) {
    }

    /** A listing or a search; {@code facets} only for a search (q given). */
    public record ProductList(List<ProductItem> items, long total, int page, int size, int pageCount,
            io.brique.core.search.SearchFacets facets) {
    }

    public record Variant(long id, String sku, MoneyJson price, MoneyJson compareAtPrice, int available,
            Map<String, String> options) {
    }

    public record Image(String url, String alt) {
    }

    public record Attribute(String code, String label, String value) {
    }

    public record Brand(String name, String slug) {
    }

    public record Crumb(String name, String url) {
    }

    public record ProductDetail(long id, String handle, String locale, String name, String slug, String url,
            String description, Brand brand, String taxClass, boolean pricesIncludeTax, List<Variant> variants,
            List<Image> images, List<Attribute> attributes, List<Crumb> breadcrumb, Map<String, String> slugs) {
    }

    public record Category(long id, String name, String slug, String url, List<Category> children) {
    }

    private final CatalogService catalog;
    private final SearchService search;
    private final WebSupport web;
    private final io.brique.core.event.ObservationRecorder observations;

    public CatalogApi(CatalogService catalog, SearchService search, WebSupport web,
            io.brique.core.event.ObservationRecorder observations) {
        this.catalog = catalog;
        this.search = search;
        this.web = web;
        this.observations = observations;
    }

    public void register(Router router) {
        router.get("/api/v1/products", this::products);
        router.get("/api/v1/products/{id}", this::product);
        router.get("/api/v1/categories", this::categories);
        router.get("/api/v1/search/suggest", this::suggest);
    }

    private String locale(Ctx ctx) {
        String l = ctx.query("locale").orElse(web.defaultLocale().getLanguage());
        if (!web.supports(l)) {
            throw new HttpProblem(400, "Bad Request", "unsupported locale " + l.substring(0, Math.min(l.length(),
                    20)) + "; use one of " + web.languages(), Map.of("locale", "error.choice"));
        }
        return l;
    }

    void products(Ctx ctx) {
        String lang = locale(ctx);
        ListingQuery q = ListingParams.parse(ctx, lang, Set.of(), ListingQuery.DEFAULT_SIZE);
        String text = ctx.query("q").orElse(null);
        if (text != null && text.length() > SearchService.MAX_QUERY_LENGTH) {
            throw new HttpProblem(400, "Bad Request", "q is longer than " + SearchService.MAX_QUERY_LENGTH,
                    Map.of("q", "error.too_long"));
        }
        Set<Long> categories = null;
        String slug = ctx.query("category").orElse(null);
        if (slug != null) {
            categories = catalog.categoryWithDescendants(lang, slug).orElseThrow(() -> new HttpProblem(400,
                    "Bad Request", "unknown category for locale " + lang, Map.of("category", "error.unknown")));
        }
        List<ProductSummary> items;
        long total;
        io.brique.core.search.SearchFacets facets = null;
        if (text != null) {
            SearchResult r = search.search(new SearchRequest(text, lang, categories, q.brandSlugs(),
                    q.minPriceMinor(), q.maxPriceMinor(), q.inStockOnly(), q.sort(), q.page(), q.size()));
            items = r.items();
            total = r.total();
            facets = r.facets();
            if (!text.isBlank()) {
                observations.record(new io.brique.api.event.Events.SearchPerformed(text, lang,
                        (int) Math.min(Integer.MAX_VALUE, total), null, null));
            }
        } else {
            Views.Page<ProductSummary> p = catalog.list(q.withCategories(categories));
            items = p.items();
            total = p.total();
        }
        int pageCount = total == 0 ? 0 : (int) ((total + q.size() - 1) / q.size());
        ctx.json(new ProductList(items.stream().map(s -> item(s, lang)).toList(), total, q.page(), q.size(),
                pageCount, facets));
    }

    /** Autocomplete: {@code q} (what has been typed), {@code locale}, {@code limit} (1-20, default 8). */
    void suggest(Ctx ctx) {
        String lang = locale(ctx);
        String text = ctx.query("q").orElse("");
        if (text.length() > SearchService.MAX_QUERY_LENGTH) {
            throw new HttpProblem(400, "Bad Request", "q is longer than " + SearchService.MAX_QUERY_LENGTH,
                    Map.of("q", "error.too_long"));
        }
        int limit = ctx.queryInt("limit", 8, 1, 20);
        SearchService.Suggestions s = search.suggest(text, lang, limit);
        ctx.json(Map.of("query", s.query(),
                "products", s.products().stream().map(p -> Map.of("id", p.id(), "name", p.name(),
                        "url", CatalogService.productUrl(lang, p.slug()))).toList(),
                "categories", s.categories().stream().map(c -> Map.of("id", c.id(), "name", c.name(),
                        "url", CatalogService.categoryUrl(lang, c.slug()))).toList(),
                "queries", s.queries()));
    }

    static ProductItem item(ProductSummary s, String lang) {
        return new ProductItem(s.id(), s.name(), s.slug(), CatalogService.productUrl(lang, s.slug()), s.brand(),
                MoneyJson.of(s.priceMinor(), s.currency()),
                s.compareAtMinor() == null ? null : MoneyJson.of(s.compareAtMinor(), s.currency()),
                s.multiplePrices(), s.available(), s.inStock(), s.imageUrl());
    }

    void product(Ctx ctx) {
        long id = ctx.pathId("id");
        String lang = locale(ctx);
        ProductView p = catalog.product(id, lang);
        List<Variant> variants = p.variants().stream().map(v -> new Variant(v.id(), v.sku(),
                MoneyJson.of(v.priceMinor(), v.currency()),
                v.compareAtMinor() == null ? null : MoneyJson.of(v.compareAtMinor(), v.currency()), v.available(),
                v.options().stream().collect(java.util.stream.Collectors.toMap(Views.OptionValue::code,
                        Views.OptionValue::value, (a, b) -> a, java.util.LinkedHashMap::new)))).toList();
        ctx.json(new ProductDetail(p.id(), p.handle(), lang, p.name(), p.slug(),
                CatalogService.productUrl(lang, p.slug()), p.description(),
                p.brand() == null ? null : new Brand(p.brand().name(), p.brand().slug()), p.taxClass(), true,
                variants, p.images().stream().map(i -> new Image(i.url(), i.alt())).toList(),
                p.attributes().stream().map(a -> new Attribute(a.code(), a.label(), a.value())).toList(),
                p.breadcrumb().stream().map(c -> new Crumb(c.name(), c.url())).toList(), p.slugs()));
    }

    void categories(Ctx ctx) {
        String lang = locale(ctx);
        ctx.json(Map.of("locale", lang, "categories", catalog.categories().view(lang).stream()
                .map(c -> category(c, lang)).toList()));
    }

    private static Category category(CategoryTree.CategoryView c, String lang) {
        return new Category(c.id(), c.name(), c.slug(), CatalogService.categoryUrl(lang, c.slug()),
                c.children().stream().map(x -> category(x, lang)).toList());
    }
}
