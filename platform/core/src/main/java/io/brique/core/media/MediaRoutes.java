package io.brique.core.media;

import io.brique.core.web.HttpProblem;
import io.brique.core.web.Router;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code GET /media/{file}}: a stored image with a one-year immutable cache (a name always means the
 * same bytes) and its SHA-256 as ETag, so a revalidation is a 304 without a body.
 */
public final class MediaRoutes {

    private final MediaStore media;

    public MediaRoutes(MediaStore media) {
        this.media = media;
    }

    public void register(Router router) {
        router.add("GET", "/media/{file}", ctx -> {
            String name = ctx.pathParam("file");
            Path file = media.file(name).orElseThrow(() -> HttpProblem.notFound("no media " + name));
            String etag = "\"" + name.substring(0, name.indexOf('.')) + "\"";
            var resp = ctx.resp();
            resp.setHeader("Cache-Control", "public, max-age=31536000, immutable");
            resp.setHeader("ETag", etag);
            String inm = ctx.header("If-None-Match");
            if (inm != null && (inm.equals(etag) || inm.equals("W/" + etag) || inm.contains(etag))) {
                resp.setStatus(304);
                return;
            }
            resp.setStatus(200);
            resp.setContentType(MediaStore.contentType(name));
            resp.setContentLengthLong(Files.size(file));
            Files.copy(file, resp.getOutputStream());
        }, "core");
    }
}
