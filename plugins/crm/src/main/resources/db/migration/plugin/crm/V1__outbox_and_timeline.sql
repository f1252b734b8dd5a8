-- The CRM brick's sync half: the outbox of CRM updates (one row per shop event, idempotent by event id),
-- what it knows of customers and carts (for consent, abandoned carts and the timeline), the inbound
-- replay guard, the timeline and the record of erasures. The identity half uses V20 and up.

CREATE TABLE crm_outbox (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  event_id VARCHAR(64) NOT NULL,
  customer_key VARCHAR(120) NOT NULL,
  kind VARCHAR(40) NOT NULL,
  entity_id VARCHAR(64) NOT NULL,
  payload TEXT NOT NULL,
  status VARCHAR(16) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6) NOT NULL,
  last_error VARCHAR(2000) NULL,
  occurred_at DATETIME(6) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  sent_at DATETIME(6) NULL,
  CONSTRAINT uq_crm_outbox_event UNIQUE (event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- due updates in order; the head of each customer (NOT EXISTS on an older queued row) from the index alone
CREATE INDEX ix_crm_outbox_status ON crm_outbox (status, id);
CREATE INDEX ix_crm_outbox_customer ON crm_outbox (customer_key, status, id);

CREATE TABLE crm_customer (
  customer_id BIGINT PRIMARY KEY,
  email VARCHAR(254) NULL,
  first_name VARCHAR(120) NULL,
  last_name VARCHAR(120) NULL,
  locale VARCHAR(10) NULL,
  consent_marketing BOOLEAN NOT NULL DEFAULT FALSE,
  updated_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE crm_cart (
  cart_token VARCHAR(100) PRIMARY KEY,
  customer_id BIGINT NULL,
  currency VARCHAR(3) NULL,
  value_minor BIGINT NOT NULL DEFAULT 0,
  item_count INT NOT NULL DEFAULT 0,
  status VARCHAR(16) NOT NULL,
  last_change_at DATETIME(6) NOT NULL,
  abandoned_at DATETIME(6) NULL,
  order_number VARCHAR(64) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_crm_cart_status ON crm_cart (status, last_change_at);

CREATE TABLE crm_cart_line (
  cart_token VARCHAR(100) NOT NULL,
  variant_id BIGINT NOT NULL,
  sku VARCHAR(100) NULL,
  quantity INT NOT NULL,
  unit_price_minor BIGINT NOT NULL,
  PRIMARY KEY (cart_token, variant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE crm_inbound_seen (
  message_id VARCHAR(120) PRIMARY KEY,
  received_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_crm_inbound_seen_at ON crm_inbound_seen (received_at);

CREATE TABLE crm_timeline (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  source VARCHAR(16) NOT NULL,
  kind VARCHAR(30) NOT NULL,
  title VARCHAR(255) NOT NULL,
  body VARCHAR(4000) NULL,
  ref VARCHAR(120) NOT NULL,
  occurred_at DATETIME(6) NOT NULL,
  CONSTRAINT uq_crm_timeline_ref UNIQUE (ref)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_crm_timeline_customer ON crm_timeline (customer_id, occurred_at);

CREATE TABLE crm_erasure (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  requested_at DATETIME(6) NOT NULL,
  outbox_event_id VARCHAR(64) NOT NULL,
  note VARCHAR(1000) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
