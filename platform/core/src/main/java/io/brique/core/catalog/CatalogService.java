package io.brique.core.catalog;

import io.brique.core.catalog.Views.BrandFacet;
import io.brique.core.catalog.Views.Crumb;
import io.brique.core.catalog.Views.Facet;
import io.brique.core.catalog.Views.Page;
import io.brique.core.catalog.Views.ProductSummary;
import io.brique.core.catalog.Views.ProductView;
import io.brique.core.error.NotFoundException;
import io.brique.core.web.LayoutModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Storefront and API reads of the catalog. The category tree lives in memory and is swapped as a
 * whole by {@link #catalogChanged()}; product pages are immutable {@link ProductView}s so a cache
 * can be put in front of {@link #product} without changing callers.
 */
public final class CatalogService {

    private final CatalogRepository repo;
    private final ProductViewCache cache;
    private volatile CategoryTree tree = CategoryTree.EMPTY;
    private volatile Set<String> filterableAttributes = Set.of();
    private final List<ChangeListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Told on this node when the catalog changes as a whole or some products change (search index). */
    public interface ChangeListener {
        void catalogChanged();

        void productsChanged(java.util.Collection<Long> productIds);
    }

    public void addChangeListener(ChangeListener listener) {
        listeners.add(listener);
    }

    public CatalogService(CatalogRepository repo, ProductViewCache cache) {
        this.repo = repo;
        this.cache = cache;
        catalogChanged();
    }

    /** Reloads what is kept in memory (category tree, filterable attributes) and empties the page cache. */
    public void catalogChanged() {
        tree = new CategoryTree(repo.activeCategories());
        filterableAttributes = repo.filterableAttributeCodes();
        cache.clear();
        listeners.forEach(ChangeListener::catalogChanged);
    }

    /** Some products changed (written on this node, or an event from another): caches and listeners follow. */
    public void productsChanged(java.util.Collection<Long> productIds) {
        productIds.forEach(cache::evict);
        listeners.forEach(l -> l.productsChanged(productIds));
    }

    public CategoryTree categories() {
        return tree;
    }

    public Set<String> filterableAttributes() {
        return filterableAttributes;
    }

    /** Header navigation: the top-level categories of a locale. */
    public List<LayoutModel.NavItem> navigation(String lang) {
        List<LayoutModel.NavItem> out = new ArrayList<>();
        for (CategoryTree.Node n : tree.roots()) {
            if (n.slug(lang) != null) {
                out.add(new LayoutModel.NavItem(n.name(lang), categoryUrl(lang, n.slug(lang))));
            }
        }
        return out;
    }

    public static String categoryUrl(String lang, String slug) {
        return "/" + lang + "/c/" + slug;
    }

    public static String productUrl(String lang, String slug) {
        return "/" + lang + "/p/" + slug;
    }

    /** A category page: the category, its trail, its subcategories, one page of products, facets. */
    public record CategoryPage(CategoryTree.Node category, String name, List<Crumb> breadcrumb,
            List<CategoryTree.CategoryView> subcategories, Page<ProductSummary> products, List<BrandFacet> brands,
            List<Facet> facets, java.util.Map<String, String> slugs) {
    }

    public CategoryPage category(String slug, ListingQuery filters) {
        String lang = filters.lang();
        CategoryTree t = tree;
        CategoryTree.Node node = t.bySlug(lang, slug).orElseThrow(() -> new NotFoundException("no category " + slug));
        Set<Long> ids = t.withDescendants(node.id());
        Page<ProductSummary> products = list(filters.withCategories(ids));
        List<CategoryTree.CategoryView> subs = new ArrayList<>();
        for (CategoryTree.Node c : t.children(node.id())) {
            if (c.slug(lang) != null) {
                subs.add(new CategoryTree.CategoryView(c.id(), c.name(lang), c.slug(lang), List.of()));
            }
        }
        return new CategoryPage(node, node.name(lang), breadcrumb(t, node.id(), lang, false), subs, products,
                repo.brandFacets(lang, ids, filters.brandSlugs()),
                repo.attributeFacets(lang, ids, filters.attributes()), node.slugs());
    }

    /** One page of visible products; a page past the end is empty, not an error. */
    public Page<ProductSummary> list(ListingQuery q) {
        CatalogRepository.IdPage ids = repo.listIds(q);
        return new Page<>(repo.summaries(ids.ids(), q.lang()), ids.total(), q.page(), q.size());
    }

    /**
     * The home page selection: the first products (featured order) of each top-level category, so
     * every department shows; falls back to the whole catalog when there are no categories.
     */
    public List<ProductSummary> homeSelection(String lang, int perCategory, int max) {
        CategoryTree t = tree;
        List<Long> ids = new ArrayList<>();
        for (CategoryTree.Node root : t.roots()) {
            if (ids.size() >= max) {
                break;
            }
            ListingQuery q = ListingQuery.simple(lang, 1, perCategory).withCategories(t.withDescendants(root.id()));
            for (Long id : repo.listIds(q).ids()) {
                if (!ids.contains(id) && ids.size() < max) {
                    ids.add(id);
                }
            }
        }
        if (ids.isEmpty()) {
            return list(ListingQuery.simple(lang, 1, max)).items();
        }
        return repo.summaries(ids, lang);
    }

    /** Summaries of given products in the given order (search engines return ids). */
    public List<ProductSummary> summaries(List<Long> ids, String lang) {
        return repo.summaries(ids, lang);
    }

    /** Resolves a category slug of a locale (API filter); empty when unknown. */
    public Optional<Set<Long>> categoryWithDescendants(String lang, String slug) {
        CategoryTree t = tree;
        return t.bySlug(lang, slug).map(n -> t.withDescendants(n.id()));
    }

    public ProductView productBySlug(String lang, String slug) {
        if (slug.length() > 255) {
            throw new NotFoundException("no product with such a long slug");
        }
        Long id = cache.idBySlug(lang, slug);
        if (id == null) {
            id = repo.productIdBySlug(lang, slug).orElseThrow(() -> new NotFoundException("no product " + slug));
            cache.putSlug(lang, slug, id);
        }
        return product(id, lang);
    }

    /**
     * A visible product in a locale, or {@link NotFoundException}. The page content comes from the
     * cache; stock is read fresh every time (one small query), so availability is never stale.
     */
    public ProductView product(long id, String lang) {
        ProductView cached = cache.get(id, lang);
        if (cached != null) {
            Map<Long, Integer> available = repo.availability(id);
            ProductView fresh = cached.withAvailability(available);
            if (fresh != null) {
                return fresh;
            }
            cache.evict(id); // variants were added or removed: rebuild
        }
        CatalogRepository.DetailParts d = repo.detail(id, lang)
                .orElseThrow(() -> new NotFoundException("no product " + id));
        List<Crumb> crumbs = d.categoryId() == null ? List.of() : breadcrumb(tree, d.categoryId(), lang, true);
        ProductView view = new ProductView(d.id(), d.handle(), lang, d.name(), d.slug(), d.description(), d.brand(),
                d.categoryId(), d.taxClass(), d.variants(), d.images(), d.attributes(), crumbs, d.slugs());
        cache.put(view);
        return view;
    }

    private static List<Crumb> breadcrumb(CategoryTree t, long categoryId, String lang, boolean includeLast) {
        List<Crumb> out = new ArrayList<>();
        List<CategoryTree.Node> path = t.path(categoryId);
        for (int i = 0; i < path.size(); i++) {
            CategoryTree.Node n = path.get(i);
            boolean last = i == path.size() - 1;
            if (n.slug(lang) == null || last && !includeLast) {
                continue;
            }
            out.add(new Crumb(n.name(lang), categoryUrl(lang, n.slug(lang))));
        }
        return out;
    }

    public CatalogRepository.Tile tile(long id, String lang) {
        return repo.tile(id, lang).orElseThrow(() -> new NotFoundException("no product " + id));
    }

    public long productCount() {
        return repo.productCount();
    }
}
