package io.brique.analytics;

import java.util.Locale;
import java.util.regex.Pattern;

/** Known robots by user agent (crawlers, monitors, headless tools, HTTP libraries). Their hits are dropped. */
final class Bots {

    private static final Pattern BOT = Pattern.compile(
            "bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|pingdom|uptime|lighthouse"
                    + "|headlesschrome|phantomjs|python-requests|python-urllib|curl/|wget/|httpclient|okhttp|go-http-client"
                    + "|java/|scrapy|axios/|node-fetch|feedfetcher|mediapartners");

    private Bots() {
    }

    /** A missing or empty user agent counts as a bot (browsers always send one). */
    static boolean isBot(String userAgent) {
        return userAgent == null || userAgent.isBlank() || BOT.matcher(userAgent.toLowerCase(Locale.ROOT)).find();
    }
}
