package io.brique.recs.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a model is trained from: orders (a customer's basket at a time), view sessions (products seen
 * together by one visitor), and optionally the catalog (without it, every product seen is active and
 * in stock: the offline evaluation has no catalog).
 */
public record TrainingData(List<Basket> orders, List<Basket> sessions, Map<Long, Product> catalog, Instant now) {

    /** {@code owner}: customer id (0 for guests); {@code at}: when; {@code productIds}: the lines. */
    public record Basket(long owner, Instant at, long[] productIds) {
    }

    public record Product(long id, boolean active, boolean inStock, List<Long> categoryIds, Long brandId,
            Map<String, String> attributes, String title) {
    }
}
