package io.brique.recs;

import io.brique.recs.model.Recommender;

/** The reason shown under a recommended product, in the shopper's language. */
final class Texts {

    private Texts() {
    }

    static String reason(Recommender.Why why, int count, String locale) {
        boolean fr = "fr".equals(locale);
        return switch (why) {
            case BOUGHT_TOGETHER -> count > 1 ? (fr ? "Achetés ensemble " + count + " fois" : "Bought together " + count
                    + " times") : fr ? "Souvent acheté avec" : "Often bought together";
            case VIEWED_TOGETHER -> fr ? "Les clients ont aussi regardé" : "Customers also viewed";
            case SAME_CATEGORY_AND_BRAND -> fr ? "Même catégorie et même marque" : "Similar category and brand";
            case SAME_CATEGORY -> fr ? "Dans la même catégorie" : "In the same category";
            case SAME_BRAND -> fr ? "De la même marque" : "From the same brand";
            case SIMILAR -> fr ? "Produit similaire" : "Similar product";
            case FOR_YOU -> fr ? "Pour vous, d'après vos achats" : "For you, from your purchases";
            case TRENDING_IN_CATEGORY -> fr ? "Tendance dans cette catégorie" : "Trending in this category";
            case RECENTLY_VIEWED -> fr ? "Vu récemment" : "Recently viewed";
            case POPULAR -> fr ? "Populaire en ce moment" : "Popular right now";
            case PINNED -> fr ? "Notre sélection" : "Our pick";
        };
    }
}
