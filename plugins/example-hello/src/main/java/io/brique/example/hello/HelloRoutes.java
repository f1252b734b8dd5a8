package io.brique.example.hello;

import io.brique.api.text.Escape;

import io.brique.api.http.PluginRequest;
import io.brique.api.http.PluginResponse;
import io.brique.api.http.PluginRoutes;
import io.brique.api.plugin.PluginContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/**
 * The plugin's HTTP routes, mounted by the host under its namespace:
 * {@code GET /api/v1/plugins/example-hello/greetings} (JSON) and the storefront page
 * {@code GET /{locale}/x/example-hello/}. Handlers stay thin: read, then answer.
 */
@Extension
public class HelloRoutes implements PluginRoutes {

    private final PluginContext context;

    public HelloRoutes(PluginContext context) {
        this.context = context;
    }

    @Override
    public void register(Registrar routes) {
        routes.get(Area.API, "/greetings", this::greetingsJson);
        routes.get(Area.STOREFRONT, "/", this::page);
    }

    private PluginResponse greetingsJson(PluginRequest request) throws SQLException {
        StringBuilder json = new StringBuilder("{\"greeting\":")
                .append(Escape.json(HelloSettings.greeting(context.settings())))
                .append(",\"ordersCounted\":").append(ordersCounted())
                .append(",\"greetings\":[");
        List<Greeting> all = greetings();
        for (int i = 0; i < all.size(); i++) {
            Greeting g = all.get(i);
            json.append(i == 0 ? "" : ",").append("{\"locale\":").append(Escape.json(g.locale()))
                    .append(",\"text\":").append(Escape.json(g.text())).append('}');
        }
        return PluginResponse.json(200, json.append("]}").toString());
    }

    private PluginResponse page(PluginRequest request) throws SQLException {
        // request.locale() is the storefront language of the URL (fr, en)
        String text = greetings().stream().filter(g -> g.locale().equals(request.locale())).map(Greeting::text)
                .findFirst().orElse(HelloSettings.greeting(context.settings()));
        String html = "<!doctype html><html lang=\"" + Escape.html(request.locale()) + "\"><head><meta charset=\"utf-8\">"
                + "<title>example-hello</title></head><body><h1 class=\"example-hello\">" + Escape.html(text)
                + "</h1><p>" + ordersCounted() + " orders</p></body></html>";
        return PluginResponse.html(200, html);
    }

    record Greeting(String locale, String text) {
    }

    private List<Greeting> greetings() throws SQLException {
        // Only the plugin's own tables, always through its prefix.
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT locale, text FROM " + context.tablePrefix()
                        + "greeting ORDER BY id");
                ResultSet rs = s.executeQuery()) {
            List<Greeting> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Greeting(rs.getString(1), rs.getString(2)));
            }
            return out;
        }
    }

    private long ordersCounted() throws SQLException {
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + context.tablePrefix() + "orders");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
