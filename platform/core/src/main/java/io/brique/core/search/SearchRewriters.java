package io.brique.core.search;

import io.brique.api.search.SearchQuery;
import io.brique.api.search.SearchQueryRewriter;
import io.brique.core.plugin.ExtensionRegistry;
import java.time.Duration;

/**
 * The search query rewriters, as registered in the core's {@link ExtensionRegistry} (by plugins, or
 * by owner for tests and core features); none by default. They run in registration order; each call
 * is guarded and time-boxed, so a failing or slow rewriter is skipped (and reported against its
 * plugin) and the search runs with the query as it was.
 */
public final class SearchRewriters {

    private final ExtensionRegistry extensions;
    private final Duration budget;

    public SearchRewriters(ExtensionRegistry extensions, Duration budget) {
        this.extensions = extensions;
        this.budget = budget;
    }

    public void register(String owner, SearchQueryRewriter rewriter) {
        extensions.register(owner, SearchQueryRewriter.class, rewriter);
    }

    public void unregisterOwner(String owner) {
        extensions.unregister(owner, SearchQueryRewriter.class);
    }

    public SearchQuery apply(SearchQuery query) {
        SearchQuery current = query;
        for (ExtensionRegistry.Entry<SearchQueryRewriter> e : extensions.entries(SearchQueryRewriter.class)) {
            SearchQuery input = current;
            SearchQuery next = extensions.call(e, "search-rewriter", budget, r -> r.rewrite(input), input);
            if (next != null && next.text() != null) {
                current = next;
            }
        }
        return current;
    }
}
