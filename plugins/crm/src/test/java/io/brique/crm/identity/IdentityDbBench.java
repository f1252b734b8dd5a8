package io.brique.crm.identity;

import io.brique.testkit.BriqueTestServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * {@code ./brique eval-identity db-bench [n]}: the plugin's own check of a new record, as a
 * registration triggers it (upsert, blocking keys, candidates read from {@code crm_identity_key},
 * scoring, pairs filed), timed one by one over n records (default 20,000) in a real shop on H2, or on
 * MariaDB with {@code -Dbrique.test.db=mariadb}. 10% of the records are near-duplicates of earlier ones.
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
            int filed = 0;
            for (int i = 0; i < n; i++) {
                String g = GIVEN[r.nextInt(GIVEN.length)], f = FAMILY[r.nextInt(FAMILY.length)];
                String email = g + "." + f + (i % 10 == 9 ? i - 1 : i) + "@" + (r.nextBoolean() ? "gmail.com" : "orange.fr");
                PersonRecord p = new PersonRecord(null, "account", g, f, email, null, null, null, null, null,
                        String.format(Locale.ROOT, "%05d", 1000 + r.nextInt(90_000)), "FR", null);
                long t = System.nanoTime();
                filed += identity.check("customer:" + i, (long) i, p).size();
                nanos[i] = System.nanoTime() - t;
            }
            long[] last = Arrays.copyOfRange(nanos, n / 2, n); // after the JIT warmed up, with a half-full table
            Arrays.sort(last);
            System.out.printf(Locale.ROOT, "db-bench (%s): %d records checked one by one, %d pairs filed; second half: "
                            + "mean %.2f ms, p50 %.2f ms, p99 %.2f ms, max %.1f ms%n", shop.brique().core().db().dsl().dialect(),
                    n, filed, Arrays.stream(last).average().orElse(0) / 1e6, last[last.length / 2] / 1e6,
                    last[(int) (last.length * 0.99)] / 1e6, last[last.length - 1] / 1e6);
        }
    }
}
