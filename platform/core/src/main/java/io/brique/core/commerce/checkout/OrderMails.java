package io.brique.core.commerce.checkout;

import io.brique.core.commerce.order.OrderDetails;
import io.brique.core.db.jooq.tables.records.OrderLineRecord;
import io.brique.core.db.jooq.tables.records.OrdersRecord;
import io.brique.core.i18n.Messages;
import io.brique.core.mail.Email;
import io.brique.core.web.Formats;
import io.brique.core.web.Views;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Builds order e-mails (text and HTML) in the order's language. */
public final class OrderMails {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OrderMails.class);

    private final Messages messages;
    private final Views views;
    private final ZoneId zone;
    private final String baseUrl;
    private final String shopName;

    public OrderMails(Messages messages, Views views, ZoneId zone, String baseUrl, String shopName) {
        this.messages = messages;
        this.views = views;
        this.zone = zone;
        this.baseUrl = baseUrl;
        this.shopName = shopName;
    }

    public Email confirmation(OrderDetails d) {
        OrdersRecord o = d.order();
        Locale locale = Locale.forLanguageTag(o.getLocale());
        Formats fmt = new Formats(locale, zone);
        String link = baseUrl + "/" + o.getLocale() + "/order/" + o.getAccessToken();
        String subject = messages.get(locale, "commerce.mail.confirmation.subject", shopName, o.getNumber());
        StringBuilder text = new StringBuilder();
        text.append(messages.get(locale, "commerce.mail.confirmation.intro", o.getAddrFirstName() == null ? ""
                : o.getAddrFirstName(), o.getNumber())).append("\n\n");
        for (OrderLineRecord l : d.lines()) {
            text.append(l.getQuantity()).append(" x ").append(l.getName());
            if (l.getOptionsLabel() != null) {
                text.append(" (").append(l.getOptionsLabel()).append(')');
            }
            text.append("  ").append(fmt.money(l.getLineTotalMinor(), o.getCurrency())).append('\n');
        }
        text.append('\n')
                .append(messages.get(locale, "commerce.totals.subtotal")).append(": ")
                .append(fmt.money(o.getSubtotalMinor(), o.getCurrency())).append('\n');
        if (o.getDiscountMinor() != 0) {
            text.append(messages.get(locale, "commerce.totals.discount")).append(": -")
                    .append(fmt.money(o.getDiscountMinor(), o.getCurrency())).append('\n');
        }
        text.append(messages.get(locale, "commerce.totals.shipping")).append(": ")
                .append(fmt.money(o.getShippingMinor(), o.getCurrency())).append('\n')
                .append(messages.get(locale, "commerce.totals.total")).append(": ")
                .append(fmt.money(o.getTotalMinor(), o.getCurrency())).append('\n')
                .append(messages.get(locale, "commerce.totals.tax")).append(": ")
                .append(fmt.money(o.getTaxMinor(), o.getCurrency())).append("\n\n")
                .append(messages.get(locale, "commerce.payment.instructions." + o.getPaymentMethod())).append("\n\n")
                .append(messages.get(locale, "commerce.mail.confirmation.link")).append(' ').append(link).append('\n');
        Map<String, Object> model = new HashMap<>();
        model.put("d", d);
        model.put("o", o);
        model.put("fmt", fmt);
        model.put("link", link);
        model.put("shopName", shopName);
        String html;
        try {
            html = views.render("commerce/mail-order-confirmation", locale, model);
        } catch (RuntimeException e) {
            // A broken HTML template must not block an order: the text part alone is a valid e-mail.
            LOG.warn("order e-mail HTML for {} could not be rendered, sending text only: {}", o.getNumber(), e.toString());
            html = null;
        }
        return new Email(o.getEmail(), subject, text.toString(), html, "order_confirmation", o.getNumber());
    }
}
