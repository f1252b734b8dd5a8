package io.brique.recs.eval;

import io.brique.recs.model.CoOccurrence;
import io.brique.recs.model.Model;
import io.brique.recs.model.Recommender;
import io.brique.recs.model.Rules;
import io.brique.recs.model.Strategy;
import io.brique.recs.model.Trainer;
import io.brique.recs.model.TrainingData;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The offline evaluation of the recommendations brick ({@code ./brique eval-recs}, see
 * docs/recommendations.md). It trains and serves with the plugin's own code ({@link Trainer},
 * {@link Recommender}) and compares, in the same run and with the same metrics, a popularity baseline
 * and a plain item co-occurrence baseline.
 *
 * <pre>
 * eval-recs retail [file.csv] [--cut 2011-09-01] [--months 1]   temporal split, items new to the customer
 * eval-recs beauty [Beauty.txt]                                  leave-one-out, rank against all items
 * eval-recs all                                                  both, on ../shared/datasets
 * </pre>
 */
public final class RecsEval {

    static final Path DATASETS = Path.of(System.getProperty("brique.datasets", "../../../shared/datasets"));
    static final int K = 10;

    record Metrics(String name, int users, double hr, double ndcg, double precision, double recall,
            double coverage, long trainMs, double microsPerCall) {
        String row() {
            return String.format(java.util.Locale.ROOT, "| %-34s | %6d | %.4f | %.4f | %.4f | %.4f | %.3f | %6d | %7.1f |",
                    name, users, hr, ndcg, precision, recall, coverage, trainMs, microsPerCall);
        }
    }

    /** One evaluated user: the history to recommend from (oldest first) and the products to find. */
    record Case(long[] history, Set<Long> truth) {
    }

    public static void main(String[] args) throws IOException {
        String what = args.length == 0 ? "all" : args[0];
        Map<String, String> opts = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i].substring(2), args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        if (what.equals("retail") || what.equals("all")) {
            Path file = what.equals("retail") && !positional.isEmpty() ? Path.of(positional.getFirst())
                    : DATASETS.resolve("online-retail/online_retail_2010-12_2011-09.csv");
            if (missing(file)) {
                return;
            }
            retail(file, LocalDate.parse(opts.getOrDefault("cut", "2011-09-01")),
                    Integer.parseInt(opts.getOrDefault("months", "1")), opts);
        }
        if (what.equals("beauty") || what.equals("all")) {
            Path file = what.equals("beauty") && !positional.isEmpty() ? Path.of(positional.getFirst())
                    : DATASETS.resolve("amazon-seqrec/Beauty.txt");
            if (missing(file)) {
                return;
            }
            beauty(file, opts);
        }
    }

    private static boolean missing(Path file) {
        if (!Files.isReadable(file)) {
            System.out.println("DATASET MISSING: " + file.toAbsolutePath() + " (give the file as an argument)");
            return true;
        }
        return false;
    }

    static final String HEADER = "| model                              |  users |  HR@10 | NDCG@10 |   P@10 |   R@10 | cover |  train ms | us/call |\n"
            + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

    // ---------------------------------------------------------------- Online Retail, temporal split

    static void retail(Path file, LocalDate cut, int months, Map<String, String> opts) throws IOException {
        LocalDateTime from = cut.atStartOfDay();
        LocalDateTime to = from.plusMonths(months);
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        Map<String, Long> codes = new HashMap<>();
        Map<String, List<Long>> invoiceLines = new LinkedHashMap<>();
        Map<String, Long> invoiceCustomer = new HashMap<>();
        Map<String, LocalDateTime> invoiceAt = new HashMap<>();
        int rows = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.startsWith("InvoiceNo")) {
                throw new IllegalArgumentException(file + ": expected the Online Retail header InvoiceNo,StockCode,...");
            }
            String line;
            while ((line = in.readLine()) != null) {
                List<String> f = Csv.split(line);
                if (f.size() < 8) {
                    continue;
                }
                rows++;
                String invoice = f.get(0);
                int qty;
                try {
                    qty = Integer.parseInt(f.get(3).trim());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (invoice.startsWith("C") || qty <= 0) {
                    continue; // cancellations and returns are not purchases
                }
                long product = codes.computeIfAbsent(f.get(1).trim().toUpperCase(java.util.Locale.ROOT),
                        k -> (long) codes.size() + 1);
                invoiceLines.computeIfAbsent(invoice, k -> new ArrayList<>()).add(product);
                String cust = f.get(6).trim();
                invoiceCustomer.put(invoice, cust.isEmpty() ? 0L : (long) Double.parseDouble(cust));
                invoiceAt.putIfAbsent(invoice, LocalDateTime.parse(f.get(4).trim(), fmt));
            }
        }
        List<TrainingData.Basket> train = new ArrayList<>();
        Map<Long, Set<Long>> bought = new HashMap<>();
        Map<Long, List<long[]>> historyByCustomer = new HashMap<>();
        Map<Long, Set<Long>> testBought = new HashMap<>();
        Set<Long> trainItems = new HashSet<>();
        for (var e : invoiceLines.entrySet()) {
            LocalDateTime at = invoiceAt.get(e.getKey());
            long cust = invoiceCustomer.get(e.getKey());
            long[] items = e.getValue().stream().mapToLong(Long::longValue).toArray();
            if (at.isBefore(from)) {
                train.add(new TrainingData.Basket(cust, at.toInstant(ZoneOffset.UTC), items));
                for (long it : items) {
                    trainItems.add(it);
                }
                if (cust != 0) {
                    bought.computeIfAbsent(cust, k -> new HashSet<>()).addAll(e.getValue());
                }
            } else if (at.isBefore(to) && cust != 0) {
                testBought.computeIfAbsent(cust, k -> new HashSet<>()).addAll(e.getValue());
            }
        }
        train.sort(java.util.Comparator.comparing(TrainingData.Basket::at));
        for (TrainingData.Basket b : train) {
            if (b.owner() != 0) {
                historyByCustomer.computeIfAbsent(b.owner(), k -> new ArrayList<>()).add(b.productIds());
            }
        }
        List<Case> cases = new ArrayList<>();
        int coldCustomers = 0;
        for (var e : testBought.entrySet()) {
            Set<Long> had = bought.get(e.getKey());
            if (had == null) {
                coldCustomers++;
                continue;
            }
            Set<Long> fresh = new HashSet<>(e.getValue());
            fresh.removeAll(had); // only items new to the customer count
            fresh.retainAll(trainItems); // a model cannot recommend what it never saw (counted in the README)
            if (fresh.isEmpty()) {
                continue;
            }
            List<Long> hist = new ArrayList<>();
            for (long[] basket : historyByCustomer.get(e.getKey())) {
                for (long it : basket) {
                    hist.add(it);
                }
            }
            cases.add(new Case(hist.stream().mapToLong(Long::longValue).toArray(), fresh));
        }
        Instant now = from.toInstant(ZoneOffset.UTC);
        System.out.printf("%nOnline Retail %s: %d lines, %d invoices, %d products; train before %s (%d baskets), "
                + "test %s to %s: %d customers with history and new items (%d new customers left out)%n%n",
                file.getFileName(), rows, invoiceLines.size(), codes.size(), cut, train.size(), from.toLocalDate(),
                to.toLocalDate(), cases.size(), coldCustomers);
        System.out.println(HEADER);
        run("popularity (all-time counts)", train, now, cases, trainItems.size(),
                paramsOf(CoOccurrence.Similarity.COUNT, 0, 0, 0, 0), new Recommender(1, 0),
                List.of(Strategy.POPULAR));
        run("plain item co-occurrence", train, now, cases, trainItems.size(),
                paramsOf(CoOccurrence.Similarity.COUNT, 0, 0, 0, 0), new Recommender(1, 0),
                List.of(Strategy.FOR_YOU));
        run("brick defaults: for-you", train, now, cases, trainItems.size(), Trainer.Params.defaults(),
                Recommender.defaults(), List.of(Strategy.FOR_YOU));
        if (!opts.isEmpty()) {
            run("brick with " + opts, train, now, cases, trainItems.size(),
                    tuned(opts, CoOccurrence.Similarity.JACCARD, 90, 0.5, 0, 30),
                    new Recommender(Double.parseDouble(opts.getOrDefault("recency", "0.98")), 0),
                    List.of(Strategy.FOR_YOU));
        }
    }

    // ---------------------------------------------------------------- Amazon Beauty, leave-one-out

    static void beauty(Path file, Map<String, String> opts) throws IOException {
        List<TrainingData.Basket> train = new ArrayList<>();
        List<Case> cases = new ArrayList<>();
        Set<Long> items = new HashSet<>();
        Instant t0 = Instant.parse("2020-01-01T00:00:00Z");
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 3) {
                continue;
            }
            long user = Long.parseLong(f[0]);
            long[] seq = new long[f.length - 1];
            for (int k = 1; k < f.length; k++) {
                seq[k - 1] = Long.parseLong(f[k]);
                items.add(seq[k - 1]);
            }
            // each purchase is a basket of one, one second apart: the order of the sequence is kept
            for (int k = 0; k < seq.length - 1; k++) {
                train.add(new TrainingData.Basket(user, t0.plusSeconds(k), new long[] {seq[k]}));
            }
            cases.add(new Case(java.util.Arrays.copyOf(seq, seq.length - 1), Set.of(seq[seq.length - 1])));
        }
        Instant now = t0.plusSeconds(10_000);
        System.out.printf("%nAmazon Beauty %s: %d users, %d items; leave-one-out (last item = test), ranked "
                + "against all items, history items excluded%n%n", file.getFileName(), cases.size(), items.size());
        System.out.println(HEADER);
        System.out.println("| published PopRec (S3-Rec paper)    |        | 0.0152 | 0.0068 |        |        |       |           |         |");
        System.out.println("| published GRU4Rec                  |        | 0.0283 | 0.0137 |        |        |       |           |         |");
        System.out.println("| published SASRec                   |        | 0.0605 | 0.0318 |        |        |       |           |         |");
        System.out.println("| published S3-Rec                   |        | 0.0647 | 0.0327 |        |        |       |           |         |");
        run("popularity", train, now, cases, items.size(), paramsOf(CoOccurrence.Similarity.COUNT, 0, 0, 0, 0),
                new Recommender(1, 0), List.of(Strategy.POPULAR));
        run("plain item co-occurrence", train, now, cases, items.size(),
                paramsOf(CoOccurrence.Similarity.COUNT, 0, 0, 0, 0), new Recommender(1, 0), List.of(Strategy.FOR_YOU));
        run("brick defaults: for-you", train, now, cases, items.size(), Trainer.Params.defaults(),
                Recommender.defaults(), List.of(Strategy.FOR_YOU));
        // sequences: pairs close in time count more, the next item after more than the one before
        Map<String, String> seq = new HashMap<>(Map.of("sim", "cosine", "halflife", "0", "window", "1", "forward",
                "1", "recency", "0.6"));
        seq.putAll(opts);
        run("brick, sequence settings", train, now, cases, items.size(), tuned(seq, CoOccurrence.Similarity.COSINE, 0,
                1, 1, 0), new Recommender(Double.parseDouble(seq.get("recency")), 0), List.of(Strategy.FOR_YOU));
    }

    static Trainer.Params paramsOf(CoOccurrence.Similarity s, double halfLife, double window, double forward,
            double popularityHalfLife) {
        CoOccurrence.Params related = new CoOccurrence.Params(s, halfLife, window, forward, 200, 100, 1, 0);
        CoOccurrence.Params none = CoOccurrence.Params.baskets(CoOccurrence.Similarity.COUNT, 0, 0);
        return new Trainer.Params(none, none, related, popularityHalfLife, 0, 0);
    }

    static Trainer.Params tuned(Map<String, String> o, CoOccurrence.Similarity s, double halfLife, double window,
            double forward, double popularityHalfLife) {
        CoOccurrence.Params related = new CoOccurrence.Params(
                CoOccurrence.Similarity.valueOf(o.getOrDefault("sim", s.name()).toUpperCase(java.util.Locale.ROOT)),
                Double.parseDouble(o.getOrDefault("halflife", String.valueOf(halfLife))),
                Double.parseDouble(o.getOrDefault("window", String.valueOf(window))),
                Double.parseDouble(o.getOrDefault("forward", String.valueOf(forward))),
                Integer.parseInt(o.getOrDefault("history", "200")), Integer.parseInt(o.getOrDefault("topn", "100")),
                1, Double.parseDouble(o.getOrDefault("shrink", "0")));
        CoOccurrence.Params none = CoOccurrence.Params.baskets(CoOccurrence.Similarity.COUNT, 0, 0);
        return new Trainer.Params(none, none, related,
                Double.parseDouble(o.getOrDefault("pophalflife", String.valueOf(popularityHalfLife))), 0, 0);
    }

    static Metrics run(String name, List<TrainingData.Basket> train, Instant now, List<Case> cases, int catalogSize,
            Trainer.Params params, Recommender recommender, List<Strategy> chain) {
        long t0 = System.nanoTime();
        Model model = Trainer.train(new TrainingData(train, List.of(), Map.of(), now), params);
        long trainMs = (System.nanoTime() - t0) / 1_000_000;
        Rules rules = new Rules(false, true, 0, Set.of(), Map.of(), List.of());
        double hr = 0;
        double ndcg = 0;
        double prec = 0;
        double rec = 0;
        Set<Long> shown = new HashSet<>();
        long t1 = System.nanoTime();
        for (Case c : cases) {
            List<Recommender.Result> got = recommender.recommend(model,
                    new Recommender.Ask(List.of(), c.history(), new long[0], K), chain, rules);
            int hits = 0;
            double dcg = 0;
            for (int r = 0; r < got.size(); r++) {
                long id = got.get(r).productId();
                shown.add(id);
                if (c.truth().contains(id)) {
                    hits++;
                    dcg += 1 / (Math.log(r + 2) / Math.log(2));
                }
            }
            double idcg = 0;
            for (int r = 0; r < Math.min(K, c.truth().size()); r++) {
                idcg += 1 / (Math.log(r + 2) / Math.log(2));
            }
            hr += hits > 0 ? 1 : 0;
            ndcg += dcg / idcg;
            prec += hits / (double) K;
            rec += hits / (double) c.truth().size();
        }
        double micros = (System.nanoTime() - t1) / 1000.0 / Math.max(1, cases.size());
        int n = Math.max(1, cases.size());
        Metrics m = new Metrics(name, cases.size(), hr / n, ndcg / n, prec / n, rec / n,
                shown.size() / (double) catalogSize, trainMs, micros);
        System.out.println(m.row());
        return m;
    }

    /** Splits one CSV line (double quotes, doubled quotes inside). */
    static final class Csv {
        static List<String> split(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        cur.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    out.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(ch);
                }
            }
            out.add(cur.toString());
            return out;
        }
    }
}
