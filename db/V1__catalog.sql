-- Catalog: categories (tree), brands, products with FR/EN text, attributes, images, variants with stock.
-- Money is stored in minor units (BIGINT) with an ISO 4217 currency. Prices are tax-included for the
-- shop's home country (what the merchant types, what the consumer sees); see docs/architecture.md.
-- Indexes are separate CREATE INDEX statements so jOOQ's DDLDatabase (H2 simulation) can read them.

CREATE TABLE tax_rate (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  country_code CHAR(2) NOT NULL,
  tax_class VARCHAR(20) NOT NULL,
  rate_bp INT NOT NULL,
  CONSTRAINT uq_tax_rate UNIQUE (country_code, tax_class),
  CONSTRAINT ck_tax_rate_bp CHECK (rate_bp >= 0 AND rate_bp <= 10000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE category (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  parent_id BIGINT NULL,
  position INT NOT NULL DEFAULT 0,
  status VARCHAR(10) NOT NULL DEFAULT 'active',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT fk_category_parent FOREIGN KEY (parent_id) REFERENCES category (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_category_parent ON category (parent_id);

CREATE TABLE category_translation (
  category_id BIGINT NOT NULL,
  locale VARCHAR(5) NOT NULL,
  name VARCHAR(200) NOT NULL,
  slug VARCHAR(200) NOT NULL,
  description TEXT NULL,
  PRIMARY KEY (category_id, locale),
  CONSTRAINT uq_category_slug UNIQUE (locale, slug),
  CONSTRAINT fk_category_tr FOREIGN KEY (category_id) REFERENCES category (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE brand (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  slug VARCHAR(200) NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT uq_brand_slug UNIQUE (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE product (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  handle VARCHAR(100) NOT NULL,
  status VARCHAR(10) NOT NULL DEFAULT 'draft',
  brand_id BIGINT NULL,
  category_id BIGINT NULL,
  tax_class VARCHAR(20) NOT NULL DEFAULT 'standard',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT uq_product_handle UNIQUE (handle),
  CONSTRAINT fk_product_brand FOREIGN KEY (brand_id) REFERENCES brand (id),
  CONSTRAINT fk_product_category FOREIGN KEY (category_id) REFERENCES category (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_product_category ON product (category_id, status);
CREATE INDEX ix_product_brand ON product (brand_id);

CREATE TABLE product_translation (
  product_id BIGINT NOT NULL,
  locale VARCHAR(5) NOT NULL,
  name VARCHAR(255) NOT NULL,
  slug VARCHAR(255) NOT NULL,
  description TEXT NULL,
  PRIMARY KEY (product_id, locale),
  CONSTRAINT uq_product_slug UNIQUE (locale, slug),
  CONSTRAINT fk_product_tr FOREIGN KEY (product_id) REFERENCES product (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Secondary categories (the primary one is product.category_id).
CREATE TABLE product_category (
  product_id BIGINT NOT NULL,
  category_id BIGINT NOT NULL,
  PRIMARY KEY (product_id, category_id),
  CONSTRAINT fk_pc_product FOREIGN KEY (product_id) REFERENCES product (id) ON DELETE CASCADE,
  CONSTRAINT fk_pc_category FOREIGN KEY (category_id) REFERENCES category (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_product_category_cat ON product_category (category_id);

CREATE TABLE attribute (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(50) NOT NULL,
  filterable BOOLEAN NOT NULL DEFAULT FALSE,
  CONSTRAINT uq_attribute_code UNIQUE (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE attribute_translation (
  attribute_id BIGINT NOT NULL,
  locale VARCHAR(5) NOT NULL,
  label VARCHAR(100) NOT NULL,
  PRIMARY KEY (attribute_id, locale),
  CONSTRAINT fk_attribute_tr FOREIGN KEY (attribute_id) REFERENCES attribute (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE product_attribute (
  product_id BIGINT NOT NULL,
  attribute_id BIGINT NOT NULL,
  locale VARCHAR(5) NOT NULL,
  value VARCHAR(255) NOT NULL,
  PRIMARY KEY (product_id, attribute_id, locale),
  CONSTRAINT fk_pa_product FOREIGN KEY (product_id) REFERENCES product (id) ON DELETE CASCADE,
  CONSTRAINT fk_pa_attribute FOREIGN KEY (attribute_id) REFERENCES attribute (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_product_attribute_value ON product_attribute (attribute_id, locale, value);

CREATE TABLE product_image (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  product_id BIGINT NOT NULL,
  url VARCHAR(1000) NOT NULL,
  alt_text VARCHAR(255) NULL,
  position INT NOT NULL DEFAULT 0,
  CONSTRAINT fk_image_product FOREIGN KEY (product_id) REFERENCES product (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_product_image_product ON product_image (product_id, position);

-- A sellable unit. Available stock = stock_on_hand - stock_reserved; reservations happen at order
-- placement with a conditional atomic UPDATE, so concurrent checkouts can never oversell.
CREATE TABLE variant (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  product_id BIGINT NOT NULL,
  sku VARCHAR(64) NOT NULL,
  position INT NOT NULL DEFAULT 0,
  price_minor BIGINT NOT NULL,
  compare_at_minor BIGINT NULL,
  currency CHAR(3) NOT NULL DEFAULT 'EUR',
  stock_on_hand INT NOT NULL DEFAULT 0,
  stock_reserved INT NOT NULL DEFAULT 0,
  weight_grams INT NULL,
  status VARCHAR(10) NOT NULL DEFAULT 'active',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT uq_variant_sku UNIQUE (sku),
  CONSTRAINT fk_variant_product FOREIGN KEY (product_id) REFERENCES product (id) ON DELETE CASCADE,
  CONSTRAINT ck_variant_price CHECK (price_minor >= 0),
  CONSTRAINT ck_variant_reserved CHECK (stock_reserved >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_variant_product ON variant (product_id, position);

-- Option values of a variant (size, colour...), translated.
CREATE TABLE variant_option (
  variant_id BIGINT NOT NULL,
  option_code VARCHAR(50) NOT NULL,
  locale VARCHAR(5) NOT NULL,
  value VARCHAR(100) NOT NULL,
  position INT NOT NULL DEFAULT 0,
  PRIMARY KEY (variant_id, option_code, locale),
  CONSTRAINT fk_vo_variant FOREIGN KEY (variant_id) REFERENCES variant (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Append-only record of every stock change (why the numbers are what they are).
CREATE TABLE stock_movement (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  variant_id BIGINT NOT NULL,
  delta_on_hand INT NOT NULL DEFAULT 0,
  delta_reserved INT NOT NULL DEFAULT 0,
  reason VARCHAR(30) NOT NULL,
  reference VARCHAR(100) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT fk_sm_variant FOREIGN KEY (variant_id) REFERENCES variant (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_stock_movement_variant ON stock_movement (variant_id, created_at);
