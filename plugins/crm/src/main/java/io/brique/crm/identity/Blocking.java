package io.brique.crm.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * Blocking keys: two records are compared only when they share at least one key. Several narrow
 * keys (each one selective on its own, so blocks stay small at a million customers) instead of one
 * broad key, so one corrupted field does not hide a true pair.
 */
public final class Blocking {
    private Blocking() {}

    public static List<String> keys(NormalizedPerson p) {
        List<String> keys = new ArrayList<>(9);
        if (!p.email().isEmpty()) {
            keys.add("e:" + p.email());
            // the local part alone survives a typo in the domain ("@gmial.com"); common ones ("contact") overflow the cap
            keys.add("el:" + Emails.localPart(p.email()));
        }
        if (!p.phone().isEmpty()) keys.add("p:" + p.phone());
        String dob = p.hasBirthDate() ? p.birthDate().toString() : "";
        if (!dob.isEmpty()) keys.add("d:" + dob);
        String gs = p.givenSoundex(), fs = p.familySoundex();
        if (!fs.isEmpty() && !p.postcode().isEmpty()) keys.add("fp:" + fs + p.postcode());
        if (!gs.isEmpty() && !fs.isEmpty()) {
            // the two soundex codes in sorted order: the key survives swapped given and family names
            keys.add("n:" + (gs.compareTo(fs) <= 0 ? gs + fs : fs + gs));
        }
        if (!p.postcode().isEmpty() && !p.houseNumber().isEmpty()) keys.add("a:" + p.postcode() + "/" + p.houseNumber());
        if (p.hasBirthDate()) {
            String ym = dob.substring(0, 7);
            if (!gs.isEmpty()) keys.add("gd:" + gs + ym);
            if (!fs.isEmpty()) keys.add("fd:" + fs + dob.substring(0, 4));
        }
        String street = p.street().replace(" ", "");
        if (!street.isEmpty()) {
            if (!fs.isEmpty()) keys.add("fs:" + fs + street);
            if (!gs.isEmpty()) keys.add("gs:" + gs + street);
            if (!p.houseNumber().isEmpty()) keys.add("sh:" + p.houseNumber() + street);
        }
        if (!gs.isEmpty() && !p.postcode().isEmpty()) keys.add("gp:" + gs + p.postcode());
        if (!p.city().isEmpty()) {
            if (!gs.isEmpty()) keys.add("gc:" + gs + p.city());
            if (!fs.isEmpty()) keys.add("fc:" + fs + p.city());
        }
        return keys;
    }
}
