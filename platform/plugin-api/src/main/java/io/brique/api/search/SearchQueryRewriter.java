package io.brique.api.search;

/** Rewrites or expands a search query before it runs (synonyms, corrections). Must be fast. */
public interface SearchQueryRewriter extends org.pf4j.ExtensionPoint {

    SearchQuery rewrite(SearchQuery query);
}
