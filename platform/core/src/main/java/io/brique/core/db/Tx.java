package io.brique.core.db;

import java.util.List;
import org.jooq.DSLContext;

/** A running transaction: its jOOQ context and the callbacks to run once it committed. */
public record Tx(DSLContext dsl, List<Runnable> afterCommitCallbacks) {

    public void afterCommit(Runnable callback) {
        afterCommitCallbacks.add(callback);
    }
}
