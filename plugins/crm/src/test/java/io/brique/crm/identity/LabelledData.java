package io.brique.crm.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Labelled person files for the evaluation, recognised by their header: FEBRL (rec_id
 * "rec-N-org"/"rec-N-dup-k"), Splink (unique_id ... cluster) and dedupe's Chicago childcare sites
 * ("True Id"). Each record comes with its true entity id.
 */
record LabelledData(String format, List<PersonRecord> records, List<String> entities, String country) {

    static LabelledData read(Path file) throws IOException {
        List<List<String>> rows;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            rows = Csv.read(in);
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(file + " is empty");
        Map<String, Integer> col = new HashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) col.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        List<PersonRecord> records = new ArrayList<>();
        List<String> entities = new ArrayList<>();
        String format;
        String country;
        if (col.containsKey("rec_id")) {
            format = "febrl";
            country = "AU";
            for (List<String> r : rows.subList(1, rows.size())) {
                if (r.size() < header.size()) continue;
                String id = get(r, col, "rec_id");
                String[] parts = id.split("-");
                entities.add(parts[1]);
                records.add(new PersonRecord(id, "file", get(r, col, "given_name"), get(r, col, "surname"), null, null,
                        get(r, col, "street_number"), get(r, col, "address_1"), get(r, col, "address_2"),
                        get(r, col, "suburb"), get(r, col, "postcode"), "AU", get(r, col, "date_of_birth")));
            }
        } else if (col.containsKey("cluster") && col.containsKey("unique_id")) {
            format = "splink";
            country = "GB";
            for (List<String> r : rows.subList(1, rows.size())) {
                if (r.size() < header.size()) continue;
                entities.add(get(r, col, "cluster"));
                records.add(new PersonRecord(get(r, col, "unique_id"), "file", get(r, col, "first_name"),
                        get(r, col, "surname"), get(r, col, "email"), null, null, null, null, get(r, col, "city"),
                        null, "GB", get(r, col, "dob")));
            }
        } else if (col.containsKey("true id")) {
            format = "dedupe-chicago";
            country = "US";
            for (List<String> r : rows.subList(1, rows.size())) {
                if (r.size() < 7) continue;
                entities.add(get(r, col, "true id"));
                // a childcare site, not a person: the site name stands in the family-name slot
                records.add(new PersonRecord(get(r, col, "id"), "file", null, get(r, col, "site name"), null,
                        get(r, col, "phone"), null, get(r, col, "address"), null, null, get(r, col, "zip"), "US", null));
            }
        } else {
            throw new IllegalArgumentException(file + ": unknown format (expected a FEBRL, Splink or dedupe header)");
        }
        return new LabelledData(format, records, entities, country);
    }

    private static String get(List<String> row, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        if (i == null || i >= row.size()) return null;
        String v = row.get(i).strip();
        return v.isEmpty() ? null : v;
    }
}
