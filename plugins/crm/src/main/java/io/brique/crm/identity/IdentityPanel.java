package io.brique.crm.identity;

import io.brique.api.admin.CustomerPanel;
import io.brique.api.plugin.PluginContext;
import io.brique.crm.quality.DataQuality;
import io.brique.crm.quality.Suggestion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** On the admin page of a customer: the likely duplicates and the data-quality suggestions for what we know of them. */
@Extension
public class IdentityPanel implements CustomerPanel {
    private final PluginContext context;
    private final IdentityService identity;
    private final QualityTexts texts = new QualityTexts();

    public IdentityPanel(PluginContext context) {
        this.context = context;
        this.identity = new IdentityService(context);
    }

    @Override
    public String id() {
        return "identity";
    }

    @Override
    public String title(String lang) {
        return "fr".equals(lang) ? "Doublons et qualité des données" : "Duplicates and data quality";
    }

    @Override
    public String permission() {
        return IdentityRoutes.PERMISSION;
    }

    @Override
    public String render(long customerId, String lang) {
        IdentityService.CustomerView view = identity.customer(customerId);
        List<Map<String, String>> suggestions = new ArrayList<>();
        view.identity().ifPresent(p -> {
            DataQuality quality = new DataQuality(IdentitySettings.country(context.settings()));
            for (Suggestion s : quality.check(p.email(), p.phone(), p.givenName(), p.familyName(), p.postcode(), p.country())) {
                suggestions.add(Map.of("field", s.field(), "original", s.original(), "message", texts.message(lang, s)));
            }
        });
        Map<String, Object> m = new HashMap<>();
        m.put("pairs", view.pairs());
        m.put("suggestions", suggestions);
        m.put("known", view.identity().isPresent());
        return context.templates().renderFragment("admin/identity/pages", "panel", lang, m);
    }
}
