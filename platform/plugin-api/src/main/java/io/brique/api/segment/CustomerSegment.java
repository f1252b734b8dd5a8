package io.brique.api.segment;

import java.time.Instant;

/**
 * What the analytics brick knows of one customer (since SDK 1.1), for other bricks (loyalty,
 * recommendations, CRM) to target or personalise.
 *
 * @param maturity {@code prospect}, {@code first_time}, {@code repeat}, {@code loyal} or {@code lapsed}
 * @param channel {@code online}, {@code store_only} or {@code omnichannel}; null for a prospect
 * @param recency RFM scores 1 (worst) to 5 (best); 0 for a prospect
 * @param rfmSegment {@code champions}, {@code loyal}, {@code at_risk}, {@code promising} or {@code hibernating}; null for a prospect
 * @param topCategory the category with the most spending, or null
 * @param lastOrder null for a prospect
 */
public record CustomerSegment(long customerId, String maturity, String channel, int recency, int frequency,
        int monetary, String rfmSegment, String topCategory, int orders, Instant lastOrder) {
}
