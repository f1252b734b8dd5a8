package io.brique.admin.web;

import io.brique.admin.AdminPrincipal;
import io.brique.admin.Permission;
import io.brique.core.web.Ctx;
import io.brique.core.web.HttpProblem;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The console's own static files ({@code static/admin/} in this module), served under
 * {@code /admin/assets/}: no CDN, no build step. Only known names, cached for a day.
 */
public final class AssetRoutes {

    private static final Map<String, String> FILES = Map.of("admin.css", "text/css;charset=utf-8",
            "admin.js", "text/javascript;charset=utf-8");

    private final AdminRoutes routes;

    public AssetRoutes(AdminRoutes routes) {
        this.routes = routes;
    }

    public void register() {
        routes.get("/admin/assets/{file}", Permission.PUBLIC, this::serve);
    }

    private void serve(Ctx ctx, AdminPrincipal admin) throws IOException {
        String file = ctx.pathParam("file");
        String type = FILES.get(file);
        if (type == null) {
            throw HttpProblem.notFound("no asset " + file);
        }
        try (InputStream in = AssetRoutes.class.getClassLoader().getResourceAsStream("static/admin/" + file)) {
            if (in == null) {
                throw HttpProblem.notFound("no asset " + file);
            }
            byte[] body = in.readAllBytes();
            ctx.resp().setStatus(200);
            ctx.resp().setContentType(type);
            ctx.resp().setHeader("Cache-Control", "public, max-age=86400");
            ctx.resp().setContentLength(body.length);
            ctx.resp().getOutputStream().write(body);
        }
    }
}
