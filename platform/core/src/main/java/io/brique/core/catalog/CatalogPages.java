package io.brique.core.catalog;

import io.brique.api.event.Events;
import io.brique.core.catalog.Views.ProductSummary;
import io.brique.core.catalog.Views.ProductView;
import io.brique.core.event.ObservationRecorder;
import io.brique.core.search.SearchRequest;
import io.brique.core.search.SearchResult;
import io.brique.core.search.SearchService;
import io.brique.core.web.Ctx;
import io.brique.core.web.HttpProblem;
import io.brique.core.web.Router;
import io.brique.core.web.WebSupport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Storefront pages of the catalog: home, category, product, search, placeholder images. Thin handlers. */
public final class CatalogPages {

    /** A pagination link; {@code current} is rendered with aria-current="page". */
    public record PageLink(int number, String url, boolean current) {
    }

    public record Pagination(List<PageLink> pages, String previous, String next) {
        public boolean visible() {
            return pages.size() > 1;
        }
    }

    private final CatalogService catalog;
    private final SearchService search;
    private final ObservationRecorder observations;
    private final WebSupport web;

    public CatalogPages(CatalogService catalog, SearchService search, ObservationRecorder observations,
            WebSupport web) {
        this.catalog = catalog;
        this.search = search;
        this.observations = observations;
        this.web = web;
    }

    public void register(Router router) {
        router.get("/{locale}/", this::home);
        router.get("/{locale}/c/{slug}", this::category);
        router.get("/{locale}/p/{slug}", this::product);
        router.get("/{locale}/search", this::search);
        router.get("/media/placeholder/{file}", this::placeholder);
    }

    void home(Ctx ctx) {
        String lang = ctx.lang();
        List<ProductSummary> selection = catalog.homeSelection(lang, 2, 12);
        ctx.render("home", Map.of("categories", catalog.categories().view(lang), "products", selection));
    }

    void category(Ctx ctx) {
        String lang = ctx.lang();
        String slug = ctx.pathParam("slug");
        ListingQuery q = ListingParams.parse(ctx, lang, catalog.filterableAttributes(), ListingQuery.DEFAULT_SIZE);
        CatalogService.CategoryPage page = catalog.category(slug, q);
        observations.record(new Events.ProductListViewed("category:" + page.category().id(), lang, q.page(),
                page.products().items().size(), web.visitor(ctx).customerId(), null));
        Map<String, String> alternates = new HashMap<>();
        page.slugs().forEach((l, s) -> alternates.put(l, CatalogService.categoryUrl(l, s)));
        ctx.attribute("alternates", alternates);
        Map<String, Object> model = new HashMap<>();
        model.put("page", page);
        model.put("query", q);
        model.put("sorts", ListingQuery.Sort.values());
        model.put("minPrice", ctx.query("minPrice").orElse(""));
        model.put("maxPrice", ctx.query("maxPrice").orElse(""));
        model.put("pagination", pagination(ctx, page.products().page(), page.products().pageCount()));
        ctx.attribute("slotValues", Map.of("categoryId", Long.toString(page.category().id())));
        ctx.render("category", model);
    }

    void product(Ctx ctx) {
        String lang = ctx.lang();
        ProductView p = catalog.productBySlug(lang, ctx.pathParam("slug"));
        observations.record(new Events.ProductViewed(p.id(), lang, web.visitor(ctx).customerId(), null));
        Map<String, String> alternates = new HashMap<>();
        p.slugs().forEach((l, s) -> alternates.put(l, CatalogService.productUrl(l, s)));
        ctx.attribute("alternates", alternates);
        Map<String, String> slotValues = new HashMap<>();
        slotValues.put("productId", Long.toString(p.id()));
        if (p.defaultVariant() != null) { // the price the page shows, for "earn N points" and the like
            slotValues.put("itemsMinor", Long.toString(p.defaultVariant().priceMinor()));
            slotValues.put("currency", p.defaultVariant().currency());
        }
        if (p.categoryId() != null) {
            slotValues.put("categoryId", Long.toString(p.categoryId()));
        }
        if (p.brand() != null) {
            slotValues.put("brandId", Long.toString(p.brand().id()));
        }
        ctx.attribute("slotValues", slotValues);
        ctx.render("product", Map.of("product", p, "variant", p.defaultVariant(), "lowStock", LOW_STOCK));
    }

    /** At or below this many units left, the page says "only N left". */
    static final int LOW_STOCK = 5;

    void search(Ctx ctx) {
        String lang = ctx.lang();
        String q = ctx.query("q").orElse("");
        if (q.length() > SearchService.MAX_QUERY_LENGTH) {
            throw new HttpProblem(400, "Bad Request", "error.search.too_long", Map.of("q", "error.too_long"));
        }
        ListingQuery filters = ListingParams.parse(ctx, lang, java.util.Set.of(), ListingQuery.DEFAULT_SIZE);
        String categorySlug = ctx.query("category").orElse("");
        java.util.Set<Long> categories = categorySlug.isEmpty() ? null
                : catalog.categoryWithDescendants(lang, categorySlug).orElse(java.util.Set.of());
        ctx.attribute("searchQuery", q);
        SearchResult result = null;
        if (!q.isBlank()) {
            result = search.search(new SearchRequest(q, lang, categories, filters.brandSlugs(),
                    filters.minPriceMinor(), filters.maxPriceMinor(), filters.inStockOnly(), filters.sort(),
                    filters.page(), filters.size()));
            observations.record(new Events.SearchPerformed(q, lang, (int) Math.min(Integer.MAX_VALUE,
                    result.total()), web.visitor(ctx).customerId(), null));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("q", q);
        model.put("result", result);
        model.put("query", filters);
        model.put("category", categorySlug);
        model.put("sorts", ListingQuery.Sort.values());
        model.put("pagination", result == null ? new Pagination(List.of(), null, null)
                : pagination(ctx, filters.page(), result.pageCount()));
        ctx.render("search", model);
    }

    void placeholder(Ctx ctx) {
        String file = ctx.pathParam("file");
        if (!file.matches("[1-9][0-9]{0,17}\\.svg")) {
            throw HttpProblem.notFound("no image " + file);
        }
        long id = Long.parseLong(file.substring(0, file.length() - 4));
        CatalogRepository.Tile tile = catalog.tile(id, web.defaultLocale().getLanguage());
        long colour = tile.categoryId() == null ? 0
                : catalog.categories().root(tile.categoryId()).map(CategoryTree.Node::position).orElse(0);
        ctx.resp().setHeader("Cache-Control", "public, max-age=86400");
        ctx.text(200, "image/svg+xml", PlaceholderImages.svg(tile.name(), colour));
    }

    /** Page links that keep every other query parameter (filters, sort, q). */
    static Pagination pagination(Ctx ctx, int current, int count) {
        List<PageLink> links = new ArrayList<>();
        if (count <= 1) {
            return new Pagination(links, null, null);
        }
        String base = ctx.path() + "?" + queryWithout(ctx, "page");
        int from = Math.max(1, current - 3);
        int to = Math.min(count, current + 3);
        if (from > 1) {
            links.add(new PageLink(1, base + "page=1", current == 1));
        }
        for (int i = from; i <= to; i++) {
            links.add(new PageLink(i, base + "page=" + i, i == current));
        }
        if (to < count) {
            links.add(new PageLink(count, base + "page=" + count, current == count));
        }
        String prev = current > 1 && current <= count ? base + "page=" + (current - 1) : null;
        String next = current < count ? base + "page=" + (current + 1) : null;
        return new Pagination(links, prev, next);
    }

    private static String queryWithout(Ctx ctx, String skip) {
        StringBuilder sb = new StringBuilder();
        ctx.req().getParameterMap().forEach((k, vs) -> {
            if (!k.equals(skip)) {
                for (String v : vs) {
                    if (v != null && !v.isBlank()) {
                        sb.append(Ctx.urlEncode(k)).append('=').append(Ctx.urlEncode(v)).append('&');
                    }
                }
            }
        });
        return sb.toString();
    }
}
