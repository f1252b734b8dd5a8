package io.brique.core.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The active category tree, immutable, held in memory by {@link CatalogService} and replaced as a
 * whole when the catalog changes (readers never lock, never see a half-built tree).
 */
public final class CategoryTree {

    /** One category with its texts per locale. */
    public record Node(long id, Long parentId, int position, Map<String, String> names, Map<String, String> slugs) {
        public String name(String lang) {
            return names.getOrDefault(lang, names.values().stream().findFirst().orElse(""));
        }

        public String slug(String lang) {
            return slugs.get(lang);
        }
    }

    /** A category as the storefront and the API show it in one locale, with its children. */
    public record CategoryView(long id, String name, String slug, List<CategoryView> children) {
    }

    public static final CategoryTree EMPTY = new CategoryTree(List.of());

    private final Map<Long, Node> byId = new HashMap<>();
    private final Map<Long, List<Node>> children = new HashMap<>();
    private final List<Node> roots = new ArrayList<>();
    private final Map<String, Map<String, Node>> bySlug = new HashMap<>();

    public CategoryTree(List<Node> nodes) {
        for (Node n : nodes) {
            byId.put(n.id(), n);
        }
        Comparator<Node> order = Comparator.comparingInt(Node::position).thenComparingLong(Node::id);
        for (Node n : nodes) {
            // A node whose parent is missing (inactive) is hidden with its whole branch.
            if (n.parentId() == null) {
                roots.add(n);
            } else if (byId.containsKey(n.parentId())) {
                children.computeIfAbsent(n.parentId(), k -> new ArrayList<>()).add(n);
            }
        }
        roots.sort(order);
        children.values().forEach(l -> l.sort(order));
        for (Node n : nodes) {
            if (reachable(n)) {
                n.slugs().forEach((lang, slug) -> bySlug.computeIfAbsent(lang, k -> new HashMap<>()).put(slug, n));
            }
        }
    }

    private boolean reachable(Node n) {
        Node cur = n;
        for (int depth = 0; depth < 64 && cur != null; depth++) {
            if (cur.parentId() == null) {
                return true;
            }
            cur = byId.get(cur.parentId());
        }
        return false;
    }

    public Optional<Node> bySlug(String lang, String slug) {
        return Optional.ofNullable(bySlug.getOrDefault(lang, Map.of()).get(slug));
    }

    /** Every category, in no particular order. */
    public java.util.Collection<Node> all() {
        return java.util.Collections.unmodifiableCollection(byId.values());
    }

    public Optional<Node> byId(long id) {
        Node n = byId.get(id);
        return n != null && reachable(n) ? Optional.of(n) : Optional.empty();
    }

    public List<Node> roots() {
        return Collections.unmodifiableList(roots);
    }

    public List<Node> children(long id) {
        return children.getOrDefault(id, List.of());
    }

    /** The category and all categories below it (for listings that include subcategories). */
    public Set<Long> withDescendants(long id) {
        Set<Long> out = new LinkedHashSet<>();
        List<Long> todo = new ArrayList<>(List.of(id));
        while (!todo.isEmpty()) {
            long cur = todo.removeLast();
            if (out.add(cur)) {
                children(cur).forEach(c -> todo.add(c.id()));
            }
        }
        return out;
    }

    /** From the top-level category down to this one. */
    public List<Node> path(long id) {
        List<Node> out = new ArrayList<>();
        Node cur = byId.get(id);
        for (int depth = 0; depth < 64 && cur != null; depth++) {
            out.addFirst(cur);
            cur = cur.parentId() == null ? null : byId.get(cur.parentId());
        }
        return out;
    }

    /** The top-level ancestor (used to colour placeholder images). */
    public Optional<Node> root(long id) {
        List<Node> p = path(id);
        return p.isEmpty() ? Optional.empty() : Optional.of(p.getFirst());
    }

    /** The tree in one locale; categories without a text in that locale are left out. */
    public List<CategoryView> view(String lang) {
        return view(roots, lang);
    }

    private List<CategoryView> view(List<Node> nodes, String lang) {
        List<CategoryView> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.slug(lang) != null) {
                out.add(new CategoryView(n.id(), n.name(lang), n.slug(lang), view(children(n.id()), lang)));
            }
        }
        return List.copyOf(out);
    }
}
