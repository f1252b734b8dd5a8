package io.brique.admin.account;

import static io.brique.core.db.jooq.Tables.ADMIN_AUDIT;

import io.brique.admin.AdminPrincipal;
import io.brique.core.db.Database;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** Who changed what, when, from where, with a short before/after summary. Append-only. */
public final class AuditLog {

    public record Entry(long id, LocalDateTime at, String actor, String action, String target, String summary,
            String ip) {
    }

    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void record(AdminPrincipal actor, String ip, String action, String target, String summary) {
        record(actor == null ? null : actor.id(), actor == null ? null : actor.email(), ip, action, target, summary);
    }

    public void record(Long actorId, String actorEmail, String ip, String action, String target, String summary) {
        db.dsl().insertInto(ADMIN_AUDIT).set(ADMIN_AUDIT.CREATED_AT, LocalDateTime.now(clock.withZone(ZoneOffset.UTC)))
                .set(ADMIN_AUDIT.ACTOR_ID, actorId).set(ADMIN_AUDIT.ACTOR_EMAIL, cut(actorEmail, 254))
                .set(ADMIN_AUDIT.ACTION, cut(action, 60)).set(ADMIN_AUDIT.TARGET, cut(target, 200))
                .set(ADMIN_AUDIT.SUMMARY, cut(summary, 2000)).set(ADMIN_AUDIT.IP, cut(ip, 45)).execute();
    }

    /** Newest first; {@code query} filters on actor, action or target (substring). */
    public AdminUsers.Page<Entry> page(String query, int page, int size, boolean oldestFirst) {
        Condition c = DSL.noCondition();
        if (query != null && !query.isBlank()) {
            String like = "%" + query.trim().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\")
                    .replace("%", "\\%").replace("_", "\\_") + "%";
            c = DSL.lower(ADMIN_AUDIT.ACTOR_EMAIL).like(like, '\\').or(DSL.lower(ADMIN_AUDIT.ACTION).like(like, '\\'))
                    .or(DSL.lower(ADMIN_AUDIT.TARGET).like(like, '\\'));
        }
        int total = db.dsl().fetchCount(ADMIN_AUDIT, c);
        List<Entry> items = db.dsl().selectFrom(ADMIN_AUDIT).where(c)
                .orderBy(oldestFirst ? ADMIN_AUDIT.ID.asc() : ADMIN_AUDIT.ID.desc())
                .limit(size).offset(Math.max(0, (page - 1) * size))
                .fetch(r -> new Entry(r.getId(), r.getCreatedAt(), r.getActorEmail(), r.getAction(), r.getTarget(),
                        r.getSummary(), r.getIp()));
        return new AdminUsers.Page<>(items, page, size, total);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
