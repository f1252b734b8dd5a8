package io.brique.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Random;

/**
 * Realistic bench data written straight into the core tables with JDBC batches (explicit ids, one commit per
 * batch, reproducible from a seed): categories in two levels, brands, products in French and English with two
 * variants each, customers, past orders with one line each, and past analytics events.
 */
final class DataGen {

    static final String[] NOUNS = {"chemise", "pantalon", "veste", "chaussure", "sac", "lampe", "table", "chaise",
        "coussin", "tapis", "pull", "robe", "bougie", "vase", "montre", "casquette"};
    static final String[] MATERIALS = {"coton", "lin", "laine", "cuir", "bois", "verre", "soie", "velours"};
    static final String[] COLOURS = {"bleu", "rouge", "vert", "noir", "blanc", "gris", "jaune", "rose"};
    static final List<String> SEARCH_TERMS = List.of("chemise", "lampe bois", "sac cuir", "bleu", "velours rose",
            "chaussure", "table", "pull laine", "vase verre", "montre");
    private static final int BATCH = 2000;

    private DataGen() {
    }

    static void generate(Connection c, int products, int customers, int orders, long seed) throws SQLException {
        Random rnd = new Random(seed);
        c.setAutoCommit(false);
        int tops = 20;
        int children = 9;
        int categories = tops * (children + 1);
        try (PreparedStatement cat = c.prepareStatement(
                "INSERT INTO category (id, parent_id, position, status) VALUES (?, ?, ?, 'active')");
                PreparedStatement tr = c.prepareStatement("INSERT INTO category_translation (category_id, locale, name,"
                        + " slug, description) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= categories; i++) {
                boolean top = i <= tops;
                cat.setLong(1, i);
                if (top) {
                    cat.setNull(2, java.sql.Types.BIGINT);
                } else {
                    cat.setLong(2, 1 + (i - tops - 1) / children);
                }
                cat.setInt(3, i);
                cat.addBatch();
                for (String locale : new String[] {"fr", "en"}) {
                    String name = (top ? NOUNS[(i - 1) % NOUNS.length] : MATERIALS[i % MATERIALS.length]) + " " + i;
                    tr.setLong(1, i);
                    tr.setString(2, locale);
                    tr.setString(3, cap(name));
                    tr.setString(4, name.replace(' ', '-') + "-" + locale);
                    tr.setString(5, "Catégorie " + name);
                    tr.addBatch();
                }
            }
            cat.executeBatch();
            tr.executeBatch();
        }
        try (PreparedStatement b = c.prepareStatement("INSERT INTO brand (id, name, slug) VALUES (?, ?, ?)")) {
            for (int i = 1; i <= 50; i++) {
                b.setLong(1, i);
                b.setString(2, "Maison " + i);
                b.setString(3, "maison-" + i);
                b.addBatch();
            }
            b.executeBatch();
        }
        c.commit();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO product (id, handle, status, brand_id, category_id)"
                + " VALUES (?, ?, 'active', ?, ?)");
                PreparedStatement tr = c.prepareStatement("INSERT INTO product_translation (product_id, locale, name,"
                        + " slug, description) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement pc = c.prepareStatement(
                        "INSERT INTO product_category (product_id, category_id) VALUES (?, ?)");
                PreparedStatement v = c.prepareStatement("INSERT INTO variant (id, product_id, sku, position,"
                        + " price_minor, currency, stock_on_hand, weight_grams) VALUES (?, ?, ?, ?, ?, 'EUR', ?, ?)");
                PreparedStatement vo = c.prepareStatement("INSERT INTO variant_option (variant_id, option_code, locale,"
                        + " value, position) VALUES (?, 'size', ?, ?, 0)")) {
            for (int i = 1; i <= products; i++) {
                long category = tops + 1 + rnd.nextInt(categories - tops);
                String name = NOUNS[rnd.nextInt(NOUNS.length)] + " " + MATERIALS[rnd.nextInt(MATERIALS.length)] + " "
                        + COLOURS[rnd.nextInt(COLOURS.length)];
                p.setLong(1, i);
                p.setString(2, "p" + i);
                p.setLong(3, 1 + rnd.nextInt(50));
                p.setLong(4, category);
                p.addBatch();
                for (String locale : new String[] {"fr", "en"}) {
                    tr.setLong(1, i);
                    tr.setString(2, locale);
                    tr.setString(3, cap(name) + " " + i);
                    tr.setString(4, name.replace(' ', '-') + "-" + i);
                    tr.setString(5, cap(name) + ", fabriqué avec soin. Article " + i + " de la collection.");
                    tr.addBatch();
                }
                pc.setLong(1, i);
                pc.setLong(2, category);
                pc.addBatch();
                pc.setLong(1, i);
                pc.setLong(2, 1 + (category - tops - 1) / children);
                pc.addBatch();
                long price = 500 + rnd.nextInt(20000);
                for (int k = 0; k < 2; k++) {
                    long id = 2L * (i - 1) + k + 1;
                    v.setLong(1, id);
                    v.setLong(2, i);
                    v.setString(3, "SKU-" + i + (k == 0 ? "-M" : "-L"));
                    v.setInt(4, k);
                    v.setLong(5, price + k * 200);
                    v.setInt(6, 1_000_000); // the checkout bench must never run out of stock
                    v.setInt(7, 300 + rnd.nextInt(1000));
                    v.addBatch();
                    for (String locale : new String[] {"fr", "en"}) {
                        vo.setLong(1, id);
                        vo.setString(2, locale);
                        vo.setString(3, k == 0 ? "M" : "L");
                        vo.addBatch();
                    }
                }
                if (i % BATCH == 0 || i == products) {
                    p.executeBatch();
                    tr.executeBatch();
                    pc.executeBatch();
                    v.executeBatch();
                    vo.executeBatch();
                    c.commit();
                }
            }
        }
        try (PreparedStatement cu = c.prepareStatement("INSERT INTO customer (id, email, first_name, last_name, locale,"
                + " consent_marketing) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= customers; i++) {
                cu.setLong(1, i);
                cu.setString(2, "client" + i + "@example.test");
                cu.setString(3, "Prénom" + (i % 997));
                cu.setString(4, "Nom" + (i % 1999));
                cu.setString(5, i % 4 == 0 ? "en" : "fr");
                cu.setBoolean(6, i % 3 == 0);
                cu.addBatch();
                if (i % BATCH == 0 || i == customers) {
                    cu.executeBatch();
                    c.commit();
                }
            }
        }
        long now = System.currentTimeMillis();
        try (PreparedStatement o = c.prepareStatement("INSERT INTO orders (id, number, channel, status, customer_id,"
                + " email, locale, currency, subtotal_minor, shipping_minor, tax_minor, total_minor, shipping_method,"
                + " payment_method, addr_first_name, addr_last_name, addr_line1, addr_postcode, addr_city, addr_country,"
                + " placed_at) VALUES (?, ?, 'web', ?, ?, ?, 'fr', 'EUR', ?, 490, ?, ?, 'home', 'bank_transfer',"
                + " 'Ada', 'Lovelace', '1 rue de Rivoli', '75001', 'Paris', 'FR', ?)");
                PreparedStatement l = c.prepareStatement("INSERT INTO order_line (id, order_id, variant_id, product_id,"
                        + " sku, name, quantity, unit_price_minor, tax_rate_bp, line_total_minor, line_tax_minor)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 2000, ?, ?)")) {
            for (int i = 1; i <= orders; i++) {
                int customer = customers == 0 ? 0 : 1 + rnd.nextInt(customers);
                int product = 1 + rnd.nextInt(Math.max(1, products));
                int qty = 1 + rnd.nextInt(3);
                long unit = 1000 + rnd.nextInt(9000);
                long total = unit * qty;
                long tax = total - Math.round(total / 1.2);
                o.setLong(1, i);
                o.setString(2, "H" + String.format("%09d", i));
                o.setString(3, i % 10 == 0 ? "paid" : "delivered");
                if (customer == 0) {
                    o.setNull(4, java.sql.Types.BIGINT);
                } else {
                    o.setLong(4, customer);
                }
                o.setString(5, "client" + customer + "@example.test");
                o.setLong(6, total);
                o.setLong(7, tax);
                o.setLong(8, total + 490);
                o.setTimestamp(9, new Timestamp(now - (long) (rnd.nextDouble() * 730 * 86_400_000L)));
                o.addBatch();
                l.setLong(1, i);
                l.setLong(2, i);
                l.setLong(3, 2L * (product - 1) + 1);
                l.setLong(4, product);
                l.setString(5, "SKU-" + product + "-M");
                l.setString(6, "Article " + product);
                l.setInt(7, qty);
                l.setLong(8, unit);
                l.setLong(9, total);
                l.setLong(10, tax);
                l.addBatch();
                if (i % BATCH == 0 || i == orders) {
                    o.executeBatch();
                    l.executeBatch();
                    c.commit();
                }
            }
        }
        c.commit();
        if (c.getMetaData().getURL().startsWith("jdbc:h2:")) {
            // explicit ids do not move H2's identity counters: restart them after the generated rows
            restart(c, "category", categories + 1);
            restart(c, "brand", 51);
            restart(c, "product", products + 1);
            restart(c, "variant", 2L * products + 1);
            restart(c, "customer", customers + 1);
            restart(c, "orders", orders + 1);
            restart(c, "order_line", orders + 1);
        }
        c.setAutoCommit(true);
    }

    private static void restart(Connection c, String table, long next) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + table + " ALTER COLUMN id RESTART WITH " + next);
        }
        c.commit();
    }

    /** GA4-shaped add_to_cart events with one item each (the analytics brick's columns), ids from {@code firstId}. */
    static void pastEvents(Connection c, String eventTable, String itemTable, long rows, long firstId)
            throws SQLException {
        long id = firstId;
        long now = System.currentTimeMillis();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + eventTable + " (id, event_uid, occurred_at, name,"
                + " origin, visitor_key, customer_id, consented, page, referrer_host, channel, source, medium, campaign,"
                + " value_minor, currency, transaction_id, search_term, result_count, target)"
                + " VALUES (?, NULL, ?, 'add_to_cart', 'web', ?, NULL, FALSE, ?, NULL, ?, ?, NULL, NULL, 1250, 'EUR',"
                + " NULL, NULL, NULL, NULL)");
                PreparedStatement it = c.prepareStatement("INSERT INTO " + itemTable + " (event_id, idx, item_id,"
                        + " item_name, category, price_minor, quantity) VALUES (?, 0, ?, ?, ?, 1250, 1)")) {
            for (long done = 1; done <= rows; done++) {
                long eid = id++;
                s.setLong(1, eid);
                s.setTimestamp(2, new Timestamp(now - (eid % 31_536_000L) * 1000));
                s.setString(3, "a:" + Long.toHexString(eid % 100_000));
                s.setString(4, "/en/p/product-" + (eid % 500));
                s.setString(5, eid % 20 == 0 ? "organic" : null);
                s.setString(6, eid % 20 == 0 ? "www.google.com" : null);
                s.addBatch();
                it.setLong(1, eid);
                it.setString(2, "SKU-" + (eid % 500));
                it.setString(3, "Product " + (eid % 500));
                it.setString(4, "Category " + (eid % 12));
                it.addBatch();
                if (done % BATCH == 0 || done == rows) {
                    s.executeBatch();
                    it.executeBatch();
                    c.commit();
                }
            }
        }
        c.setAutoCommit(auto);
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
