package io.brique.core.catalog;

import static io.brique.core.db.jooq.Tables.CATEGORY;
import static io.brique.core.db.jooq.Tables.CATEGORY_TRANSLATION;

import io.brique.core.db.Database;
import io.brique.core.db.Inserts;
import io.brique.core.error.Checks;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import io.brique.core.event.EventPublisher;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Writes to the category tree from the back office: names, slugs and descriptions FR/EN, parent
 * (never itself or one of its descendants), position and status. Each change publishes
 * {@code category.changed}: every node reloads its tree.
 */
public final class CategoryService {

    public static final Set<String> STATUSES = Set.of("active", "inactive");
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    /** What the admin edits; texts by language. */
    public record CategoryInput(Long parentId, int position, String status, Map<String, ProductService.Text> texts) {
    }

    private final Database db;
    private final EventPublisher events;
    private final Clock clock;

    public CategoryService(Database db, EventPublisher events, Clock clock) {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    /** Creates ({@code id} null) or updates a category; returns its id. */
    public long save(Long id, CategoryInput in) {
        Checks c = new Checks();
        c.check(in.status() != null && STATUSES.contains(in.status()), "status", "error.range");
        c.check(in.position() >= 0 && in.position() <= 1_000_000, "position", "error.range");
        for (String lang : ProductService.LOCALES) {
            ProductService.Text t = in.texts().get(lang);
            String name = t == null ? null : t.name();
            String slug = t == null ? null : t.slug();
            c.required("name_" + lang, name).maxLength("name_" + lang, name, 200);
            c.check(slug == null || slug.isBlank() || (slug.length() <= 200 && SLUG.matcher(slug).matches()),
                    "slug_" + lang, "catalog.error.slug");
            c.maxLength("description_" + lang, t == null ? null : t.description(), 65_535);
        }
        c.throwIfAny();
        return db.tx(tx -> {
            DSLContext dsl = tx.dsl();
            if (id != null && dsl.select(CATEGORY.ID).from(CATEGORY).where(CATEGORY.ID.eq(id)).forUpdate()
                    .fetchOne() == null) {
                throw new NotFoundException("no such category");
            }
            if (in.parentId() != null) {
                // walk up from the new parent: meeting the category itself would make a cycle
                Long cursor = in.parentId();
                for (int depth = 0; cursor != null; depth++) {
                    if (cursor.equals(id) || depth > 50) {
                        throw new ValidationException("parent", "catalog.error.parent_cycle");
                    }
                    var row = dsl.select(CATEGORY.PARENT_ID).from(CATEGORY).where(CATEGORY.ID.eq(cursor)).fetchOne();
                    if (row == null) {
                        throw new ValidationException("parent", "error.range");
                    }
                    cursor = row.value1();
                }
            }
            LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
            long cid;
            if (id == null) {
                cid = Inserts.id(dsl, dsl.insertInto(CATEGORY).set(CATEGORY.PARENT_ID, in.parentId())
                        .set(CATEGORY.POSITION, in.position()).set(CATEGORY.STATUS, in.status())
                        .set(CATEGORY.CREATED_AT, now).set(CATEGORY.UPDATED_AT, now), CATEGORY.ID);
            } else {
                cid = id;
                dsl.update(CATEGORY).set(CATEGORY.PARENT_ID, in.parentId()).set(CATEGORY.POSITION, in.position())
                        .set(CATEGORY.STATUS, in.status()).set(CATEGORY.UPDATED_AT, now).where(CATEGORY.ID.eq(cid))
                        .execute();
            }
            for (String lang : ProductService.LOCALES) {
                ProductService.Text t = in.texts().get(lang);
                String slug = t.slug() == null || t.slug().isBlank() ? Slugs.of(t.name(), 200) : t.slug();
                if (slug.isEmpty() || dsl.fetchExists(CATEGORY_TRANSLATION, CATEGORY_TRANSLATION.LOCALE.eq(lang),
                        CATEGORY_TRANSLATION.SLUG.eq(slug), CATEGORY_TRANSLATION.CATEGORY_ID.ne(cid))) {
                    throw new ValidationException("slug_" + lang, "catalog.error.slug_taken");
                }
                String description = t.description() == null || t.description().isBlank() ? null : t.description();
                int n = dsl.update(CATEGORY_TRANSLATION).set(CATEGORY_TRANSLATION.NAME, t.name().trim())
                        .set(CATEGORY_TRANSLATION.SLUG, slug).set(CATEGORY_TRANSLATION.DESCRIPTION, description)
                        .where(CATEGORY_TRANSLATION.CATEGORY_ID.eq(cid)).and(CATEGORY_TRANSLATION.LOCALE.eq(lang))
                        .execute();
                if (n == 0) {
                    dsl.insertInto(CATEGORY_TRANSLATION).set(CATEGORY_TRANSLATION.CATEGORY_ID, cid)
                            .set(CATEGORY_TRANSLATION.LOCALE, lang).set(CATEGORY_TRANSLATION.NAME, t.name().trim())
                            .set(CATEGORY_TRANSLATION.SLUG, slug).set(CATEGORY_TRANSLATION.DESCRIPTION, description)
                            .execute();
                }
            }
            events.publish(tx, new CategoryChanged(cid, id == null ? "created" : "updated"));
            return cid;
        });
    }
}
