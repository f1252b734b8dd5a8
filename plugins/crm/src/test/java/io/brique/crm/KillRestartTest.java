package io.brique.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kill-and-restart: a shop in a child JVM ({@link ShopProcess}) places a burst of orders while its
 * CRM plugin delivers them to the fake CRM (which also fails 5% of requests); the process is killed
 * with SIGKILL at random moments, restarted on the same database, and in the end the CRM holds every
 * order exactly once (after idempotent receipt), each customer's orders in order.
 * {@code -Dcrm.kill.orders=1000 -Dcrm.kill.kills=6} runs the full-size version (docs/crm.md).
 */
@Tag("db")
class KillRestartTest {

    static final int ORDERS = Integer.getInteger("crm.kill.orders", 300);
    static final int KILLS = Integer.getInteger("crm.kill.kills", 3);

    @Test
    void everyOrderReachesTheCrmExactlyOnceDespiteKills() throws Exception {
        Map<String, String> db = TestDatabases.fresh();
        Path data = Files.createTempDirectory("crm-kill");
        if (!TestDatabases.isMariaDb()) {
            db.put("db.url", "jdbc:h2:file:" + data.resolve("shop") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE"
                    + ";DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE,KEY,POSITION;WRITE_DELAY=0"); // as the shop's default
        }
        Random random = new Random();
        try (FakeCrm crm = new FakeCrm(CrmSyncTest.SECRET, CrmSyncTest.TOKEN)) {
            crm.always(r -> ThreadLocalRandom.current().nextInt(20) == 0, FakeCrm.Answer.status(500));
            int kills = 0;
            List<String> resumes = new ArrayList<>();
            for (int run = 0; run <= KILLS; run++) {
                Child child = Child.start(db, data, crm.url("/hook"), run);
                try {
                    child.awaitLine("READY", 180);
                    resumes.add(child.lastLines(1000).stream().filter(l -> l.startsWith("READY")).findFirst()
                            .orElseThrow().substring("READY ".length()));
                    if (run < KILLS) {
                        // somewhere in the burst: while placing orders and delivering them
                        Thread.sleep(500 + random.nextInt(2500));
                        child.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                        kills++;
                        continue;
                    }
                    child.awaitLine("PUBLISHED", 300);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                    while (orders(crm).size() < ORDERS && System.nanoTime() < deadline) {
                        Thread.sleep(200);
                    }
                } finally {
                    child.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
            Set<Integer> got = orders(crm);
            Set<Integer> expected = new TreeSet<>();
            for (int i = 1; i <= ORDERS; i++) {
                expected.add(i);
            }
            assertEquals(expected, got, "every order placed reached the CRM");
            // exactly once after idempotent receipt: one applied message per order
            List<Integer> applied = new ArrayList<>();
            Map<String, List<Integer>> perCustomer = new HashMap<>();
            synchronized (crm.applied) {
                for (String body : crm.applied.values()) {
                    Map<String, Object> m = CrmSyncTest.json(body);
                    int n = number(m);
                    applied.add(n);
                    perCustomer.computeIfAbsent((String) m.get("customerKey"), k -> new ArrayList<>()).add(n);
                }
            }
            assertEquals(ORDERS, applied.size(), "no order applied twice under two ids");
            perCustomer.forEach((k, list) -> assertEquals(list.stream().sorted().toList(), list,
                    "orders of " + k + " applied in order"));
            int requests = crm.received("/hook").size();
            System.out.printf("kill-restart: %d orders, %d kills, %d requests received (%d duplicates or failed),"
                    + " all applied once; runs started at %s%n", ORDERS, kills, requests, requests - ORDERS, resumes);
            assertTrue(requests >= ORDERS);
        } finally {
            TestDatabases.drop(db);
        }
    }

    @SuppressWarnings("unchecked")
    static int number(Map<String, Object> m) {
        return Integer.parseInt(((String) ((Map<String, Object>) m.get("data")).get("number")).substring(1));
    }

    static Set<Integer> orders(FakeCrm crm) {
        Set<Integer> out = new TreeSet<>();
        synchronized (crm.applied) {
            for (String body : crm.applied.values()) {
                out.add(number(CrmSyncTest.json(body)));
            }
        }
        return out;
    }

    /** The child JVM and what it printed. */
    record Child(Process process, List<String> lines, AtomicBoolean ended) {

        static Child start(Map<String, String> db, Path data, String hook, int run) throws Exception {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
            for (String k : List.of("db.url", "db.user", "db.password")) {
                cmd.add("-D" + k + "=" + db.getOrDefault(k, ""));
            }
            cmd.add("-Ddata.dir=" + data);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ShopProcess.class.getName(),
                    Integer.toString(ORDERS), hook, CrmSyncTest.SECRET, Path.of("target/classes").toAbsolutePath()
                            .toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            Process p = pb.start();
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean ended = new AtomicBoolean();
            Path log = data.resolve("child-" + run + ".log");
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8)); var w = Files.newBufferedWriter(log)) {
                    for (String line; (line = r.readLine()) != null;) {
                        lines.add(line);
                        w.write(line);
                        w.newLine();
                    }
                } catch (IOException ignored) {
                    // killed
                } finally {
                    ended.set(true);
                }
            });
            return new Child(p, lines, ended);
        }

        void awaitLine(String prefix, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            AtomicInteger seen = new AtomicInteger();
            while (System.nanoTime() < deadline) {
                synchronized (lines) {
                    if (lines.stream().anyMatch(l -> l.startsWith(prefix))) {
                        return;
                    }
                    seen.set(lines.size());
                }
                if (!process.isAlive()) {
                    throw new AssertionError("the shop process exited: " + String.join("\n", lastLines(40)));
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no " + prefix + " from the shop process after " + seconds + " s: "
                    + String.join("\n", lastLines(40)));
        }

        List<String> lastLines(int n) {
            synchronized (lines) {
                return List.copyOf(lines.subList(Math.max(0, lines.size() - n), lines.size()));
            }
        }
    }
}
