package io.brique.core.commerce.customer;

import static io.brique.core.db.jooq.Tables.CUSTOMER;
import static io.brique.core.db.jooq.Tables.CUSTOMER_ADDRESS;
import static io.brique.core.db.jooq.Tables.CUSTOMER_MERGE;
import static io.brique.core.db.jooq.Tables.CUSTOMER_MERGE_ITEM;
import static io.brique.core.db.jooq.Tables.ORDERS;
import static io.brique.core.db.jooq.Tables.WEB_SESSION;

import io.brique.api.customer.CustomerMergeEvents;
import io.brique.api.customer.CustomerMerges;
import io.brique.core.db.Database;
import io.brique.core.db.Inserts;
import io.brique.core.db.jooq.tables.records.CustomerMergeRecord;
import io.brique.core.db.jooq.tables.records.CustomerRecord;
import io.brique.core.event.EventPublisher;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * Merges two accounts of one person, in one transaction: the merged account's orders and addresses
 * move to the survivor, the more recent consent decision of each kind wins, the merged account is
 * closed (status {@code merged}: no login, sessions ended) and {@code customer.merged} is published.
 * What moved is recorded item by item with the survivor's consents before the merge, so an undo gives
 * back exactly that (orders placed by the survivor since stay with the survivor).
 */
public final class CustomerMergeService implements CustomerMerges {
    static final String DONE = "done", UNDONE = "undone", MERGED = "merged";

    private final Database db;
    private final EventPublisher events;
    private final Clock clock;

    public CustomerMergeService(Database db, EventPublisher events, Clock clock) {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Merge merge(long survivorId, long mergedId, String actor, String reason) {
        if (survivorId == mergedId) throw new MergeRefused("same_customer", "a customer cannot be merged into itself");
        String who = actor(actor);
        return db.tx(tx -> {
            DSLContext dsl = tx.dsl();
            // lock both rows in id order, so two merges of the same pair cannot deadlock or both succeed
            List<CustomerRecord> locked = dsl.selectFrom(CUSTOMER).where(CUSTOMER.ID.in(survivorId, mergedId))
                    .orderBy(CUSTOMER.ID).forUpdate().fetch();
            CustomerRecord survivor = locked.stream().filter(c -> c.getId() == survivorId).findFirst()
                    .orElseThrow(() -> new MergeRefused("not_found", "no customer " + survivorId));
            CustomerRecord merged = locked.stream().filter(c -> c.getId() == mergedId).findFirst()
                    .orElseThrow(() -> new MergeRefused("not_found", "no customer " + mergedId));
            if (!"active".equals(survivor.getStatus()) || !"active".equals(merged.getStatus())) {
                throw new MergeRefused("not_active", "both customers must be active to be merged");
            }
            LocalDateTime now = now();
            List<Long> orders = dsl.select(ORDERS.ID).from(ORDERS).where(ORDERS.CUSTOMER_ID.eq(mergedId)).fetch(ORDERS.ID);
            List<Record2<Long, Boolean>> addresses = dsl.select(CUSTOMER_ADDRESS.ID, CUSTOMER_ADDRESS.IS_DEFAULT)
                    .from(CUSTOMER_ADDRESS).where(CUSTOMER_ADDRESS.CUSTOMER_ID.eq(mergedId)).fetch();
            long mergeId = Inserts.id(dsl, dsl.insertInto(CUSTOMER_MERGE)
                    .set(CUSTOMER_MERGE.SURVIVOR_ID, survivorId).set(CUSTOMER_MERGE.MERGED_ID, mergedId)
                    .set(CUSTOMER_MERGE.STATUS, DONE).set(CUSTOMER_MERGE.MERGED_PREVIOUS_STATUS, merged.getStatus())
                    .set(CUSTOMER_MERGE.SURVIVOR_CONSENT_MARKETING, survivor.getConsentMarketing())
                    .set(CUSTOMER_MERGE.SURVIVOR_CONSENT_MARKETING_AT, survivor.getConsentMarketingAt())
                    .set(CUSTOMER_MERGE.SURVIVOR_CONSENT_ANALYTICS, survivor.getConsentAnalytics())
                    .set(CUSTOMER_MERGE.SURVIVOR_CONSENT_ANALYTICS_AT, survivor.getConsentAnalyticsAt())
                    .set(CUSTOMER_MERGE.ORDERS_MOVED, orders.size()).set(CUSTOMER_MERGE.ADDRESSES_MOVED, addresses.size())
                    .set(CUSTOMER_MERGE.ACTOR, who).set(CUSTOMER_MERGE.REASON, cut(reason, 500))
                    .set(CUSTOMER_MERGE.CREATED_AT, now), CUSTOMER_MERGE.ID);
            for (long order : orders) {
                dsl.insertInto(CUSTOMER_MERGE_ITEM).set(CUSTOMER_MERGE_ITEM.MERGE_ID, mergeId)
                        .set(CUSTOMER_MERGE_ITEM.KIND, "order").set(CUSTOMER_MERGE_ITEM.ITEM_ID, order).execute();
            }
            for (Record2<Long, Boolean> a : addresses) {
                dsl.insertInto(CUSTOMER_MERGE_ITEM).set(CUSTOMER_MERGE_ITEM.MERGE_ID, mergeId)
                        .set(CUSTOMER_MERGE_ITEM.KIND, "address").set(CUSTOMER_MERGE_ITEM.ITEM_ID, a.value1())
                        .set(CUSTOMER_MERGE_ITEM.WAS_DEFAULT, Boolean.TRUE.equals(a.value2())).execute();
            }
            dsl.update(ORDERS).set(ORDERS.CUSTOMER_ID, survivorId).where(ORDERS.ID.in(orders)).execute();
            // the survivor keeps its own default address; the moved ones come as extra addresses
            dsl.update(CUSTOMER_ADDRESS).set(CUSTOMER_ADDRESS.CUSTOMER_ID, survivorId).set(CUSTOMER_ADDRESS.IS_DEFAULT, false)
                    .where(CUSTOMER_ADDRESS.CUSTOMER_ID.eq(mergedId)).execute();
            // consent: the most recent decision of the person wins, whichever account it was made on
            if (newer(merged.getConsentMarketingAt(), survivor.getConsentMarketingAt())) {
                dsl.update(CUSTOMER).set(CUSTOMER.CONSENT_MARKETING, merged.getConsentMarketing())
                        .set(CUSTOMER.CONSENT_MARKETING_AT, merged.getConsentMarketingAt()).where(CUSTOMER.ID.eq(survivorId)).execute();
            }
            if (newer(merged.getConsentAnalyticsAt(), survivor.getConsentAnalyticsAt())) {
                dsl.update(CUSTOMER).set(CUSTOMER.CONSENT_ANALYTICS, merged.getConsentAnalytics())
                        .set(CUSTOMER.CONSENT_ANALYTICS_AT, merged.getConsentAnalyticsAt()).where(CUSTOMER.ID.eq(survivorId)).execute();
            }
            dsl.update(CUSTOMER).set(CUSTOMER.STATUS, MERGED).set(CUSTOMER.UPDATED_AT, now).where(CUSTOMER.ID.eq(mergedId)).execute();
            dsl.update(CUSTOMER).set(CUSTOMER.UPDATED_AT, now).where(CUSTOMER.ID.eq(survivorId)).execute();
            dsl.deleteFrom(WEB_SESSION).where(WEB_SESSION.CUSTOMER_ID.eq(mergedId)).execute();
            events.publish(tx, new CustomerMergeEvents.CustomerMerged(mergeId, survivorId, mergedId, orders.size(), addresses.size()));
            return new Merge(mergeId, survivorId, mergedId, DONE, orders.size(), addresses.size(), who);
        });
    }

    @Override
    public Merge undo(long mergeId, String actor) {
        String who = actor(actor);
        return db.tx(tx -> {
            DSLContext dsl = tx.dsl();
            CustomerMergeRecord m = dsl.selectFrom(CUSTOMER_MERGE).where(CUSTOMER_MERGE.ID.eq(mergeId)).forUpdate().fetchOne();
            if (m == null) throw new MergeRefused("not_found", "no merge " + mergeId);
            if (!DONE.equals(m.getStatus())) throw new MergeRefused("already_undone", "merge " + mergeId + " is already undone");
            dsl.selectFrom(CUSTOMER).where(CUSTOMER.ID.in(m.getSurvivorId(), m.getMergedId())).orderBy(CUSTOMER.ID).forUpdate().fetch();
            LocalDateTime now = now();
            List<Long> orders = items(dsl, mergeId, "order", false);
            dsl.update(ORDERS).set(ORDERS.CUSTOMER_ID, m.getMergedId())
                    .where(ORDERS.ID.in(orders)).and(ORDERS.CUSTOMER_ID.eq(m.getSurvivorId())).execute();
            dsl.update(CUSTOMER_ADDRESS).set(CUSTOMER_ADDRESS.CUSTOMER_ID, m.getMergedId())
                    .where(CUSTOMER_ADDRESS.ID.in(items(dsl, mergeId, "address", false)))
                    .and(CUSTOMER_ADDRESS.CUSTOMER_ID.eq(m.getSurvivorId())).execute();
            dsl.update(CUSTOMER_ADDRESS).set(CUSTOMER_ADDRESS.IS_DEFAULT, true)
                    .where(CUSTOMER_ADDRESS.ID.in(items(dsl, mergeId, "address", true))).execute();
            dsl.update(CUSTOMER).set(CUSTOMER.CONSENT_MARKETING, m.getSurvivorConsentMarketing())
                    .set(CUSTOMER.CONSENT_MARKETING_AT, m.getSurvivorConsentMarketingAt())
                    .set(CUSTOMER.CONSENT_ANALYTICS, m.getSurvivorConsentAnalytics())
                    .set(CUSTOMER.CONSENT_ANALYTICS_AT, m.getSurvivorConsentAnalyticsAt())
                    .set(CUSTOMER.UPDATED_AT, now).where(CUSTOMER.ID.eq(m.getSurvivorId())).execute();
            dsl.update(CUSTOMER).set(CUSTOMER.STATUS, m.getMergedPreviousStatus()).set(CUSTOMER.UPDATED_AT, now)
                    .where(CUSTOMER.ID.eq(m.getMergedId())).and(CUSTOMER.STATUS.eq(MERGED)).execute();
            dsl.update(CUSTOMER_MERGE).set(CUSTOMER_MERGE.STATUS, UNDONE).set(CUSTOMER_MERGE.UNDONE_AT, now)
                    .set(CUSTOMER_MERGE.UNDONE_BY, who).where(CUSTOMER_MERGE.ID.eq(mergeId)).execute();
            events.publish(tx, new CustomerMergeEvents.CustomerMergeUndone(mergeId, m.getSurvivorId(), m.getMergedId()));
            return new Merge(mergeId, m.getSurvivorId(), m.getMergedId(), UNDONE, m.getOrdersMoved(), m.getAddressesMoved(),
                    m.getActor());
        });
    }

    @Override
    public Optional<Merge> find(long mergeId) {
        return db.dsl().selectFrom(CUSTOMER_MERGE).where(CUSTOMER_MERGE.ID.eq(mergeId)).fetchOptional()
                .map(m -> new Merge(m.getId(), m.getSurvivorId(), m.getMergedId(), m.getStatus(), m.getOrdersMoved(),
                        m.getAddressesMoved(), m.getActor()));
    }

    private static List<Long> items(DSLContext dsl, long mergeId, String kind, boolean defaultsOnly) {
        var q = dsl.select(CUSTOMER_MERGE_ITEM.ITEM_ID).from(CUSTOMER_MERGE_ITEM)
                .where(CUSTOMER_MERGE_ITEM.MERGE_ID.eq(mergeId)).and(CUSTOMER_MERGE_ITEM.KIND.eq(kind));
        if (defaultsOnly) q = q.and(CUSTOMER_MERGE_ITEM.WAS_DEFAULT.isTrue());
        return q.fetch(CUSTOMER_MERGE_ITEM.ITEM_ID);
    }

    private static boolean newer(LocalDateTime candidate, LocalDateTime current) {
        return candidate != null && (current == null || candidate.isAfter(current));
    }

    private static String actor(String actor) {
        if (actor == null || actor.isBlank()) throw new IllegalArgumentException("a merge needs an actor");
        return cut(actor.strip(), 254);
    }

    private static String cut(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
