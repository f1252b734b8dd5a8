package io.brique.api.search;

/**
 * Rewrites or expands a search query before it runs (synonyms, corrections). Must be fast: it runs on
 * every search and on every autocomplete keystroke. Since SDK 1.1 a rewriter may return the query
 * with {@link SearchQuery.Expansion}s (query-time synonym graph) instead of, or as well as, changing
 * its text; the engine keeps the words typed and adds the expansions as weighted alternatives.
 */
public interface SearchQueryRewriter extends org.pf4j.ExtensionPoint {

    SearchQuery rewrite(SearchQuery query);
}
