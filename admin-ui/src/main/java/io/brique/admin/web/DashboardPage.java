package io.brique.admin.web;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.api.admin.DashboardWidget;
import io.brique.core.plugin.ExtensionRegistry;
import io.brique.core.web.Ctx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * The dashboard: core panels (contributed at boot, e.g. the key figures of the day) and the widgets
 * of enabled plugins, each call guarded and time-boxed: a slow or failing widget is left out.
 */
public final class DashboardPage {

    /** A widget as the page shows it; {@code html} is the plugin's own safe HTML. */
    public record Widget(String pluginId, String id, String html, int order) {
    }

    /** A core panel: a template fragment name under templates/admin/ and its model. */
    public record Panel(String template, Map<String, Object> model, int order) {
    }

    private final AdminRoutes routes;
    private final AdminViews views;
    private final ExtensionRegistry extensions;
    private final Duration budget;
    private final List<BiFunction<Ctx, AdminPrincipal, Panel>> panels = new CopyOnWriteArrayList<>();

    public DashboardPage(AdminRoutes routes, AdminViews views, ExtensionRegistry extensions, Duration budget) {
        this.routes = routes;
        this.views = views;
        this.extensions = extensions;
        this.budget = budget;
    }

    public void register() {
        routes.get("/admin", Permission.DASHBOARD_VIEW, this::show);
    }

    /** Adds a core panel (null from the function: nothing shown for this admin). */
    public void addPanel(BiFunction<Ctx, AdminPrincipal, Panel> panel) {
        panels.add(panel);
    }

    private void show(Ctx ctx, AdminPrincipal admin) {
        List<Panel> shown = new ArrayList<>();
        for (var p : panels) {
            Panel panel = p.apply(ctx, admin);
            if (panel != null) {
                shown.add(panel);
            }
        }
        shown.sort(Comparator.comparingInt(Panel::order));
        Map<String, Object> model = new HashMap<>();
        model.put("panels", shown);
        model.put("widgets", widgets(ctx.lang()));
        views.render(ctx, admin, 200, "dashboard", "admin.dashboard.title", model);
    }

    public List<Widget> widgets(String lang) {
        List<Widget> out = new ArrayList<>();
        for (var e : extensions.entries(DashboardWidget.class)) {
            Widget w = extensions.call(e, "dashboard-widget", budget,
                    x -> new Widget(e.owner(), x.id(), x.render(lang), x.order()), null);
            if (w != null && w.html() != null) {
                out.add(w);
            }
        }
        out.sort(Comparator.comparingInt(Widget::order).thenComparing(Widget::pluginId));
        return out;
    }
}
