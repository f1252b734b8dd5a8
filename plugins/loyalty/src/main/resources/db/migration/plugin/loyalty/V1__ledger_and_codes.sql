-- Tables of the loyalty plugin (prefix loyalty_). Same SQL on H2 (MySQL mode) and MariaDB; indexes in
-- separate CREATE INDEX statements.

-- One row per customer known to the programme. It is the LOCK of the customer's ledger: every write
-- starts with SELECT ... FOR UPDATE on it, so writes of one customer are serialised on every node.
-- It holds no balance: balances are always summed from movements.
CREATE TABLE loyalty_account (
  customer_id BIGINT NOT NULL PRIMARY KEY,
  email VARCHAR(254) NULL,
  birthday CHAR(5) NULL,
  tier VARCHAR(32) NULL,
  anonymised BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME(6) NOT NULL
);

-- Points earned, by lot. status: pending (until available_at), available, expired, reversed.
-- remaining = what is left of this lot; it only changes together with an allocation row.
CREATE TABLE loyalty_lot (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  points BIGINT NOT NULL,
  remaining BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  source VARCHAR(32) NOT NULL,
  reference VARCHAR(64) NULL,
  available_at DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NULL,
  idempotency_key VARCHAR(160) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  CONSTRAINT uq_loyalty_lot_key UNIQUE (idempotency_key)
);
CREATE INDEX ix_loyalty_lot_customer ON loyalty_lot (customer_id, status);
CREATE INDEX ix_loyalty_lot_due ON loyalty_lot (status, available_at);
CREATE INDEX ix_loyalty_lot_expiry ON loyalty_lot (status, expires_at);
CREATE INDEX ix_loyalty_lot_reference ON loyalty_lot (reference);

-- Every change, append-only. points = effect on the AVAILABLE balance, pending_points = effect on the
-- pending balance (signed). kind: earn, confirm, spend, restore, reverse, expire, adjust.
-- shortfall = points a reversal could not take back (the balance is floored at 0, see README).
-- related_id: the movement a restore gives back, or the lot a reverse takes back.
CREATE TABLE loyalty_movement (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  points BIGINT NOT NULL,
  pending_points BIGINT NOT NULL,
  shortfall BIGINT NOT NULL DEFAULT 0,
  related_id BIGINT NULL,
  reference VARCHAR(64) NULL,
  reason VARCHAR(255) NULL,
  actor VARCHAR(120) NOT NULL,
  idempotency_key VARCHAR(160) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  CONSTRAINT uq_loyalty_movement_key UNIQUE (idempotency_key)
);
CREATE INDEX ix_loyalty_movement_customer ON loyalty_movement (customer_id, id);
CREATE INDEX ix_loyalty_movement_day ON loyalty_movement (created_at);
CREATE INDEX ix_loyalty_movement_related ON loyalty_movement (related_id);

-- Which lots a movement changed, and by how much (signed). For every lot:
-- remaining = SUM(delta); for every movement: points + pending_points = SUM(delta) + 0 (confirm moves
-- points from pending to available within one lot: no allocation).
CREATE TABLE loyalty_allocation (
  movement_id BIGINT NOT NULL,
  lot_id BIGINT NOT NULL,
  delta BIGINT NOT NULL,
  PRIMARY KEY (movement_id, lot_id)
);
CREATE INDEX ix_loyalty_allocation_lot ON loyalty_allocation (lot_id);

-- Orders seen (order.placed), for earning, reversal in proportion and "first order" rules.
CREATE TABLE loyalty_order (
  order_number VARCHAR(40) NOT NULL PRIMARY KEY,
  customer_id BIGINT NULL,
  email VARCHAR(254) NULL,
  currency CHAR(3) NOT NULL,
  total_minor BIGINT NOT NULL,
  earned BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  placed_at DATETIME(6) NOT NULL
);
CREATE INDEX ix_loyalty_order_customer ON loyalty_order (customer_id);
CREATE INDEX ix_loyalty_order_email ON loyalty_order (email);

-- What a checkout reserved for an order (points and/or a code). status: reserved, confirmed,
-- released (also a tombstone for a number released before it was reserved), cancelled.
CREATE TABLE loyalty_reservation (
  order_number VARCHAR(40) NOT NULL PRIMARY KEY,
  customer_id BIGINT NULL,
  email VARCHAR(254) NULL,
  points BIGINT NOT NULL DEFAULT 0,
  spend_movement_id BIGINT NULL,
  code VARCHAR(64) NULL,
  promo_id BIGINT NULL,
  status VARCHAR(16) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL
);
CREATE INDEX ix_loyalty_reservation_status ON loyalty_reservation (status, created_at);
CREATE INDEX ix_loyalty_reservation_promo ON loyalty_reservation (promo_id, customer_id);
CREATE INDEX ix_loyalty_reservation_promo_email ON loyalty_reservation (promo_id, email);

-- Promotions. kind: percent (value = percent 1..100), fixed (value = minor units), free_shipping.
-- used = uses reserved or confirmed (counted atomically at placement).
CREATE TABLE loyalty_promo (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(120) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  amount BIGINT NOT NULL,
  min_basket_minor BIGINT NOT NULL DEFAULT 0,
  starts_at DATETIME(6) NULL,
  ends_at DATETIME(6) NULL,
  product_ids VARCHAR(1000) NULL,
  category_ids VARCHAR(1000) NULL,
  usage_limit BIGINT NULL,
  per_customer_limit BIGINT NULL,
  first_order_only BOOLEAN NOT NULL DEFAULT FALSE,
  tier VARCHAR(32) NULL,
  combinable BOOLEAN NOT NULL DEFAULT TRUE,
  used BIGINT NOT NULL DEFAULT 0,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at DATETIME(6) NOT NULL
);

-- Codes of a promotion: one shared code, or many single-use codes (usage_limit 1).
CREATE TABLE loyalty_code (
  code VARCHAR(64) NOT NULL PRIMARY KEY,
  promo_id BIGINT NOT NULL,
  usage_limit BIGINT NULL,
  used BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX ix_loyalty_code_promo ON loyalty_code (promo_id);

-- What a shopper chose in the cart (points to use, a code), by cart token: the plugin's own memory of
-- the cart form (the core's cart has no such fields).
CREATE TABLE loyalty_cart_choice (
  cart_token VARCHAR(64) NOT NULL PRIMARY KEY,
  points BIGINT NOT NULL DEFAULT 0,
  code VARCHAR(64) NULL,
  updated_at DATETIME(6) NOT NULL
);

-- Campaigns: a multiplier (percent, 200 = double points) between two dates, optionally one category.
CREATE TABLE loyalty_campaign (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(120) NOT NULL,
  multiplier_pct INT NOT NULL,
  category_id BIGINT NULL,
  starts_at DATETIME(6) NOT NULL,
  ends_at DATETIME(6) NOT NULL
);
