package io.brique.crm.quality;

import io.brique.api.storefront.SlotContext;
import io.brique.api.storefront.SlotRenderer;
import io.brique.api.storefront.Slots;
import io.brique.api.text.Escape;
import org.pf4j.Extension;

/** Adds the data-quality hints script to the shop's registration page (and nowhere else). */
@Extension
public class QualitySlot implements SlotRenderer {
    static final String REGISTER_PAGE = "commerce/register";

    @Override
    public String slot() {
        return Slots.BODY_END;
    }

    @Override
    public String render(SlotContext page) {
        if (!REGISTER_PAGE.equals(page.page())) return "";
        String locale = page.locale() == null || !page.locale().matches("[a-z]{2}") ? "en" : page.locale();
        return "<script src=\"/" + locale + "/x/crm/quality.js\" defer data-endpoint=\"/api/v1/plugins/crm/quality\""
                + " data-locale=\"" + locale + "\" data-use=\"" + Escape.html("fr".equals(locale) ? "Corriger" : "Use this")
                + "\"></script>";
    }
}
