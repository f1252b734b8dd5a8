package io.brique.core.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Benchmark-only: the cheapest JSON answer Jetty can give in this process (no router, no session, no
 * template). Registered only when {@code bench.bare-endpoint=true}; the benchmark suite compares
 * product pages against it.
 */
final class BareJsonServlet extends HttpServlet {

    private static final byte[] BODY = "{\"ok\":true,\"name\":\"bare\",\"price\":{\"minor\":1250,\"currency\":\"EUR\"}}"
            .getBytes(StandardCharsets.UTF_8);

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json");
        resp.setContentLength(BODY.length);
        resp.getOutputStream().write(BODY);
    }
}
