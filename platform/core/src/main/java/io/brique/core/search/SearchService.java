package io.brique.core.search;

import java.util.List;

/**
 * Product search for the storefront and the API: {@link LuceneSearchService} (embedded Lucene, one
 * index per locale in the data folder). Implementations apply the core's {@link SearchRewriters}
 * before searching and never parse the shopper's text as query syntax.
 */
public interface SearchService {

    /** Longest accepted query text, in characters. */
    int MAX_QUERY_LENGTH = 200;

    SearchResult search(SearchRequest request);

    /** Autocomplete: products, categories and popular queries for what has been typed so far. */
    Suggestions suggest(String text, String locale, int limit);

    record Suggestions(String query, List<ProductHint> products, List<CategoryHint> categories,
            List<String> queries) {
    }

    record ProductHint(long id, String name, String slug) {
    }

    record CategoryHint(long id, String name, String slug) {
    }
}
