package io.brique.core.search;

import io.brique.api.search.SearchQuery;
import io.brique.api.search.SearchQueryRewriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core-owned registry of {@link SearchQueryRewriter}s (empty by default). Rewriters run in
 * registration order; each call is guarded so a failing rewriter is skipped (and logged) and the
 * search still runs with the query as it was.
 */
public final class SearchRewriters {

    private static final Logger LOG = LoggerFactory.getLogger(SearchRewriters.class);

    private record Registered(String owner, SearchQueryRewriter rewriter) {
    }

    private final List<Registered> rewriters = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();

    public void register(String owner, SearchQueryRewriter rewriter) {
        rewriters.add(new Registered(owner, rewriter));
    }

    public void unregisterOwner(String owner) {
        rewriters.removeIf(r -> r.owner().equals(owner));
    }

    public SearchQuery apply(SearchQuery query) {
        SearchQuery current = query;
        for (Registered r : rewriters) {
            try {
                SearchQuery next = r.rewriter().rewrite(current);
                if (next != null && next.text() != null) {
                    current = next;
                }
            } catch (RuntimeException | LinkageError e) {
                failures.incrementAndGet();
                LOG.warn("search rewriter of {} failed on '{}', skipped: {}", r.owner(), current.text(), e.toString());
            }
        }
        return current;
    }

    public long failures() {
        return failures.get();
    }
}
