/**
 * The catalog: categories, brands, products, variants, stock levels as the storefront sees them.
 *
 * <ul>
 *   <li>{@link io.brique.core.catalog.CatalogRepository} holds all catalog SQL. A listing is a count,
 *       one page of ids, then three batched queries for that page (texts, variants, first images).</li>
 *   <li>{@link io.brique.core.catalog.CatalogService} serves reads; the category tree is an immutable
 *       {@link io.brique.core.catalog.CategoryTree} swapped as a whole by {@code catalogChanged()}.
 *       A product page is one immutable {@link io.brique.core.catalog.Views.ProductView}, ready to be
 *       cached (keyed by id and locale, evicted on {@code ProductChanged}).</li>
 *   <li>Visibility rule everywhere in the storefront and the public API: product status {@code active}
 *       and at least one {@code active} variant. Availability is {@code stock_on_hand - stock_reserved}.</li>
 *   <li>{@link io.brique.core.catalog.ProductImportService}: CSV import (validate all lines first, then
 *       one transaction per product with its {@code ProductChanged} event) and the matching export.
 *       Option values (size, colour) are one value for all locales in the CSV; the export writes the
 *       French value.</li>
 *   <li>{@link io.brique.core.catalog.DemoCatalog}: the deterministic demo shop, with generated SVG
 *       pictures served by {@code /media/placeholder/{id}.svg}.</li>
 * </ul>
 */
package io.brique.core.catalog;
