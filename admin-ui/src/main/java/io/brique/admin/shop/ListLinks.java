package io.brique.admin.shop;

import java.util.Map;

/** Links of a list page that keep its filters: sort by a column (toggling the direction) and paging. */
public record ListLinks(String path, Map<String, String> filters, String sort, String dir) {

    public String sortBy(String column) {
        String d = column.equals(sort) && "asc".equals(dir) ? "desc" : "asc";
        return Inputs.link(path, with("dir", d), "sort", column);
    }

    /** The arrow shown next to the sorted column. */
    public String arrow(String column) {
        return column.equals(sort) ? ("asc".equals(dir) ? " ↑" : " ↓") : "";
    }

    public String page(int page) {
        return Inputs.link(path, with("dir", dir, "sort", sort), "page", Integer.toString(page));
    }

    /** Another path (an export of the same list) with the same filters and order. */
    public String on(String otherPath) {
        return Inputs.link(otherPath, with("dir", dir), "sort", sort);
    }

    private Map<String, String> with(String... kv) {
        Map<String, String> m = new java.util.HashMap<>(filters);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
