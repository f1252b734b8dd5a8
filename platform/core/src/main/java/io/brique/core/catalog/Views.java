package io.brique.core.catalog;

import java.util.List;

/**
 * Immutable read models of the catalog. A {@link ProductView} holds everything a product page
 * needs in one locale, so it can be cached in memory as is and shared between requests.
 */
public final class Views {

    private Views() {
    }

    /** A product in a grid: cheapest visible variant's price, total availability, first image. */
    public record ProductSummary(long id, String name, String slug, String brand, long priceMinor,
            Long compareAtMinor, String currency, String imageUrl, String imageAlt, int available,
            boolean multiplePrices) {
        public boolean inStock() {
            return available > 0;
        }
    }

    public record Page<T>(List<T> items, long total, int page, int size) {
        public Page {
            items = List.copyOf(items);
        }

        public int pageCount() {
            return total == 0 ? 0 : (int) ((total + size - 1) / size);
        }

        public boolean hasNext() {
            return page < pageCount();
        }

        public boolean hasPrevious() {
            return page > 1;
        }
    }

    public record OptionValue(String code, String value) {
    }

    public record VariantView(long id, String sku, long priceMinor, Long compareAtMinor, String currency,
            int available, List<OptionValue> options) {
        public VariantView {
            options = List.copyOf(options);
        }

        /** "M / Bleu" for a select option. */
        public String label() {
            return options.isEmpty() ? sku : String.join(" / ", options.stream().map(OptionValue::value).toList());
        }

        public boolean onSale() {
            return compareAtMinor != null && compareAtMinor > priceMinor;
        }
    }

    public record ImageView(String url, String alt) {
    }

    public record AttributeView(String code, String label, String value) {
    }

    public record Crumb(String name, String url) {
    }

    public record BrandView(long id, String name, String slug) {
    }

    public record ProductView(long id, String handle, String locale, String name, String slug, String description,
            BrandView brand, Long categoryId, String taxClass, List<VariantView> variants, List<ImageView> images,
            List<AttributeView> attributes, List<Crumb> breadcrumb, java.util.Map<String, String> slugs) {
        public ProductView {
            variants = List.copyOf(variants);
            images = List.copyOf(images);
            attributes = List.copyOf(attributes);
            breadcrumb = List.copyOf(breadcrumb);
            slugs = java.util.Map.copyOf(slugs);
        }

        /**
         * The same page with fresh stock figures, or null when the set of active variants changed
         * (the cached page is then out of date).
         */
        public ProductView withAvailability(java.util.Map<Long, Integer> available) {
            if (available.size() != variants.size()) {
                return null;
            }
            List<VariantView> updated = new java.util.ArrayList<>(variants.size());
            boolean same = true;
            for (VariantView v : variants) {
                Integer a = available.get(v.id());
                if (a == null) {
                    return null;
                }
                same &= a == v.available();
                updated.add(a == v.available() ? v : new VariantView(v.id(), v.sku(), v.priceMinor(),
                        v.compareAtMinor(), v.currency(), a, v.options()));
            }
            return same ? this : new ProductView(id, handle, locale, name, slug, description, brand, categoryId,
                    taxClass, updated, images, attributes, breadcrumb, slugs);
        }

        /** The variant shown first: the first one in stock, else the first. */
        public VariantView defaultVariant() {
            return variants.stream().filter(v -> v.available() > 0).findFirst().orElse(variants.getFirst());
        }

        public int available() {
            return variants.stream().mapToInt(VariantView::available).sum();
        }
    }

    /** A value of a filterable attribute, with how many products of the listing have it. */
    public record FacetValue(String value, int count, boolean selected) {
    }

    public record Facet(String code, String label, List<FacetValue> values) {
        public Facet {
            values = List.copyOf(values);
        }
    }

    public record BrandFacet(String slug, String name, int count, boolean selected) {
    }
}
