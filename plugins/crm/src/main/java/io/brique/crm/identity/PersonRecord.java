package io.brique.crm.identity;

/**
 * One customer identity as the shop (or an evaluation file) knows it: raw, untrusted text, any field
 * may be null. {@code source} says where it came from ("account", "guest-order", "store").
 */
public record PersonRecord(String id, String source, String givenName, String familyName, String email,
                           String phone, String streetNumber, String street, String locality, String city,
                           String postcode, String country, String birthDate) {

    public static PersonRecord of(String id, String givenName, String familyName, String email) {
        return new PersonRecord(id, "account", givenName, familyName, email, null, null, null, null, null, null, null, null);
    }
}
