package io.brique.core.commerce.cart;

import static io.brique.core.db.jooq.Tables.TAX_RATE;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** VAT rates per country and tax class (basis points), from the {@code tax_rate} table. */
public final class TaxRates {

    /** rate_bp by tax class for one country; empty when the shop has no rates for it. */
    public Map<String, Integer> forCountry(DSLContext dsl, String country) {
        Map<String, Integer> out = new HashMap<>();
        dsl.select(TAX_RATE.TAX_CLASS, TAX_RATE.RATE_BP).from(TAX_RATE).where(TAX_RATE.COUNTRY_CODE.eq(country))
                .fetch().forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    /** Countries the shop can ship to: those with VAT rates. */
    public List<String> countries(DSLContext dsl) {
        return dsl.selectDistinct(TAX_RATE.COUNTRY_CODE).from(TAX_RATE).orderBy(TAX_RATE.COUNTRY_CODE)
                .fetch(TAX_RATE.COUNTRY_CODE);
    }
}
