package io.brique.recs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each strategy and rule on small worked examples, computed by hand. */
class StrategiesTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    static TrainingData.Basket order(long customer, int daysAgo, long... products) {
        return new TrainingData.Basket(customer, NOW.minus(Duration.ofDays(daysAgo)), products);
    }

    static TrainingData.Product product(long id, long category, long brand, boolean inStock, String title) {
        return new TrainingData.Product(id, true, inStock, List.of(category), brand, Map.of(), title);
    }

    static final Rules OPEN = new Rules(false, false, 0, Set.of(), Map.of(), List.of());

    @Test
    void jaccardOnFourBaskets() {
        // baskets {1,2} {1,2} {1,3} {2,3}: occ(1)=3 occ(2)=3 occ(3)=2; c(1,2)=2 -> J=2/(3+3-2)=0.5; c(1,3)=1 -> J=1/4
        int[][] seqs = {{0, 1}, {0, 1}, {0, 2}, {1, 2}};
        Neighbours nb = CoOccurrence.train(3, seqs, null, CoOccurrence.Params.baskets(CoOccurrence.Similarity.JACCARD,
                0, 10));
        assertEquals(1, nb.item(nb.from(0)), "2 is the closest to 1");
        assertEquals(0.5f, nb.similarity(0, 1), 1e-6);
        assertEquals(0.25f, nb.similarity(0, 2), 1e-6);
        assertEquals(2, nb.count(nb.from(0)), "seen together twice");
        Neighbours lift = CoOccurrence.train(3, seqs, null, CoOccurrence.Params.baskets(CoOccurrence.Similarity.LIFT,
                0, 10));
        assertEquals(2.0 / 9, lift.similarity(0, 1), 1e-6);
        assertEquals(1.0 / 6, lift.similarity(0, 2), 1e-6);
    }

    @Test
    void timeDecayHalvesAnOldBasket() {
        // {1,2} today and {1,3} 30 days ago, half-life 30 days: pair weights 1 and 0.5
        int[][] seqs = {{0, 1}, {0, 2}};
        float[][] ages = {{0, 0}, {30, 30}};
        Neighbours nb = CoOccurrence.train(3, seqs, ages, CoOccurrence.Params.baskets(CoOccurrence.Similarity.COUNT,
                30, 10));
        assertEquals(1.0f, nb.similarity(0, 1), 1e-5);
        assertEquals(0.5f, nb.similarity(0, 2), 1e-5);
    }

    @Test
    void sequenceWindowAndForwardFavourTheNextItem() {
        // one history 1,2,3: with window 1, (1,2) weighs 1 and (1,3) weighs 1/2; forward 1 doubles pairs in order
        int[][] seqs = {{0, 1, 2}};
        var p = new CoOccurrence.Params(CoOccurrence.Similarity.COUNT, 0, 1, 1, 50, 10, 1, 0);
        Neighbours nb = CoOccurrence.train(3, seqs, null, p);
        assertEquals(2.0f, nb.similarity(0, 1), 1e-6);
        assertEquals(1.0f, nb.similarity(0, 2), 1e-6);
        assertEquals(1.0f, nb.similarity(1, 0), 1e-6, "backwards: no forward bonus");
    }

    Model shop() {
        // products 1..6; 1,2,3 category 10 brand 100; 4 category 10 brand 200; 5 category 20; 6 out of stock
        Map<Long, TrainingData.Product> catalog = Map.of(
                1L, product(1, 10, 100, true, "linen shirt white"),
                2L, product(2, 10, 100, true, "linen shirt blue"),
                3L, product(3, 10, 100, true, "linen trousers"),
                4L, product(4, 10, 200, true, "cotton shirt"),
                5L, product(5, 20, 300, true, "stoneware bowl"),
                6L, product(6, 20, 300, false, "stoneware plate"));
        List<TrainingData.Basket> orders = List.of(
                order(7, 1, 1, 5), order(8, 2, 1, 5), order(9, 3, 1, 5), order(9, 40, 1, 6), order(10, 1, 2, 3),
                order(11, 1, 5), order(12, 1, 5), order(13, 2, 4));
        List<TrainingData.Basket> sessions = List.of(
                new TrainingData.Basket(7, NOW.minus(Duration.ofHours(1)), new long[] {1, 4}),
                new TrainingData.Basket(8, NOW.minus(Duration.ofHours(2)), new long[] {1, 4, 2}));
        return Trainer.train(new TrainingData(orders, sessions, catalog, NOW), Trainer.Params.defaults());
    }

    static Recommender.Ask ask(long... context) {
        return new Recommender.Ask(java.util.Arrays.stream(context).boxed().toList(), null, null, 3);
    }

    @Test
    void boughtTogetherWithTheCountAsReason() {
        var got = Recommender.defaults().recommend(shop(), ask(1), List.of(Strategy.BOUGHT_TOGETHER), OPEN);
        assertEquals(5, got.getFirst().productId(), "bowl was bought with the shirt three times");
        assertEquals(Recommender.Why.BOUGHT_TOGETHER, got.getFirst().why());
        assertEquals(3, got.getFirst().count());
        assertTrue(got.stream().noneMatch(r -> r.productId() == 1), "never the product itself");
    }

    @Test
    void alsoViewedFromSessions() {
        var got = Recommender.defaults().recommend(shop(), ask(1), List.of(Strategy.ALSO_VIEWED), OPEN);
        assertEquals(4, got.getFirst().productId(), "viewed with 1 in both sessions");
        assertEquals(Recommender.Why.VIEWED_TOGETHER, got.getFirst().why());
    }

    @Test
    void similarByCategoryBrandAndWords() {
        var got = Recommender.defaults().recommend(shop(), ask(1), List.of(Strategy.SIMILAR), OPEN);
        assertEquals(2, got.getFirst().productId(), "same category, brand and two title words");
        assertEquals(Recommender.Why.SAME_CATEGORY_AND_BRAND, got.getFirst().why());
    }

    @Test
    void forYouGoesThroughTheCustomersHistoryAndLeavesOutWhatWasBought() {
        Rules rules = new Rules(false, true, 0, Set.of(), Map.of(), List.of());
        var got = Recommender.defaults().recommend(shop(), new Recommender.Ask(List.of(), new long[] {2}, null, 2),
                List.of(Strategy.FOR_YOU), rules);
        assertEquals(3, got.getFirst().productId(), "2 and 3 were in one customer's history");
        assertEquals(Recommender.Why.FOR_YOU, got.getFirst().why());
        assertTrue(got.stream().noneMatch(r -> r.productId() == 2), "already bought");
    }

    @Test
    void trendingInTheCategoryDecays() {
        // category 20: bowl (5) bought 5 times lately, plate (6) once 40 days ago
        Model m = shop();
        assertEquals(5, m.ids.id(m.trending(20)[0]));
        var got = Recommender.defaults().recommend(m, ask(6), List.of(Strategy.TRENDING), OPEN);
        assertEquals(5, got.getFirst().productId());
        assertEquals(Recommender.Why.TRENDING_IN_CATEGORY, got.getFirst().why());
    }

    @Test
    void recentlyViewedMostRecentFirst() {
        var got = Recommender.defaults().recommend(shop(), new Recommender.Ask(List.of(), null, new long[] {3, 5, 2}, 3),
                List.of(Strategy.RECENTLY_VIEWED), OPEN);
        assertEquals(List.of(2L, 5L, 3L), got.stream().map(Recommender.Result::productId).toList());
    }

    @Test
    void rulesOutOfStockBansBoostsPinsAndDiversity() {
        Model m = shop();
        Rules inStockOnly = new Rules(true, false, 0, Set.of(), Map.of(), List.of());
        var got = Recommender.defaults().recommend(m, new Recommender.Ask(List.of(1L), null, null, 10),
                List.of(Strategy.BOUGHT_TOGETHER), inStockOnly);
        assertTrue(got.stream().noneMatch(r -> r.productId() == 6), "the plate is out of stock");
        Rules banned = new Rules(false, false, 0, Set.of(5L), Map.of(), List.of(4L));
        got = Recommender.defaults().recommend(m, ask(1), List.of(Strategy.BOUGHT_TOGETHER), banned);
        assertEquals(4, got.getFirst().productId(), "pinned first");
        assertEquals(Recommender.Why.PINNED, got.getFirst().why());
        assertTrue(got.stream().noneMatch(r -> r.productId() == 5), "banned");
        // boost: in "similar" for 1, 2 and 3 tie on category+brand; boosting 3 puts it first
        Rules boosted = new Rules(false, false, 0, Set.of(), Map.of(3L, 3.0), List.of());
        assertEquals(3, Recommender.defaults().recommend(m, ask(1), List.of(Strategy.SIMILAR), boosted).getFirst()
                .productId());
        // diversity: at most one per category while another category has candidates
        Rules diverse = new Rules(false, false, 1, Set.of(), Map.of(), List.of());
        got = Recommender.defaults().recommend(m, new Recommender.Ask(List.of(1L), null, null, 2),
                List.of(Strategy.SIMILAR, Strategy.POPULAR), diverse);
        assertEquals(2, got.stream().map(r -> m.category[m.ids.index(r.productId())]).distinct().count(), got.toString());
    }

    @Test
    void coldStartNeverEmpty() {
        Model m = shop();
        // a product nobody bought or viewed with others, a new visitor: popularity fills the slot
        var got = Recommender.defaults().recommend(m, new Recommender.Ask(List.of(999L), null, null, 4),
                List.of(Strategy.BOUGHT_TOGETHER), OPEN);
        assertEquals(4, got.size());
        assertEquals(5, got.getFirst().productId(), "the most popular");
        // a brand new shop: no events at all, any active product
        Model empty = Trainer.train(new TrainingData(List.of(), List.of(), Map.of(1L, product(1, 10, 100, true, "a"),
                2L, product(2, 10, 100, true, "b")), NOW), Trainer.Params.defaults());
        assertEquals(2, Recommender.defaults().recommend(empty, ask(), List.of(Strategy.FOR_YOU), OPEN).size());
    }

    @Test
    void modelSurvivesTheCodec() {
        Model m = shop();
        Model back = ModelCodec.read(ModelCodec.write(m));
        assertEquals(m.size(), back.size());
        assertEquals(m.trainedAt, back.trainedAt);
        assertEquals(Recommender.defaults().recommend(m, ask(1), List.of(Strategy.BOUGHT_TOGETHER), OPEN),
                Recommender.defaults().recommend(back, ask(1), List.of(Strategy.BOUGHT_TOGETHER), OPEN));
        back.flags(5, true, false);
        assertFalse(back.inStock(back.ids.index(5)));
    }

    @Test
    void historiesAppendMovesRepeatsToTheEnd() {
        assertEquals(List.of(1L, 3L, 2L), java.util.Arrays.stream(io.brique.recs.HistoriesAccess.append(
                new long[] {1, 2, 3}, 2, 5)).boxed().toList());
        assertEquals(List.of(3L, 4L), java.util.Arrays.stream(io.brique.recs.HistoriesAccess.append(
                new long[] {1, 2, 3}, 4, 2)).boxed().toList());
    }
}
