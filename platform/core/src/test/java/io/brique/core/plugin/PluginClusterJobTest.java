package io.brique.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.PluginJarBuilder;
import io.brique.core.testing.TestApp;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one database run the same plugin: a once-per-cluster job runs on one node at a time
 * (and moves to the other node when its holder stops), an ordinary job runs on both.
 */
@Tag("db")
class PluginClusterJobTest {

    // Each node's plugin instance writes its own random tag, so rows tell which node ran the job.
    static final String MAIN = """
            package test.jobs;
            import io.brique.api.plugin.*;
            public class JobsPlugin extends BriquePlugin {
                private final String node = java.util.UUID.randomUUID().toString();
                public JobsPlugin(PluginContext c) { super(c); }
                @Override public void start() {
                    context().schedule("once", java.time.Duration.ofMillis(100), true, () -> record("once"));
                    context().schedule("everywhere", java.time.Duration.ofMillis(100), false, () -> record("all"));
                }
                private void record(String job) {
                    try (var c = context().dataSource().getConnection();
                         var s = c.prepareStatement("insert into jobs_run (job, node) values (?, ?)")) {
                        s.setString(1, job);
                        s.setString(2, node);
                        s.executeUpdate();
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void onceperClusterJobsRunOnOneNodeAndFailOver() throws Exception {
        Map<String, String> fast = Map.of("plugins.sync-interval", "200ms");
        try (TestApp a = TestApp.start(fast)) {
            a.app().plugins().install(PluginJarBuilder.plugin("jobs", "1.0.0")
                    .pluginClass("test.jobs.JobsPlugin", MAIN)
                    .resource("db/migration/plugin/jobs/V1__runs.sql",
                            "CREATE TABLE jobs_run (id BIGINT AUTO_INCREMENT PRIMARY KEY, job VARCHAR(20) NOT NULL,"
                                    + " node VARCHAR(40) NOT NULL);\n")
                    .build(dir));
            a.app().plugins().enable("jobs");
            try (TestApp b = TestApp.startOn(a.dbConfig(), fast)) {
                assertTrue(b.app().plugins().isActive("jobs"));
                waitFor(() -> nodes(a, "all").size() == 2, "both nodes run the ordinary job");
                long mark = maxId(a);
                waitFor(() -> count(a, "once", mark) >= 20, "the once-per-cluster job keeps running");
                Set<String> onceNodes = nodesAfter(a, "once", mark);
                assertEquals(1, onceNodes.size(), "once-per-cluster job ran on one node at a time: " + onceNodes);

                // the holder node stops: the other node takes the job over
                String leaseOwner = a.app().core().db().dsl().select(DSL.field("owner", String.class))
                        .from(DSL.table("cluster_lease")).where(DSL.field("name").eq("plugin:jobs:once"))
                        .fetchOne(0, String.class);
                TestApp holder = leaseOwner.equals(a.app().core().nodeId()) ? a : b;
                TestApp other = holder == a ? b : a;
                assertEquals(other == b ? a.app().core().nodeId() : b.app().core().nodeId(), leaseOwner);
                holder.handDatabaseTo(other);
                long before = maxId(other);
                holder.close();
                waitFor(() -> count(other, "once", before) >= 5
                        && !nodesAfter(other, "once", before).equals(onceNodes), "the other node took the job over");
            }
        }
    }

    private static long maxId(TestApp app) {
        Long id = app.app().core().db().dsl().select(DSL.max(DSL.field("id", Long.class)))
                .from(DSL.table("jobs_run")).fetchOne(0, Long.class);
        return id == null ? 0 : id;
    }

    private static Set<String> nodes(TestApp app, String job) {
        return nodesAfter(app, job, 0);
    }

    private static Set<String> nodesAfter(TestApp app, String job, long afterId) {
        return app.app().core().db().dsl().select(DSL.field("node", String.class)).from(DSL.table("jobs_run"))
                .where(DSL.field("job").eq(job)).and(DSL.field("id", Long.class).gt(afterId))
                .fetch().stream().map(r -> r.get(0, String.class)).collect(Collectors.toSet());
    }

    private static int count(TestApp app, String job, long afterId) {
        return app.app().core().db().dsl().fetchCount(DSL.selectFrom(DSL.table("jobs_run"))
                .where(DSL.field("job").eq(job)).and(DSL.field("id", Long.class).gt(afterId)));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
