package io.brique.recs;

import io.brique.api.admin.AdminNavigation;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** The brick's admin menu entries and the permission its pages need. */
@Extension
public class RecsNavigation implements AdminNavigation {

    @Override
    public List<Entry> entries() {
        return List.of(
                new Entry(Map.of("fr", "Recommandations", "en", "Recommendations"), "/", RecsRoutes.PERMISSION, 70),
                new Entry(Map.of("fr", "Aperçu des recommandations", "en", "Recommendation preview"), "/preview",
                        RecsRoutes.PERMISSION, 71),
                new Entry(Map.of("fr", "Expériences A/B", "en", "A/B experiments"), "/experiments",
                        RecsRoutes.PERMISSION, 72),
                new Entry(Map.of("fr", "Évaluation hors ligne", "en", "Offline evaluation"), "/evaluation",
                        RecsRoutes.PERMISSION, 73));
    }

    @Override
    public List<String> permissions() {
        return List.of(RecsRoutes.PERMISSION);
    }
}
