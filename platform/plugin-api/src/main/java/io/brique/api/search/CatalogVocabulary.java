package io.brique.api.search;

import java.util.List;

/**
 * The words of the shop's product names in a locale, as the catalog search indexes them (since SDK
 * 1.2): lower case, accents folded, not stemmed, with how many visible products hold each. A synonyms
 * brick compares what shoppers type with it (spelling variants of catalog words).
 */
public interface CatalogVocabulary {

    /** A word and the number of visible products whose name holds it. */
    record Word(String word, int products) {
    }

    /**
     * The alphabetic words of at least {@code minLength} letters held by at least {@code minProducts}
     * products, most frequent first, at most {@code limit}; empty for an unknown locale.
     */
    List<Word> words(String locale, int minLength, int minProducts, int limit);
}
