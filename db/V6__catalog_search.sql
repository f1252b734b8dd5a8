-- Normalised search text per product and locale (lower case, accents removed), kept by the catalog
-- write paths (demo data, CSV import). It makes the default database search accent- and
-- case-insensitive in the same way on H2 and MariaDB, whatever the column collations are.
CREATE TABLE product_search_text (
  product_id BIGINT NOT NULL,
  locale VARCHAR(5) NOT NULL,
  content TEXT NOT NULL,
  PRIMARY KEY (product_id, locale),
  CONSTRAINT fk_pst_product FOREIGN KEY (product_id) REFERENCES product (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_variant_sku_product ON variant (product_id, status, price_minor);
