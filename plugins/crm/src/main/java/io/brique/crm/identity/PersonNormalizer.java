package io.brique.crm.identity;

import java.time.LocalDate;

/** Turns raw records into {@link NormalizedPerson}s; the default country applies to national phone numbers. */
public final class PersonNormalizer {
    private final String defaultCountry;

    public PersonNormalizer(String defaultCountry) {
        this.defaultCountry = defaultCountry;
    }

    public NormalizedPerson normalize(PersonRecord r) {
        String given = Names.fold(r.givenName());
        String family = Text.compact(r.familyName());
        String email = Emails.canonical(r.email());
        String country = r.country() != null && Phones.knownCountry(r.country()) ? r.country() : defaultCountry;
        String phone = Phones.e164(r.phone(), country);
        String street = Addresses.street(r.street());
        String number = r.streetNumber() != null && !r.streetNumber().isBlank()
                ? Text.digits(r.streetNumber()) : Addresses.houseNumber(street);
        street = Addresses.withoutNumber(street);
        LocalDate dob = BirthDates.parse(r.birthDate());
        String givenCompact = given.replace(" ", "");
        return new NormalizedPerson(r.id(), givenCompact, Names.canonicalGiven(given).replace(" ", ""), family,
                email == null ? "" : email, phone == null ? "" : phone, number, street,
                Text.fold(r.locality()), Text.fold(r.city()), Addresses.postcode(r.postcode()), dob,
                Similarity.soundex(givenCompact), Similarity.soundex(family));
    }
}
