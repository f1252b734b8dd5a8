package io.brique.synonyms;

import io.brique.api.admin.AdminNavigation;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** The brick's entries in the admin console menu, and the permission its admin pages need. */
@Extension
public class SynonymsNavigation implements AdminNavigation {

    @Override
    public List<Entry> entries() {
        return List.of(
                new Entry(Map.of("fr", "Synonymes", "en", "Synonyms"), "/", SynonymsRoutes.PERMISSION, 60),
                new Entry(Map.of("fr", "Suggestions de synonymes", "en", "Synonym suggestions"),
                        "/suggestions/inbox", SynonymsRoutes.PERMISSION, 61),
                new Entry(Map.of("fr", "Rapport de recherche", "en", "Search report"), "/report",
                        SynonymsRoutes.PERMISSION, 62));
    }

    @Override
    public List<String> permissions() {
        return List.of(SynonymsRoutes.PERMISSION);
    }
}
