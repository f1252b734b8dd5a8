/**
 * Product search behind {@link io.brique.core.search.SearchService}. The default
 * {@link io.brique.core.search.DatabaseSearchService} matches folded words (lower case, no accents)
 * against {@code product_search_text}, a per-locale folded copy of name, brand and description kept
 * by the catalog write paths; it behaves the same on H2 and MariaDB whatever the collations. Query
 * rewriters ({@link io.brique.core.search.SearchRewriters}) run first, each call guarded. A Lucene
 * engine can replace the default by implementing the same interface and listening to
 * {@code ProductChanged} to keep its index fresh.
 */
package io.brique.core.search;
