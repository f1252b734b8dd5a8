package io.brique.core.web;

import io.brique.core.ops.Metrics;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Builds an unstarted Jetty server for the router (Jetty embedded style): virtual threads for
 * requests, gzip, static assets from {@code static/} on the classpath under {@code /assets/},
 * bounded forms and headers, graceful stop that lets in-flight requests finish.
 */
public final class ServerFactory {

    private ServerFactory() {
    }

    public static Server create(String host, int port, Router router, WebSupport web, Metrics metrics) {
        return create(host, port, router, web, metrics, 20L * 1024 * 1024);
    }

    /**
     * {@code maxUploadBytes}: largest file accepted in a multipart form (plugin uploads in the admin
     * console); multipart fields are then readable as parameters, so the CSRF check covers them too.
     */
    public static Server create(String host, int port, Router router, WebSupport web, Metrics metrics,
            long maxUploadBytes) {
        return create(host, port, router, web, metrics, maxUploadBytes, false);
    }

    /**
     * {@code benchBareEndpoint}: also serve {@code GET /__bench/bare}, a plain servlet answering a tiny JSON
     * document without the router, sessions or templates: the benchmark suite's ceiling of the HTTP stack in the
     * same process ({@code bench.bare-endpoint}, off by default).
     */
    public static Server create(String host, int port, Router router, WebSupport web, Metrics metrics,
            long maxUploadBytes, boolean benchBareEndpoint) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("brique-http");
        threads.setVirtualThreadsExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setMaxFormContentSize(256 * 1024);
        context.setMaxFormKeys(500);
        context.setBaseResource(ResourceFactory.of(server).newClassLoaderResource("static/"));
        ServletHolder assets = new ServletHolder("assets", DefaultServlet.class);
        assets.setInitParameter("dirAllowed", "false");
        assets.setInitParameter("pathInfoOnly", "true");
        assets.setInitParameter("cacheControl", "public, max-age=86400");
        assets.setInitParameter("etags", "true");
        context.addServlet(assets, "/assets/*");
        ServletHolder routerHolder = new ServletHolder("router", new RouterServlet(router, web, metrics));
        routerHolder.getRegistration().setMultipartConfig(new jakarta.servlet.MultipartConfigElement(
                System.getProperty("java.io.tmpdir"), maxUploadBytes, maxUploadBytes + 1024 * 1024, 1024 * 1024));
        context.addServlet(routerHolder, "/");
        if (benchBareEndpoint) {
            context.addServlet(new ServletHolder("bench-bare", new BareJsonServlet()), "/__bench/bare");
        }

        GzipHandler gzip = new GzipHandler();
        gzip.setMinGzipSize(1024);
        gzip.setHandler(context);
        Handler root = new GracefulHandler(gzip);
        server.setHandler(root);
        server.setStopTimeout(15_000);
        server.setStopAtShutdown(false);
        return server;
    }

    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
