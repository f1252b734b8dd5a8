package io.brique.core.catalog;

import static io.brique.core.db.jooq.Tables.ATTRIBUTE;
import static io.brique.core.db.jooq.Tables.ATTRIBUTE_TRANSLATION;
import static io.brique.core.db.jooq.Tables.PRODUCT_ATTRIBUTE;

import io.brique.core.db.Database;
import io.brique.core.db.Inserts;
import io.brique.core.error.Checks;
import io.brique.core.error.ConflictException;
import io.brique.core.error.NotFoundException;
import io.brique.core.error.ValidationException;
import io.brique.core.event.EventPublisher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Product attribute definitions (code, label per language, filterable on listings). The code is fixed
 * once created (CSV imports and URLs use it). Deleting is refused while a product has a value for
 * the attribute. Each change publishes {@link AttributeChanged} so every node reloads its filters.
 */
public final class AttributeService {

    /** An attribute with its labels and how many products use it. */
    public record Definition(long id, String code, boolean filterable, Map<String, String> labels, int products) {
    }

    private static final Pattern CODE = Pattern.compile("^[a-z][a-z0-9_]{1,49}$");

    private final Database db;
    private final EventPublisher events;

    public AttributeService(Database db, EventPublisher events) {
        this.db = db;
        this.events = events;
    }

    public List<Definition> list() {
        DSLContext dsl = db.dsl();
        Map<Long, Map<String, String>> labels = new java.util.HashMap<>();
        dsl.selectFrom(ATTRIBUTE_TRANSLATION).fetch().forEach(t -> labels
                .computeIfAbsent(t.getAttributeId(), k -> new LinkedHashMap<>()).put(t.getLocale(), t.getLabel()));
        Map<Long, Integer> uses = new java.util.HashMap<>();
        dsl.select(PRODUCT_ATTRIBUTE.ATTRIBUTE_ID, DSL.countDistinct(PRODUCT_ATTRIBUTE.PRODUCT_ID)).from(PRODUCT_ATTRIBUTE)
                .groupBy(PRODUCT_ATTRIBUTE.ATTRIBUTE_ID).fetch().forEach(r -> uses.put(r.value1(), r.value2()));
        List<Definition> out = new ArrayList<>();
        dsl.selectFrom(ATTRIBUTE).orderBy(ATTRIBUTE.CODE).fetch().forEach(a -> out.add(new Definition(a.getId(),
                a.getCode(), Boolean.TRUE.equals(a.getFilterable()), labels.getOrDefault(a.getId(), Map.of()),
                uses.getOrDefault(a.getId(), 0))));
        return out;
    }

    public Definition get(long id) {
        return list().stream().filter(d -> d.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("no such attribute"));
    }

    /** Creates an attribute; {@code labels} has one label per shop language. Returns its id. */
    public long create(String code, boolean filterable, Map<String, String> labels) {
        Checks c = new Checks();
        c.required("code", code).check(code == null || code.isBlank() || CODE.matcher(code).matches(), "code",
                "catalog.error.attribute_code");
        checkLabels(c, labels);
        c.throwIfAny();
        return db.tx(tx -> {
            DSLContext dsl = tx.dsl();
            if (dsl.fetchExists(ATTRIBUTE, ATTRIBUTE.CODE.eq(code))) {
                throw new ValidationException("code", "catalog.error.attribute_taken");
            }
            long id = Inserts.id(dsl, dsl.insertInto(ATTRIBUTE).set(ATTRIBUTE.CODE, code)
                    .set(ATTRIBUTE.FILTERABLE, filterable), ATTRIBUTE.ID);
            writeLabels(dsl, id, labels);
            events.publish(tx, new AttributeChanged(id, "created"));
            return id;
        });
    }

    public void update(long id, boolean filterable, Map<String, String> labels) {
        Checks c = new Checks();
        checkLabels(c, labels);
        c.throwIfAny();
        db.txRun(tx -> {
            DSLContext dsl = tx.dsl();
            if (dsl.update(ATTRIBUTE).set(ATTRIBUTE.FILTERABLE, filterable).where(ATTRIBUTE.ID.eq(id)).execute() == 0) {
                throw new NotFoundException("no such attribute");
            }
            writeLabels(dsl, id, labels);
            events.publish(tx, new AttributeChanged(id, "updated"));
        });
    }

    /** Deletes an attribute no product uses; refused ({@code attribute_in_use}) otherwise. */
    public void delete(long id) {
        db.txRun(tx -> {
            DSLContext dsl = tx.dsl();
            if (dsl.select(ATTRIBUTE.ID).from(ATTRIBUTE).where(ATTRIBUTE.ID.eq(id)).forUpdate().fetchOne() == null) {
                throw new NotFoundException("no such attribute");
            }
            if (dsl.fetchExists(PRODUCT_ATTRIBUTE, PRODUCT_ATTRIBUTE.ATTRIBUTE_ID.eq(id))) {
                throw new ConflictException("attribute_in_use", "products have a value for this attribute");
            }
            dsl.deleteFrom(ATTRIBUTE).where(ATTRIBUTE.ID.eq(id)).execute();
            events.publish(tx, new AttributeChanged(id, "deleted"));
        });
    }

    private static void checkLabels(Checks c, Map<String, String> labels) {
        labels.forEach((lang, label) -> c.required("label_" + lang, label).maxLength("label_" + lang, label, 100));
    }

    private static void writeLabels(DSLContext dsl, long id, Map<String, String> labels) {
        dsl.deleteFrom(ATTRIBUTE_TRANSLATION).where(ATTRIBUTE_TRANSLATION.ATTRIBUTE_ID.eq(id)).execute();
        labels.forEach((lang, label) -> dsl.insertInto(ATTRIBUTE_TRANSLATION)
                .set(ATTRIBUTE_TRANSLATION.ATTRIBUTE_ID, id).set(ATTRIBUTE_TRANSLATION.LOCALE, lang)
                .set(ATTRIBUTE_TRANSLATION.LABEL, label.trim()).execute());
    }
}
