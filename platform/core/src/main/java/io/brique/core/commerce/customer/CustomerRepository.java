package io.brique.core.commerce.customer;

import static io.brique.core.db.jooq.Tables.CUSTOMER;
import static io.brique.core.db.jooq.Tables.CUSTOMER_ADDRESS;
import static io.brique.core.db.jooq.Tables.LOGIN_ATTEMPT;

import io.brique.core.db.jooq.tables.records.CustomerAddressRecord;
import io.brique.core.db.jooq.tables.records.CustomerRecord;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** SQL for customers, their addresses and login attempts. */
public final class CustomerRepository {

    /** Plain INSERT read back by the unique e-mail (INSERT .. RETURNING fails through Connector/J on MariaDB). */
    public long insert(DSLContext dsl, CustomerRecord c) {
        dsl.insertInto(CUSTOMER).set(c).execute();
        return byEmail(dsl, c.getEmail()).orElseThrow().getId();
    }

    public Optional<CustomerRecord> byId(DSLContext dsl, long id) {
        return dsl.selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(id)).fetchOptional();
    }

    public Optional<CustomerRecord> byEmail(DSLContext dsl, String email) {
        return dsl.selectFrom(CUSTOMER).where(CUSTOMER.EMAIL.eq(email)).fetchOptional();
    }

    public void touchLogin(DSLContext dsl, long id, LocalDateTime now) {
        dsl.update(CUSTOMER).set(CUSTOMER.LAST_LOGIN_AT, now).where(CUSTOMER.ID.eq(id)).execute();
    }

    public void updateProfile(DSLContext dsl, long id, String firstName, String lastName, String phone,
            LocalDateTime now) {
        dsl.update(CUSTOMER).set(CUSTOMER.FIRST_NAME, firstName).set(CUSTOMER.LAST_NAME, lastName)
                .set(CUSTOMER.PHONE, phone).set(CUSTOMER.UPDATED_AT, now).where(CUSTOMER.ID.eq(id)).execute();
    }

    public void updateEmail(DSLContext dsl, long id, String email, LocalDateTime now) {
        dsl.update(CUSTOMER).set(CUSTOMER.EMAIL, email).set(CUSTOMER.UPDATED_AT, now).where(CUSTOMER.ID.eq(id)).execute();
    }

    /** Records a consent change with its time; unchanged flags keep their original timestamp. */
    public void setMarketingConsent(DSLContext dsl, long id, boolean value, LocalDateTime now) {
        dsl.update(CUSTOMER).set(CUSTOMER.CONSENT_MARKETING, value).set(CUSTOMER.CONSENT_MARKETING_AT, now)
                .set(CUSTOMER.UPDATED_AT, now)
                .where(CUSTOMER.ID.eq(id)).and(CUSTOMER.CONSENT_MARKETING.ne(value)).execute();
    }

    public void setAnalyticsConsent(DSLContext dsl, long id, boolean value, LocalDateTime now) {
        dsl.update(CUSTOMER).set(CUSTOMER.CONSENT_ANALYTICS, value).set(CUSTOMER.CONSENT_ANALYTICS_AT, now)
                .set(CUSTOMER.UPDATED_AT, now)
                .where(CUSTOMER.ID.eq(id)).and(CUSTOMER.CONSENT_ANALYTICS.ne(value)).execute();
    }

    public List<CustomerRecord> search(DSLContext dsl, String q, int offset, int limit) {
        return dsl.selectFrom(CUSTOMER).where(match(q)).orderBy(CUSTOMER.ID.desc()).limit(limit).offset(offset).fetch();
    }

    public int count(DSLContext dsl, String q) {
        return dsl.fetchCount(CUSTOMER, match(q));
    }

    private static Condition match(String q) {
        if (q == null || q.isBlank()) {
            return DSL.noCondition();
        }
        String like = "%" + q.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return DSL.lower(CUSTOMER.EMAIL).like(like, '\\').or(DSL.lower(CUSTOMER.FIRST_NAME).like(like, '\\'))
                .or(DSL.lower(CUSTOMER.LAST_NAME).like(like, '\\'));
    }

    public List<CustomerAddressRecord> addresses(DSLContext dsl, long customerId) {
        return dsl.selectFrom(CUSTOMER_ADDRESS).where(CUSTOMER_ADDRESS.CUSTOMER_ID.eq(customerId))
                .orderBy(CUSTOMER_ADDRESS.IS_DEFAULT.desc(), CUSTOMER_ADDRESS.ID).fetch();
    }

    /** Inserts an address; its id is the customer's newest address (called in the customer's transaction). */
    public long insertAddress(DSLContext dsl, CustomerAddressRecord a) {
        dsl.insertInto(CUSTOMER_ADDRESS).set(a).execute();
        return dsl.select(DSL.max(CUSTOMER_ADDRESS.ID)).from(CUSTOMER_ADDRESS)
                .where(CUSTOMER_ADDRESS.CUSTOMER_ID.eq(a.getCustomerId())).fetchOne(0, Long.class);
    }

    public int updateAddress(DSLContext dsl, CustomerAddressRecord a) {
        return dsl.update(CUSTOMER_ADDRESS).set(CUSTOMER_ADDRESS.FIRST_NAME, a.getFirstName())
                .set(CUSTOMER_ADDRESS.LAST_NAME, a.getLastName()).set(CUSTOMER_ADDRESS.LINE1, a.getLine1())
                .set(CUSTOMER_ADDRESS.LINE2, a.getLine2()).set(CUSTOMER_ADDRESS.POSTCODE, a.getPostcode())
                .set(CUSTOMER_ADDRESS.CITY, a.getCity()).set(CUSTOMER_ADDRESS.COUNTRY_CODE, a.getCountryCode())
                .set(CUSTOMER_ADDRESS.PHONE, a.getPhone())
                .where(CUSTOMER_ADDRESS.ID.eq(a.getId())).and(CUSTOMER_ADDRESS.CUSTOMER_ID.eq(a.getCustomerId()))
                .execute();
    }

    public int deleteAddress(DSLContext dsl, long customerId, long addressId) {
        return dsl.deleteFrom(CUSTOMER_ADDRESS).where(CUSTOMER_ADDRESS.ID.eq(addressId))
                .and(CUSTOMER_ADDRESS.CUSTOMER_ID.eq(customerId)).execute();
    }

    public void recordLogin(DSLContext dsl, String email, boolean ok, LocalDateTime now) {
        dsl.insertInto(LOGIN_ATTEMPT).set(LOGIN_ATTEMPT.EMAIL, email).set(LOGIN_ATTEMPT.SUCCEEDED, ok)
                .set(LOGIN_ATTEMPT.CREATED_AT, now).execute();
    }

    /** Housekeeping: attempts older than the throttling window are of no use any more. */
    public void purgeAttempts(DSLContext dsl, String email, LocalDateTime before) {
        dsl.deleteFrom(LOGIN_ATTEMPT).where(LOGIN_ATTEMPT.EMAIL.eq(email)).and(LOGIN_ATTEMPT.CREATED_AT.lt(before))
                .execute();
    }

    /** Failed attempts for an e-mail since {@code since} and after its last success. */
    public int recentFailures(DSLContext dsl, String email, LocalDateTime since) {
        LocalDateTime lastOk = dsl.select(DSL.max(LOGIN_ATTEMPT.CREATED_AT)).from(LOGIN_ATTEMPT)
                .where(LOGIN_ATTEMPT.EMAIL.eq(email)).and(LOGIN_ATTEMPT.SUCCEEDED.isTrue())
                .and(LOGIN_ATTEMPT.CREATED_AT.ge(since)).fetchOne(0, LocalDateTime.class);
        LocalDateTime from = lastOk == null || lastOk.isBefore(since) ? since : lastOk;
        return dsl.fetchCount(LOGIN_ATTEMPT, LOGIN_ATTEMPT.EMAIL.eq(email).and(LOGIN_ATTEMPT.SUCCEEDED.isFalse())
                .and(LOGIN_ATTEMPT.CREATED_AT.gt(from)));
    }
}
