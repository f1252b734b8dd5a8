package io.brique.api.recommendation;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Recommends products for a placement (product page, cart, home, confirmation). Called on the
 * request path under a time budget: serve from memory, train elsewhere.
 */
public interface RecommendationProvider extends ExtensionPoint {

    List<Recommendation> recommend(Request request);

    /** {@code placement}: product, cart, home, confirmation; {@code productIds}: the context products. */
    record Request(String placement, String locale, Long customerId, String visitorId, List<Long> productIds,
            int limit) {
        public Request {
            productIds = List.copyOf(productIds);
        }
    }

    /** A product and why it is recommended ("bought together 37 times"). */
    record Recommendation(long productId, double score, String reason) {
    }
}
