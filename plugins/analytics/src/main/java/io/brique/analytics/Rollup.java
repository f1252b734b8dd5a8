package io.brique.analytics;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The daily rollup of visits (job {@code daily-rollup}, once per cluster): each finished day is
 * sessionised once into {@code analytics_session}, so a report over a month reads a few thousand
 * session rows instead of every event. A day is rolled when it ended at least {@link #MARGIN} ago
 * (its last visits can run past midnight; events are read from {@code MARGIN} before to {@code MARGIN}
 * after the day). Rolling is idempotent (the day's rows are replaced in one transaction). A late event
 * (an import, a delayed beacon) marks its day dirty ({@link Store}); a dirty day is computed live by
 * reports until the next run rolls it again. Today is always computed live.
 */
final class Rollup {

    static final Duration MARGIN = Duration.ofHours(6);
    /** Bounds one run (the first run on a shop with a long history catches up over a few runs). */
    static final int MAX_DAYS_PER_RUN = 92;

    private final DataSource dataSource;
    private final String p;
    private final ReportData data;

    Rollup(DataSource dataSource, String prefix) {
        this.dataSource = dataSource;
        this.p = prefix;
        this.data = new ReportData(dataSource, prefix);
    }

    /** The last day that can be rolled at {@code now}. */
    static LocalDate lastRollable(Instant now) {
        return LocalDate.ofInstant(now.minus(MARGIN), ZoneOffset.UTC).minusDays(1);
    }

    static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Rolls the finished days not rolled yet or dirty (oldest first); returns how many. */
    int run(Instant now) throws SQLException {
        LocalDate first;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT MIN(occurred_at) FROM " + p + "event");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            if (t == null) {
                return 0;
            }
            first = LocalDate.ofInstant(t.toInstant(), ZoneOffset.UTC);
        }
        Set<LocalDate> clean = cleanDays(first, lastRollable(now));
        int n = 0;
        for (LocalDate d = first; !d.isAfter(lastRollable(now)) && n < MAX_DAYS_PER_RUN; d = d.plusDays(1)) {
            if (!clean.contains(d)) {
                roll(d, now);
                n++;
            }
        }
        return n;
    }

    /** Days in [from, to] whose rollup is complete and clean: reports read their rows. */
    Set<LocalDate> cleanDays(LocalDate from, LocalDate to) throws SQLException {
        Set<LocalDate> out = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT roll_day FROM " + p + "rollup WHERE roll_day >= ? AND roll_day <= ?"
                        + " AND complete = TRUE AND dirty = FALSE")) {
            s.setDate(1, Date.valueOf(from));
            s.setDate(2, Date.valueOf(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getDate(1).toLocalDate());
                }
            }
        }
        return out;
    }

    /** Replaces the sessions of one day. */
    void roll(LocalDate day, Instant now) throws SQLException {
        // first the marker (clean, not complete): an event written from now on marks the day dirty again,
        // so nothing that arrives while the events are being read is missed
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + p + "rollup WHERE roll_day = ?")) {
                s.setDate(1, Date.valueOf(day));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + p + "rollup (roll_day, rolled_at, complete,"
                    + " dirty) VALUES (?, ?, FALSE, FALSE)")) {
                s.setDate(1, Date.valueOf(day));
                s.setTimestamp(2, Timestamp.from(now));
                s.executeUpdate();
            }
        });
        Instant start = start(day);
        Instant end = start(day.plusDays(1));
        List<Sessions.Session> sessions = new ArrayList<>();
        for (Sessions.Session s : Sessions.of(data.events(start.minus(MARGIN), end.plus(MARGIN)))) {
            if (!s.start().isBefore(start) && s.start().isBefore(end)) {
                sessions.add(s);
            }
        }
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + p + "session WHERE visit_day = ?")) {
                s.setDate(1, Date.valueOf(day));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + p + "session (visit_day, seq, visitor_key,"
                    + " started_at, ended_at, channel, source, medium, campaign, landing_page, page_views, bounce,"
                    + " conversions, revenue, exit_search) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int seq = 0;
                for (Sessions.Session x : sessions) {
                    s.setDate(1, Date.valueOf(day));
                    s.setInt(2, seq++);
                    s.setString(3, x.visitor());
                    s.setTimestamp(4, Timestamp.from(x.start()));
                    s.setTimestamp(5, Timestamp.from(x.end()));
                    s.setString(6, x.channel());
                    s.setString(7, x.source());
                    s.setString(8, x.medium());
                    s.setString(9, x.campaign());
                    s.setString(10, cut(x.landingPage(), 512));
                    s.setInt(11, (int) Math.min(Integer.MAX_VALUE, x.pageViews()));
                    s.setBoolean(12, x.bounce());
                    s.setInt(13, x.conversions());
                    s.setString(14, x.revenue().isEmpty() ? null : cut(revenue(x.revenue()), 200));
                    s.setString(15, cut(x.exitSearch(), 200));
                    s.addBatch();
                    if (seq % 1000 == 0) {
                        s.executeBatch();
                    }
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE " + p + "rollup SET complete = TRUE WHERE roll_day = ?")) {
                s.setDate(1, Date.valueOf(day));
                s.executeUpdate();
            }
        });
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(Work work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Sessions of the rolled days in [from, to] (started in those days). */
    List<Sessions.Session> rolled(LocalDate from, LocalDate to) throws SQLException {
        List<Sessions.Session> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT s.visitor_key, s.started_at, s.ended_at, s.channel,"
                        + " s.source, s.medium, s.campaign, s.landing_page, s.page_views, s.bounce, s.conversions,"
                        + " s.revenue, s.exit_search FROM " + p + "session s JOIN " + p + "rollup r ON r.roll_day = s.visit_day"
                        + " WHERE s.visit_day >= ? AND s.visit_day <= ? AND r.complete = TRUE AND r.dirty = FALSE")) {
            s.setDate(1, Date.valueOf(from));
            s.setDate(2, Date.valueOf(to));
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Sessions.Session(rs.getString(1), rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), List.of(), rs.getInt(9), rs.getBoolean(10), rs.getInt(11),
                            revenue(rs.getString(12)), rs.getString(13)));
                }
            }
        }
        return out;
    }

    /**
     * Sessions starting in [from, to): rows of the clean rolled days, the other days (today, not rolled,
     * dirty) sessionised from the events, each run of consecutive such days in one read.
     */
    List<Sessions.Session> sessions(Instant from, Instant to) throws SQLException {
        LocalDate firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate lastDay = LocalDate.ofInstant(to.minusMillis(1), ZoneOffset.UTC);
        Set<LocalDate> clean = cleanDays(firstDay, lastDay);
        // a partial first or last day is never read from the rollup
        if (!start(firstDay).equals(from)) {
            clean.remove(firstDay);
        }
        if (!start(lastDay.plusDays(1)).equals(to)) {
            clean.remove(lastDay);
        }
        List<Sessions.Session> out = new ArrayList<>();
        LocalDate d = firstDay;
        while (!d.isAfter(lastDay)) {
            LocalDate runStart = d;
            boolean rolled = clean.contains(d);
            while (!d.isAfter(lastDay) && clean.contains(d) == rolled) {
                d = d.plusDays(1);
            }
            LocalDate runEnd = d.minusDays(1);
            if (rolled) {
                out.addAll(rolled(runStart, runEnd));
            } else {
                Instant a = runStart.equals(firstDay) ? from : start(runStart);
                Instant b = runEnd.equals(lastDay) ? to : start(runEnd.plusDays(1));
                // from the margin before, so a visit that began before the run keeps its real start
                for (Sessions.Session s : Sessions.of(data.events(a.minus(MARGIN), b))) {
                    if (!s.start().isBefore(a) && s.start().isBefore(b)) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    static String revenue(Map<String, Long> byCurrency) {
        StringBuilder b = new StringBuilder();
        byCurrency.forEach((cur, v) -> b.append(b.isEmpty() ? "" : ",").append(cur).append(':').append(v));
        return b.toString();
    }

    static Map<String, Long> revenue(String s) {
        Map<String, Long> out = new TreeMap<>();
        if (s != null && !s.isEmpty()) {
            for (String part : s.split(",")) {
                int i = part.indexOf(':');
                out.put(part.substring(0, i), Long.parseLong(part.substring(i + 1)));
            }
        }
        return out;
    }

    private static String cut(String s, int max) {
        return s == null ? null : s.length() > max ? s.substring(0, max) : s;
    }
}
