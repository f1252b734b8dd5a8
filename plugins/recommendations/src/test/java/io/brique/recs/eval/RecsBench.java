package io.brique.recs.eval;

import io.brique.recs.model.Model;
import io.brique.recs.model.ModelCodec;
import io.brique.recs.model.Recommender;
import io.brique.recs.model.Rules;
import io.brique.recs.model.Strategy;
import io.brique.recs.model.Trainer;
import io.brique.recs.model.TrainingData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Serving latency and training time of the recommendations brick ({@code ./brique bench-recs
 * [products] [orders] [calls]}): a synthetic shop of 50,000 products (200 categories, 500 brands,
 * attributes, titles) with Zipf-distributed orders and view sessions, trained with the plugin's
 * defaults, then every placement asked many times, one thread, with the plugin's rules.
 */
public final class RecsBench {

    public static void main(String[] args) {
        int products = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int orders = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        Random rnd = new Random(42);
        Instant now = Instant.parse("2026-11-22T00:00:00Z");
        Map<Long, TrainingData.Product> catalog = new HashMap<>();
        String[] words = {"linen", "cotton", "wool", "shirt", "dress", "mug", "bowl", "lamp", "chair", "table", "blue",
                "red", "green", "small", "large", "classic", "modern", "set", "pack", "gift"};
        for (long id = 1; id <= products; id++) {
            long cat = 1 + rnd.nextInt(200);
            catalog.put(id, new TrainingData.Product(id, true, rnd.nextInt(20) != 0, List.of(cat),
                    (long) (1 + rnd.nextInt(500)), Map.of("colour", words[10 + rnd.nextInt(3)]), words[rnd.nextInt(10)]
                    + " " + words[10 + rnd.nextInt(10)] + " " + id));
        }
        // Zipf-like popularity: product rank r drawn with probability ~ 1/r; baskets of 1-5 items
        // around one category (customers buy related things)
        double[] cdf = new double[products];
        double sum = 0;
        for (int r = 0; r < products; r++) {
            sum += 1.0 / (r + 1);
            cdf[r] = sum;
        }
        List<TrainingData.Basket> ords = new ArrayList<>(orders);
        int customers = orders / 3;
        for (int o = 0; o < orders; o++) {
            int size = 1 + rnd.nextInt(5);
            long[] items = new long[size];
            for (int k = 0; k < size; k++) {
                items[k] = 1 + draw(cdf, sum, rnd);
            }
            ords.add(new TrainingData.Basket(1 + rnd.nextInt(customers), now.minus(Duration.ofMinutes(rnd.nextInt(
                    525_600))), items));
        }
        List<TrainingData.Basket> sessions = new ArrayList<>(orders);
        for (int s = 0; s < orders; s++) {
            int size = 2 + rnd.nextInt(6);
            long[] items = new long[size];
            for (int k = 0; k < size; k++) {
                items[k] = 1 + draw(cdf, sum, rnd);
            }
            sessions.add(new TrainingData.Basket(0, now.minus(Duration.ofMinutes(rnd.nextInt(100_000))), items));
        }
        System.out.printf("synthetic shop: %,d products, %,d orders, %,d view sessions%n", products, orders,
                sessions.size());
        long t0 = System.nanoTime();
        Model m = Trainer.train(new TrainingData(ords, sessions, catalog, now), Trainer.Params.defaults());
        System.out.printf("training: %,d ms; model: %,d products, coverage %.1f %%%n", (System.nanoTime() - t0)
                / 1_000_000, m.size(), m.coverage() * 100);
        long t1 = System.nanoTime();
        byte[] bytes = ModelCodec.write(m);
        long t2 = System.nanoTime();
        ModelCodec.read(bytes);
        System.out.printf("stored model: %,d bytes gzip; write %d ms, read %d ms%n", bytes.length, (t2 - t1) / 1_000_000,
                (System.nanoTime() - t2) / 1_000_000);
        Recommender rec = Recommender.defaults();
        Rules rules = Rules.defaults();
        Map<String, List<Strategy>> chains = new java.util.LinkedHashMap<>();
        chains.put("product (bought together, fallbacks)", List.of(Strategy.BOUGHT_TOGETHER, Strategy.ALSO_VIEWED,
                Strategy.SIMILAR, Strategy.TRENDING, Strategy.POPULAR));
        chains.put("product (similar first)", List.of(Strategy.SIMILAR, Strategy.TRENDING, Strategy.POPULAR));
        chains.put("cart of 3 (bought together)", List.of(Strategy.BOUGHT_TOGETHER, Strategy.FOR_YOU,
                Strategy.TRENDING, Strategy.POPULAR));
        chains.put("home (for you, 30-item history)", List.of(Strategy.FOR_YOU, Strategy.TRENDING, Strategy.POPULAR));
        for (var e : chains.entrySet()) {
            long[] nanos = new long[calls];
            boolean cart = e.getKey().startsWith("cart");
            boolean home = e.getKey().startsWith("home");
            for (int warm = 0; warm < 2; warm++) {
                for (int c = 0; c < calls; c++) {
                    List<Long> ctx = home ? List.of() : cart ? List.of(1L + draw(cdf, sum, rnd), 1L + draw(cdf, sum,
                            rnd), 1L + draw(cdf, sum, rnd)) : List.of(1L + draw(cdf, sum, rnd));
                    long[] history = new long[home ? 30 : 5];
                    for (int k = 0; k < history.length; k++) {
                        history[k] = 1 + draw(cdf, sum, rnd);
                    }
                    long s = System.nanoTime();
                    rec.recommend(m, new Recommender.Ask(ctx, history, null, 8), e.getValue(), rules);
                    nanos[c] = System.nanoTime() - s;
                }
            }
            Arrays.sort(nanos);
            System.out.printf("%-38s p50 %6.1f us  p99 %7.1f us  p99.9 %7.1f us  max %7.1f us  (%,d calls)%n",
                    e.getKey(), nanos[calls / 2] / 1000.0, nanos[(int) (calls * 0.99)] / 1000.0,
                    nanos[(int) (calls * 0.999)] / 1000.0, nanos[calls - 1] / 1000.0, calls);
        }
    }

    private static int draw(double[] cdf, double sum, Random rnd) {
        int i = Arrays.binarySearch(cdf, rnd.nextDouble() * sum);
        return Math.min(cdf.length - 1, i < 0 ? -i - 1 : i);
    }
}
