package io.brique.admin.shop;

import static io.brique.core.db.jooq.Tables.ADMIN_AUDIT;
import static io.brique.core.db.jooq.Tables.CUSTOMER_ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.admin.AdminTestApp;
import io.brique.core.commerce.customer.CustomerService;
import io.brique.core.db.jooq.tables.records.CustomerRecord;
import io.brique.testing.HttpSession;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Editing a customer in the console: profile, e-mail uniqueness, consents, addresses, audit, erased customers. */
@Tag("db")
class CustomerEditTest {

    static AdminTestApp app;
    static HttpSession owner;

    @BeforeAll
    static void start() {
        app = AdminTestApp.start();
        owner = app.loginAs("owner");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static DSLContext dsl() {
        return app.app().app().core().db().dsl();
    }

    static CustomerService customers() {
        return app.app().app().commerce().customers();
    }

    static long register(String email) {
        return customers().register(new CustomerService.Registration(email, "a long password 1", "Ada", "Lovelace",
                "fr", false)).getId();
    }

    static Map<String, String> profile(String email, String first, String last, String phone, boolean marketing) {
        Map<String, String> m = new HashMap<>(Map.of("email", email, "firstName", first, "lastName", last,
                "phone", phone));
        if (marketing) {
            m.put("marketing", "on");
        }
        return m;
    }

    static int audits(String action, long id) {
        return dsl().fetchCount(ADMIN_AUDIT, ADMIN_AUDIT.ACTION.eq(action).and(ADMIN_AUDIT.TARGET.eq("customer " + id)));
    }

    @Test
    void profileIsEditedAndAudited() {
        long id = register("edit-me@example.com");
        HttpSession.Response r = owner.postForm("/admin/customers/" + id,
                profile("  New.Address@Example.com ", "Grace", "Hopper", "+33 6 12 34 56 78", true));
        assertEquals(303, r.status(), r.body());
        CustomerRecord c = customers().get(id);
        assertEquals("new.address@example.com", c.getEmail(), "normalised");
        assertEquals("Grace", c.getFirstName());
        assertEquals("+33 6 12 34 56 78", c.getPhone());
        assertTrue(c.getConsentMarketing());
        assertTrue(c.getConsentMarketingAt() != null, "the consent time is recorded");
        assertFalse(c.getConsentAnalytics());
        String summary = dsl().select(ADMIN_AUDIT.SUMMARY).from(ADMIN_AUDIT).where(ADMIN_AUDIT.ACTION
                .eq("customer.update").and(ADMIN_AUDIT.TARGET.eq("customer " + id))).fetchOne(0, String.class);
        assertTrue(summary.contains("email: edit-me@example.com -> new.address@example.com"), summary);
        assertTrue(summary.contains("marketing consent: false -> true"), summary);
        HttpSession.Response page = owner.get(r.location());
        assertTrue(page.body().contains("Customer #" + id + " updated") || page.body().contains("Client #" + id),
                "flash after the action");
        // the customer can log in with the new e-mail
        assertEquals("Grace", customers().login("new.address@example.com", "a long password 1", null, "fr")
                .customer().getFirstName());
    }

    @Test
    void takenEmailIsAFieldErrorAndNothingIsWritten() {
        register("taken@example.com");
        long id = register("keeper@example.com");
        HttpSession.Response r = owner.postForm("/admin/customers/" + id,
                profile("Taken@example.com", "Changed", "Name", "", false));
        assertEquals(400, r.status());
        assertTrue(r.body().contains("An account already exists with this e-mail")
                || r.body().contains("existe déjà"), "message next to the field");
        assertTrue(r.body().contains("value=\"Taken@example.com\""), "typed e-mail kept");
        assertTrue(r.body().contains("value=\"Changed\""), "typed name kept");
        assertTrue(r.body().contains("id=\"profile-edit\" open"), "the form is open on its errors");
        CustomerRecord c = customers().get(id);
        assertEquals("keeper@example.com", c.getEmail());
        assertEquals("Ada", c.getFirstName(), "no partial write");
        assertEquals(0, audits("customer.update", id));
    }

    @Test
    void badEmailAndPhoneAreFieldErrors() {
        long id = register("bad-input@example.com");
        HttpSession.Response r = owner.postForm("/admin/customers/" + id,
                profile("not an e-mail", "A", "B", "call me maybe", false));
        assertEquals(400, r.status());
        assertTrue(r.body().contains("id=\"p-email-error\""), r.body());
        assertTrue(r.body().contains("id=\"p-phone-error\""));
        r = owner.postForm("/admin/customers/" + id, profile("", "A", "B", "", false));
        assertEquals(400, r.status());
        assertEquals("bad-input@example.com", customers().get(id).getEmail());
    }

    @Test
    void addressesAreAddedEditedAndDeleted() {
        long id = register("addresses@example.com");
        Map<String, String> bad = Map.of("firstName", "Ada", "lastName", "", "line1", "1 rue X", "postcode", "75001",
                "city", "", "country", "ZZ");
        HttpSession.Response r = owner.postForm("/admin/customers/" + id + "/addresses", bad);
        assertEquals(400, r.status());
        assertTrue(r.body().contains("id=\"address-new\" open"), "the new-address form is open");
        assertTrue(r.body().contains("value=\"1 rue X\""), "typed value kept");
        assertTrue(r.body().contains("We do not deliver to this country") || r.body().contains("pays"));
        assertEquals(0, dsl().fetchCount(CUSTOMER_ADDRESS, CUSTOMER_ADDRESS.CUSTOMER_ID.eq(id)));

        Map<String, String> good = new HashMap<>(bad);
        good.putAll(Map.of("lastName", "Lovelace", "city", "Paris", "country", "fr"));
        assertEquals(303, owner.postForm("/admin/customers/" + id + "/addresses", good).status());
        long addressId = dsl().select(CUSTOMER_ADDRESS.ID).from(CUSTOMER_ADDRESS)
                .where(CUSTOMER_ADDRESS.CUSTOMER_ID.eq(id)).fetchOne(0, Long.class);
        assertEquals("FR", dsl().select(CUSTOMER_ADDRESS.COUNTRY_CODE).from(CUSTOMER_ADDRESS)
                .where(CUSTOMER_ADDRESS.ID.eq(addressId)).fetchOne(0, String.class));

        good.put("city", "Lyon");
        good.put("postcode", "69001");
        assertEquals(303, owner.postForm("/admin/customers/" + id + "/addresses/" + addressId, good).status());
        assertEquals("Lyon", dsl().select(CUSTOMER_ADDRESS.CITY).from(CUSTOMER_ADDRESS)
                .where(CUSTOMER_ADDRESS.ID.eq(addressId)).fetchOne(0, String.class));
        // another customer's address cannot be reached through this customer
        long other = register("other-addr@example.com");
        assertEquals(404, owner.postForm("/admin/customers/" + other + "/addresses/" + addressId, good).status());
        assertEquals(404, owner.postForm("/admin/customers/" + other + "/addresses/" + addressId + "/delete",
                Map.of()).status());

        assertEquals(303, owner.postForm("/admin/customers/" + id + "/addresses/" + addressId + "/delete",
                Map.of()).status());
        assertEquals(0, dsl().fetchCount(CUSTOMER_ADDRESS, CUSTOMER_ADDRESS.CUSTOMER_ID.eq(id)));
        assertEquals(1, audits("customer.address.add", id));
        assertEquals(1, audits("customer.address.update", id));
        assertEquals(1, audits("customer.address.delete", id));
    }

    @Test
    void staffCannotEditAndAnErasedCustomerStaysErased() {
        long id = register("erase-then-edit@example.com");
        HttpSession staff = app.loginAs("staff");
        assertEquals(403, staff.postForm("/admin/customers/" + id, profile("x@example.com", "X", "Y", "", false))
                .status());
        assertFalse(staff.get("/admin/customers/" + id).body().contains("id=\"profile-form\""), "no form for staff");
        assertEquals(303, owner.postForm("/admin/customers/" + id + "/erase", Map.of("confirm", "ERASE")).status());
        HttpSession.Response r = owner.postForm("/admin/customers/" + id,
                profile("back@example.com", "Back", "Again", "", true));
        assertEquals(303, r.status());
        CustomerRecord c = customers().get(id);
        assertEquals("erased", c.getStatus());
        assertFalse(c.getEmail().startsWith("back"), "an erased customer is not brought back");
        assertEquals(303, owner.postForm("/admin/customers/" + id + "/addresses", Map.of("firstName", "A",
                "lastName", "B", "line1", "1", "postcode", "1", "city", "C", "country", "FR")).status());
        assertEquals(0, dsl().fetchCount(CUSTOMER_ADDRESS, CUSTOMER_ADDRESS.CUSTOMER_ID.eq(id)));
    }
}
