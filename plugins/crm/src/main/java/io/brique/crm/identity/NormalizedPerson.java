package io.brique.crm.identity;

import java.time.LocalDate;

/** A {@link PersonRecord} after normalisation: every text field folded, "" when absent (never null), dates parsed. */
public record NormalizedPerson(String id, String given, String givenCanonical, String family, String email,
                               String phone, String houseNumber, String street, String locality, String city,
                               String postcode, LocalDate birthDate, String givenSoundex, String familySoundex) {

    public boolean hasBirthDate() {
        return birthDate != null;
    }
}
