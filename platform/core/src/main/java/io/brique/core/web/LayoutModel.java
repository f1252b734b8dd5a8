package io.brique.core.web;

import java.util.List;
import java.util.Map;

/** What the shared storefront layout shows around every page: header, navigation, slots, CSRF token. */
public record LayoutModel(String shopName, String lang, List<LangLink> languages, List<NavItem> navigation,
        Visitor visitor, String csrfToken, Map<String, String> slots, String searchQuery) {

    public record LangLink(String lang, String label, String url, boolean current) {
    }

    public record NavItem(String label, String url) {
    }

    /** Who is browsing: an anonymous visitor has a null customer id. */
    public record Visitor(Long customerId, String firstName, int cartItemCount, String cartToken) {
        public static final Visitor ANONYMOUS = new Visitor(null, null, 0, null);

        public boolean loggedIn() {
            return customerId != null;
        }
    }

    /** Supplies the category navigation (the catalog module implements it). */
    public interface NavigationProvider {
        List<NavItem> topCategories(String lang);
    }

    /** Identifies the visitor of a request (the customer/cart module implements it). */
    public interface VisitorProvider {
        Visitor visitor(Ctx ctx);
    }
}
