package io.brique.crm.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A synthetic customer base of n records for timing: names, streets, suburbs and postcodes drawn
 * from FEBRL's vocabulary, random birth dates, e-mails and phones; 20% of the people get one to
 * three duplicates with typos, missing fields, nicknames or swapped names. Times the batch
 * resolution and then the incremental check of each record against all the others.
 */
final class SyntheticBench {
    private SyntheticBench() {}

    static void run(Path febrlDir, int n) throws Exception {
        List<PersonRecord> vocabulary = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            Path f = febrlDir.resolve("febrl_dataset" + k + ".csv");
            if (Files.isRegularFile(f)) vocabulary.addAll(LabelledData.read(f).records());
        }
        if (vocabulary.isEmpty()) {
            System.out.println("FEBRL files not found in " + febrlDir + ": give --datasets <dir>");
            return;
        }
        List<String> given = distinct(vocabulary, 0), family = distinct(vocabulary, 1), street = distinct(vocabulary, 2),
                suburb = distinct(vocabulary, 3), postcode = distinct(vocabulary, 4);
        Random random = new Random(7);
        List<PersonRecord> records = new ArrayList<>(n);
        List<String> entities = new ArrayList<>(n);
        int person = 0;
        while (records.size() < n) {
            String g = pick(random, given), f = pick(random, family);
            String dob = String.format(Locale.ROOT, "%04d%02d%02d", 1930 + random.nextInt(75), 1 + random.nextInt(12), 1 + random.nextInt(28));
            String email = g + "." + f + random.nextInt(1000) + "@" + pick(random, List.of("gmail.com", "orange.fr", "yahoo.com", "free.fr"));
            String phone = "04" + String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
            PersonRecord original = new PersonRecord("p" + person + "-0", "account", g, f, email, phone,
                    Integer.toString(1 + random.nextInt(200)), pick(random, street), null, pick(random, suburb),
                    pick(random, postcode), "AU", dob);
            records.add(original);
            entities.add("p" + person);
            int dups = random.nextDouble() < 0.2 ? 1 + random.nextInt(3) : 0;
            for (int d = 1; d <= dups && records.size() < n; d++) {
                records.add(corrupt(random, original, "p" + person + "-" + d));
                entities.add("p" + person);
            }
            person++;
        }
        long start = System.nanoTime();
        BatchResolver.Result result = BatchResolver.defaults("AU").resolve(records);
        long batchMs = (System.nanoTime() - start) / 1_000_000;
        IdentityEval.Metrics m = IdentityEval.Metrics.of(entities, result, Thresholds.DEFAULT.review());
        System.out.printf(Locale.ROOT, "batch: %d records, %d candidate pairs, blocking keeps %.4f of %d true pairs, "
                        + "precision %.4f recall %.4f F1 %.4f, %d ms (%d oversized blocks dropped)%n",
                n, result.pairCount(), m.blockingRecall(), m.truePairs(), m.precision(), m.recall(), m.f1(), batchMs,
                result.oversizedBlocks());
        // incremental: every record checked against those before it, as registrations arrive
        IncrementalResolver incremental = new IncrementalResolver(new PersonNormalizer("AU"), result.model(),
                Thresholds.DEFAULT.review(), 500);
        for (int i = 0; i < Math.min(20_000, n); i++) incremental.add(records.get(i)); // warm-up of the JIT
        incremental = new IncrementalResolver(new PersonNormalizer("AU"), result.model(), Thresholds.DEFAULT.review(), 500);
        long[] nanos = new long[n];
        long total = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            incremental.add(records.get(i));
            nanos[i] = System.nanoTime() - t;
        }
        long totalMs = (System.nanoTime() - total) / 1_000_000;
        long[] s = IdentityEval.sorted(nanos);
        System.out.printf(Locale.ROOT, "incremental: %d records one by one in %d ms; per record mean %.1f us, p50 %.1f us, p99 %.1f us, max %.1f ms%n",
                n, totalMs, totalMs * 1000.0 / n, s[n / 2] / 1000.0, s[(int) (n * 0.99)] / 1000.0, s[n - 1] / 1e6);
    }

    private static PersonRecord corrupt(Random random, PersonRecord p, String id) {
        String g = p.givenName(), f = p.familyName(), email = p.email(), phone = p.phone(), number = p.streetNumber(),
                street = p.street(), city = p.city(), postcode = p.postcode(), dob = p.birthDate();
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            switch (random.nextInt(9)) {
                case 0 -> g = typo(random, g);
                case 1 -> f = typo(random, f);
                case 2 -> { String t = g; g = f; f = t; }
                case 3 -> email = null;
                case 4 -> phone = phone == null || random.nextBoolean() ? null : "+61 " + phone.substring(1);
                case 5 -> street = typo(random, street);
                case 6 -> postcode = typo(random, postcode);
                case 7 -> dob = dob == null ? null : dob.substring(0, 4) + dob.substring(6, 8) + dob.substring(4, 6);
                default -> city = null;
            }
        }
        return new PersonRecord(id, "guest-order", g, f, email, phone, number, street, null, city, postcode, "AU", dob);
    }

    private static String typo(Random random, String s) {
        if (s == null || s.length() < 2) return s;
        int i = random.nextInt(s.length() - 1);
        char[] c = s.toCharArray();
        switch (random.nextInt(3)) {
            case 0 -> { char t = c[i]; c[i] = c[i + 1]; c[i + 1] = t; }
            case 1 -> c[i] = (char) ('a' + random.nextInt(26));
            default -> { return s.substring(0, i) + s.substring(i + 1); }
        }
        return new String(c);
    }

    private static List<String> distinct(List<PersonRecord> rs, int field) {
        Set<String> values = new LinkedHashSet<>();
        for (PersonRecord r : rs) {
            String v = switch (field) {
                case 0 -> r.givenName();
                case 1 -> r.familyName();
                case 2 -> r.street();
                case 3 -> r.city();
                default -> r.postcode();
            };
            if (v != null) values.add(v);
        }
        return new ArrayList<>(values);
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
