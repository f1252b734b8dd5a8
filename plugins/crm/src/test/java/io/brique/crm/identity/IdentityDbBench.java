package io.brique.crm.identity;

import io.brique.testkit.BriqueTestServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code ./brique eval-identity db-bench [n]}: the plugin's own check of a new record, as a
 * registration triggers it (upsert, blocking keys, candidates read from {@code crm_identity_key},
 * scoring, pairs filed), timed one by one over n records (default 20,000) in a real shop on H2, or on
 * MariaDB with {@code -Dbrique.test.db=mariadb}. Every tenth record is a second account
 * of the previous person (capitals, another e-mail, same postcode).
 */
final class IdentityDbBench {
    private static final String[] GIVEN = {"marie", "pierre", "sophie", "lucas", "camille", "hugo", "lea", "louis", "chloe",
            "nathan", "emma", "jules", "manon", "arthur", "ines", "paul", "julie", "theo", "sarah", "tom", "alice", "leo",
            "anna", "noah", "zoe", "adam", "lina", "ethan", "rose", "gabriel"};
    private static final String[] FAMILY = {"martin", "bernard", "dubois", "thomas", "robert", "richard", "petit", "durand",
            "leroy", "moreau", "simon", "laurent", "lefebvre", "michel", "garcia", "david", "bertrand", "roux", "vincent",
            "fournier", "morel", "girard", "andre", "mercier", "dupont", "lambert", "bonnet", "francois", "martinez", "legrand"};

    private IdentityDbBench() {}

    static void run(int n) {
        try (BriqueTestServer shop = BriqueTestServer.start()) {
            shop.installFolder(Path.of("target/classes"));
            shop.enable("crm");
            IdentityService identity = new IdentityService(shop.pluginContext("crm"));
            Random r = new Random(3);
            long[] nanos = new long[n];
            int filed = 0, secondFound = 0;
            PersonRecord previous = null;
            for (int i = 0; i < n; i++) {
                PersonRecord p;
                if (i % 10 == 9) {
                    // a second account of the previous person: capitals, another e-mail, same postcode
                    p = new PersonRecord(null, "account", previous.givenName(), previous.familyName().toUpperCase(Locale.ROOT),
                            previous.email().replace("@", ".bis@"), null, null, null, null, null, previous.postcode(), "FR", null);
                } else {
                    String g = GIVEN[r.nextInt(GIVEN.length)], f = FAMILY[r.nextInt(FAMILY.length)];
                    p = new PersonRecord(null, "account", g, f, g + "." + f + i + "@" + (r.nextBoolean() ? "gmail.com" : "orange.fr"),
                            null, null, null, null, null, String.format(Locale.ROOT, "%05d", 1000 + r.nextInt(90_000)), "FR", null);
                }
                previous = p;
                long t = System.nanoTime();
                List<IdentityService.Filed> found = identity.check("customer:" + i, (long) i, p);
                filed += found.size();
                String previousKey = "customer:" + (i - 1);
                if (i % 10 == 9 && found.stream().anyMatch(x -> x.otherRecordKey().equals(previousKey))) secondFound++;
                nanos[i] = System.nanoTime() - t;
            }
            long[] last = Arrays.copyOfRange(nanos, n / 2, n); // after the JIT warmed up, with a half-full table
            Arrays.sort(last);
            System.out.printf(Locale.ROOT, "db-bench (%s): %d records checked one by one, %d pairs filed, %d of %d second accounts found; second half: "
                            + "mean %.2f ms, p50 %.2f ms, p99 %.2f ms, max %.1f ms%n", shop.brique().core().db().dsl().dialect(),
                    n, filed, secondFound, n / 10, Arrays.stream(last).average().orElse(0) / 1e6, last[last.length / 2] / 1e6,
                    last[(int) (last.length * 0.99)] / 1e6, last[last.length - 1] / 1e6);
        }
    }
}
