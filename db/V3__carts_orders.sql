-- Stores, carts, orders, payments and refunds.

CREATE TABLE store (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(30) NOT NULL,
  name VARCHAR(100) NOT NULL,
  line1 VARCHAR(200) NOT NULL,
  postcode VARCHAR(20) NOT NULL,
  city VARCHAR(100) NOT NULL,
  country_code CHAR(2) NOT NULL,
  phone VARCHAR(32) NULL,
  click_and_collect BOOLEAN NOT NULL DEFAULT TRUE,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  CONSTRAINT uq_store_code UNIQUE (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A cart is addressed by a random public token (cookie for the storefront, path for the API).
CREATE TABLE cart (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  token CHAR(36) NOT NULL,
  customer_id BIGINT NULL,
  currency CHAR(3) NOT NULL DEFAULT 'EUR',
  country_code CHAR(2) NOT NULL DEFAULT 'FR',
  locale VARCHAR(5) NOT NULL DEFAULT 'fr',
  status VARCHAR(12) NOT NULL DEFAULT 'active',
  order_id BIGINT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  version INT NOT NULL DEFAULT 0,
  CONSTRAINT uq_cart_token UNIQUE (token),
  CONSTRAINT fk_cart_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_cart_customer ON cart (customer_id, status);
CREATE INDEX ix_cart_updated ON cart (status, updated_at);

CREATE TABLE cart_line (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  cart_id BIGINT NOT NULL,
  variant_id BIGINT NOT NULL,
  quantity INT NOT NULL,
  added_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT uq_cart_line UNIQUE (cart_id, variant_id),
  CONSTRAINT fk_cart_line_cart FOREIGN KEY (cart_id) REFERENCES cart (id) ON DELETE CASCADE,
  CONSTRAINT fk_cart_line_variant FOREIGN KEY (variant_id) REFERENCES variant (id) ON DELETE CASCADE,
  CONSTRAINT ck_cart_line_qty CHECK (quantity > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Orders. cart_id and idempotency_key are UNIQUE: a cart becomes at most one order and a retried
-- submit with the same key finds the first order instead of creating a second.
CREATE TABLE orders (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  number VARCHAR(20) NULL,
  channel VARCHAR(20) NOT NULL,
  status VARCHAR(12) NOT NULL,
  customer_id BIGINT NULL,
  email VARCHAR(254) NOT NULL,
  locale VARCHAR(5) NOT NULL,
  currency CHAR(3) NOT NULL,
  subtotal_minor BIGINT NOT NULL,
  discount_minor BIGINT NOT NULL DEFAULT 0,
  shipping_minor BIGINT NOT NULL DEFAULT 0,
  tax_minor BIGINT NOT NULL DEFAULT 0,
  total_minor BIGINT NOT NULL,
  refunded_minor BIGINT NOT NULL DEFAULT 0,
  shipping_method VARCHAR(30) NOT NULL,
  store_id BIGINT NULL,
  payment_method VARCHAR(40) NOT NULL,
  addr_first_name VARCHAR(100) NULL,
  addr_last_name VARCHAR(100) NULL,
  addr_line1 VARCHAR(200) NULL,
  addr_line2 VARCHAR(200) NULL,
  addr_postcode VARCHAR(20) NULL,
  addr_city VARCHAR(100) NULL,
  addr_country CHAR(2) NULL,
  addr_phone VARCHAR(32) NULL,
  cart_id BIGINT NULL,
  idempotency_key VARCHAR(100) NULL,
  external_ref VARCHAR(100) NULL,
  placed_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  version INT NOT NULL DEFAULT 0,
  CONSTRAINT uq_orders_number UNIQUE (number),
  CONSTRAINT uq_orders_cart UNIQUE (cart_id),
  CONSTRAINT uq_orders_idem UNIQUE (idempotency_key),
  CONSTRAINT uq_orders_external UNIQUE (store_id, external_ref),
  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE SET NULL,
  CONSTRAINT fk_orders_store FOREIGN KEY (store_id) REFERENCES store (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_orders_customer ON orders (customer_id, placed_at);
CREATE INDEX ix_orders_status ON orders (status, placed_at);
CREATE INDEX ix_orders_placed ON orders (placed_at);

CREATE TABLE order_line (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT NOT NULL,
  variant_id BIGINT NULL,
  product_id BIGINT NULL,
  sku VARCHAR(64) NOT NULL,
  name VARCHAR(255) NOT NULL,
  options_label VARCHAR(255) NULL,
  quantity INT NOT NULL,
  unit_price_minor BIGINT NOT NULL,
  tax_rate_bp INT NOT NULL,
  line_total_minor BIGINT NOT NULL,
  line_tax_minor BIGINT NOT NULL,
  CONSTRAINT fk_order_line_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_order_line_order ON order_line (order_id);
CREATE INDEX ix_order_line_variant ON order_line (variant_id);

-- Discounts and other adjustments contributed at checkout (by the core or by plugins), frozen.
CREATE TABLE order_adjustment (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT NOT NULL,
  source VARCHAR(64) NOT NULL,
  code VARCHAR(64) NOT NULL,
  label VARCHAR(255) NOT NULL,
  amount_minor BIGINT NOT NULL,
  CONSTRAINT fk_order_adj_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_order_adjustment_order ON order_adjustment (order_id);

CREATE TABLE order_status_change (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT NOT NULL,
  from_status VARCHAR(12) NULL,
  to_status VARCHAR(12) NOT NULL,
  note VARCHAR(500) NULL,
  actor VARCHAR(100) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT fk_osc_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_order_status_change_order ON order_status_change (order_id);

CREATE TABLE payment (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT NOT NULL,
  provider VARCHAR(40) NOT NULL,
  method VARCHAR(40) NOT NULL,
  status VARCHAR(12) NOT NULL,
  amount_minor BIGINT NOT NULL,
  currency CHAR(3) NOT NULL,
  reference VARCHAR(100) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT fk_payment_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_payment_order ON payment (order_id);

CREATE TABLE refund (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT NOT NULL,
  amount_minor BIGINT NOT NULL,
  reason VARCHAR(500) NULL,
  restock BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT fk_refund_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT ck_refund_amount CHECK (amount_minor > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_refund_order ON refund (order_id);
