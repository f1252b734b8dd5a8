package io.brique.crm.identity;

/**
 * Decision thresholds on the match probability: at or above {@code autoLink} the records are linked
 * without asking; at or above {@code review} the pair goes to the merchant's review queue.
 */
public record Thresholds(double review, double autoLink) {
    public static final Thresholds DEFAULT = new Thresholds(0.5, 0.99);

    public Thresholds {
        if (!(review > 0 && review < 1) || !(autoLink > 0 && autoLink <= 1) || review > autoLink) {
            throw new IllegalArgumentException("thresholds need 0 < review <= autoLink <= 1, got " + review + " and " + autoLink);
        }
    }

    public Decision decide(double probability) {
        return probability >= autoLink ? Decision.AUTO_LINK : probability >= review ? Decision.REVIEW : Decision.DISTINCT;
    }

    public enum Decision { AUTO_LINK, REVIEW, DISTINCT }
}
