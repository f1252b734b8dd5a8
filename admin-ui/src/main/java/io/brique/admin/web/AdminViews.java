package io.brique.admin.web;

import io.brique.admin.AdminPrincipal;
import io.brique.core.i18n.Messages;
import io.brique.core.web.Csrf;
import io.brique.core.web.Ctx;
import io.brique.core.web.Views;
import io.brique.core.web.WebSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders admin pages: templates under {@code templates/admin/}, texts from the {@code admin} bundles
 * (plus the core ones), and the {@link AdminLayout} model (navigation, user, languages, CSRF token,
 * flash) added to every page.
 */
public final class AdminViews {

    private final Views views;
    private final Messages messages;
    private final WebSupport web;
    private final AdminNav nav;
    private final String shopName;

    public AdminViews(Views views, Messages messages, WebSupport web, AdminNav nav, String shopName) {
        this.views = views;
        this.messages = messages;
        this.web = web;
        this.nav = nav;
        this.shopName = shopName;
    }

    public Messages messages() {
        return messages;
    }

    public AdminNav nav() {
        return nav;
    }

    /** Renders {@code templates/admin/<template>.html}; {@code titleKey} is a message key. */
    public void render(Ctx ctx, AdminPrincipal admin, int status, String template, String titleKey,
            Map<String, Object> model) {
        String title = messages.get(ctx.locale(), titleKey);
        Map<String, Object> all = new HashMap<>(model);
        all.put("layout", layout(ctx, admin, title));
        all.put("fmt", web.formats(ctx.locale()));
        all.put("lang", ctx.lang());
        write(ctx, status, views.render("admin/" + template, ctx.locale(), all));
    }

    /** Wraps a plugin's HTML fragment (already safe HTML, the plugin's responsibility) in the layout. */
    public void renderFragment(Ctx ctx, AdminPrincipal admin, int status, String title, String fragmentHtml) {
        Map<String, Object> all = new HashMap<>();
        all.put("layout", layout(ctx, admin, title == null || title.isBlank() ? shopName : title));
        all.put("fragment", fragmentHtml);
        all.put("lang", ctx.lang());
        write(ctx, status, views.render("admin/plugin-page", ctx.locale(), all));
    }

    private AdminLayout layout(Ctx ctx, AdminPrincipal admin, String title) {
        List<AdminLayout.LangOption> langs = new ArrayList<>();
        for (String l : web.languages()) {
            langs.add(new AdminLayout.LangOption(l, messages.get(Locale.forLanguageTag(l), "lang.name"),
                    l.equals(ctx.lang())));
        }
        AdminLayout.User user = admin == null ? null
                : new AdminLayout.User(admin.displayName(), admin.email(), admin.role());
        String path = ctx.path();
        String query = ctx.req().getQueryString();
        return new AdminLayout(shopName, ctx.lang(), title, langs, user, nav.items(admin, ctx.locale(), path),
                Csrf.token(ctx), Flash.take(ctx), "GET".equals(ctx.method()) && query != null ? path + "?" + query : path);
    }

    private static void write(Ctx ctx, int status, String html) {
        ctx.resp().setStatus(status);
        ctx.resp().setContentType("text/html;charset=utf-8");
        ctx.resp().setHeader("Cache-Control", "no-store");
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        ctx.resp().setContentLength(bytes.length);
        try {
            ctx.resp().getOutputStream().write(bytes);
        } catch (IOException e) {
            throw new Ctx.UncheckedIOExceptionWrapper(e);
        }
    }
}
