package io.brique.core.ops;

import static io.brique.core.db.jooq.Tables.CLUSTER_LEASE;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/**
 * A named lease in the database, so that a scheduled job runs on one node of a cluster at a time:
 * the holder renews it while working; if the holder dies the lease expires and another node takes it.
 */
public final class ClusterLease {

    private final DSLContext dsl;
    private final Clock clock;
    private final String nodeId;

    public ClusterLease(DSLContext dsl, Clock clock, String nodeId) {
        this.dsl = dsl;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** Takes or renews the lease; true when this node holds it for {@code duration} from now. */
    public boolean tryAcquire(String name, Duration duration) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        dsl.insertInto(CLUSTER_LEASE)
                .set(CLUSTER_LEASE.NAME, name)
                .set(CLUSTER_LEASE.OWNER, "")
                .set(CLUSTER_LEASE.LEASE_UNTIL, now.minusSeconds(1))
                .onDuplicateKeyIgnore()
                .execute();
        return dsl.update(CLUSTER_LEASE)
                .set(CLUSTER_LEASE.OWNER, nodeId)
                .set(CLUSTER_LEASE.LEASE_UNTIL, now.plus(duration))
                .where(CLUSTER_LEASE.NAME.eq(name))
                .and(CLUSTER_LEASE.OWNER.eq(nodeId).or(CLUSTER_LEASE.LEASE_UNTIL.lt(now)))
                .execute() == 1;
    }

    public void release(String name) {
        dsl.update(CLUSTER_LEASE)
                .set(CLUSTER_LEASE.LEASE_UNTIL, LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).minusSeconds(1))
                .where(CLUSTER_LEASE.NAME.eq(name)).and(CLUSTER_LEASE.OWNER.eq(nodeId))
                .execute();
    }
}
