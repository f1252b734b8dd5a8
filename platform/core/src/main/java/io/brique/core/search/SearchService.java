package io.brique.core.search;

/**
 * Product search for the storefront and the API. The default implementation queries the database
 * ({@link DatabaseSearchService}); a full-text engine (Lucene) can replace it behind this interface.
 * Implementations apply the core's {@link SearchRewriters} before searching.
 */
public interface SearchService {

    /** Longest accepted query text, in characters. */
    int MAX_QUERY_LENGTH = 200;

    SearchResult search(SearchRequest request);
}
