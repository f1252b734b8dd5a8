package io.brique.admin.web;

import io.brique.core.web.Ctx;
import java.util.Map;

/**
 * Links of an admin list page that keep its filters: sort by a column (toggling the direction) and
 * paging. Every list (products, orders, customers, users, audit) uses it with the one pager fragment
 * {@code admin/pager}.
 */
public record ListLinks(String path, Map<String, String> filters, String sort, String dir) {

    public String sortBy(String column) {
        String d = column.equals(sort) && "asc".equals(dir) ? "desc" : "asc";
        return link(path, with("dir", d), "sort", column);
    }

    /** The arrow shown next to the sorted column. */
    public String arrow(String column) {
        return column.equals(sort) ? ("asc".equals(dir) ? " ↑" : " ↓") : "";
    }

    public String page(int page) {
        return link(path, with("dir", dir, "sort", sort), "page", Integer.toString(page));
    }

    /** Another path (an export of the same list) with the same filters and order. */
    public String on(String otherPath) {
        return link(otherPath, with("dir", dir), "sort", sort);
    }

    private Map<String, String> with(String... kv) {
        Map<String, String> m = new java.util.HashMap<>(filters);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** {@code path} with the parameters, one of them replaced; blank values are left out. */
    public static String link(String path, Map<String, String> params, String key, String value) {
        StringBuilder b = new StringBuilder(path);
        Map<String, String> all = new java.util.TreeMap<>(params);
        all.put(key, value);
        char sep = '?';
        for (var e : all.entrySet()) {
            if (e.getValue() != null && !e.getValue().isEmpty()) {
                b.append(sep).append(Ctx.urlEncode(e.getKey())).append('=').append(Ctx.urlEncode(e.getValue()));
                sep = '&';
            }
        }
        return b.toString();
    }
}
