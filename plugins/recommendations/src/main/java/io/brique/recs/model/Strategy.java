package io.brique.recs.model;

import java.util.Optional;

/** The recommendation strategies, by the id merchants choose in settings. */
public enum Strategy {
    BOUGHT_TOGETHER("bought-together"),
    ALSO_VIEWED("also-viewed"),
    SIMILAR("similar"),
    FOR_YOU("for-you"),
    TRENDING("trending"),
    RECENTLY_VIEWED("recently-viewed"),
    POPULAR("popular");

    public final String id;

    Strategy(String id) {
        this.id = id;
    }

    public static Optional<Strategy> byId(String id) {
        for (Strategy s : values()) {
            if (s.id.equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
