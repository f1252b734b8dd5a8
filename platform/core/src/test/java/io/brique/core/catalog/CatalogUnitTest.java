package io.brique.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pure logic, no database. */
class CatalogUnitTest {

    private static CategoryTree.Node node(long id, Long parent, int pos, String fr) {
        return new CategoryTree.Node(id, parent, pos, Map.of("fr", fr, "en", fr + "-en"),
                Map.of("fr", fr.toLowerCase(), "en", fr.toLowerCase() + "-en"));
    }

    @Test
    void categoryTree() {
        CategoryTree t = new CategoryTree(List.of(node(1, null, 1, "B"), node(2, null, 0, "A"), node(3, 1L, 0, "B1"),
                node(4, 3L, 0, "B11"), node(5, 99L, 0, "Orphan")));
        assertEquals(List.of(2L, 1L), t.roots().stream().map(CategoryTree.Node::id).toList(), "ordered by position");
        assertEquals(Set.of(1L, 3L, 4L), t.withDescendants(1));
        assertEquals(List.of(1L, 3L, 4L), t.path(4).stream().map(CategoryTree.Node::id).toList());
        assertEquals(4L, t.bySlug("en", "b11-en").orElseThrow().id());
        assertTrue(t.bySlug("fr", "orphan").isEmpty(), "a branch under a missing parent is hidden");
        assertEquals("B1-en", t.view("en").get(1).children().getFirst().name());
    }

    @Test
    void listingQueryBounds() {
        assertThrows(IllegalArgumentException.class, () -> ListingQuery.simple("fr", 0, 24));
        assertThrows(IllegalArgumentException.class, () -> ListingQuery.simple("fr", 1, 101));
        assertEquals(48, ListingQuery.simple("fr", 3, 24).offset());
        assertEquals(ListingQuery.Sort.PRICE_DESC, ListingQuery.Sort.parse("price_desc").orElseThrow());
        assertTrue(ListingQuery.Sort.parse("PRICE_DESC").isEmpty());
    }

    @Test
    void placeholderSvg() {
        assertEquals("CL", PlaceholderImages.initials("Chemise en lin"));
        assertEquals("SB", PlaceholderImages.initials("Stoneware bowl"));
        String svg = PlaceholderImages.svg("Bol <script>", 3);
        assertTrue(svg.startsWith("<svg"));
        assertTrue(svg.contains("&lt;script&gt;"), "names are escaped");
        assertEquals(PlaceholderImages.svg("Bol", 3), PlaceholderImages.svg("Bol", 3), "deterministic");
    }

    @Test
    void slugs() {
        assertEquals("t-shirt-raye-en-coton", Slugs.of("T-shirt rayé en coton", 200));
        assertEquals("coeur-d-ete", Slugs.of("Cœur d’été", 200));
        assertEquals("abc", Slugs.of("abc-def", 4));
    }
}
