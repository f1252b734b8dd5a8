package io.brique.core.commerce.store;

import static io.brique.core.db.jooq.Tables.STORE;

import io.brique.core.db.jooq.tables.records.StoreRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** SQL for physical stores. */
public final class StoreRepository {

    public List<StoreRecord> clickAndCollect(DSLContext dsl) {
        return dsl.selectFrom(STORE).where(STORE.ACTIVE.isTrue()).and(STORE.CLICK_AND_COLLECT.isTrue())
                .orderBy(STORE.CITY, STORE.NAME).fetch();
    }

    public Optional<StoreRecord> byCode(DSLContext dsl, String code) {
        return dsl.selectFrom(STORE).where(STORE.CODE.eq(code)).fetchOptional();
    }

    public int count(DSLContext dsl) {
        return dsl.fetchCount(STORE);
    }

    public void insert(DSLContext dsl, String code, String name, String line1, String postcode, String city,
            String country, String phone) {
        dsl.insertInto(STORE).set(STORE.CODE, code).set(STORE.NAME, name).set(STORE.LINE1, line1)
                .set(STORE.POSTCODE, postcode).set(STORE.CITY, city).set(STORE.COUNTRY_CODE, country)
                .set(STORE.PHONE, phone).set(STORE.CLICK_AND_COLLECT, true).set(STORE.ACTIVE, true)
                .onDuplicateKeyIgnore().execute();
    }
}
