-- Tables of the recommendations brick (prefix recommendations_). SQL for H2 (MySQL mode) and MariaDB.

-- What the models learn from, one row per product of an event: 'o' ordered (basket = order id),
-- 'v' viewed, 'c' added to a cart (basket = cart token). Keyed by event id and product so a
-- redelivered event is stored once.
CREATE TABLE recommendations_event (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  event_id VARCHAR(64) NOT NULL,
  kind CHAR(1) NOT NULL,
  customer_id BIGINT NULL,
  visitor VARCHAR(64) NULL,
  basket VARCHAR(64) NULL,
  product_id BIGINT NOT NULL,
  quantity INT NOT NULL DEFAULT 1,
  at DATETIME(6) NOT NULL,
  CONSTRAINT uq_recommendations_event UNIQUE (event_id, product_id)
);
CREATE INDEX ix_recommendations_event_at ON recommendations_event (at);
CREATE INDEX ix_recommendations_event_customer ON recommendations_event (customer_id, at);

-- Trained models: a header per model and its bytes in chunks (no row near the packet limit).
CREATE TABLE recommendations_model (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  trained_at DATETIME(6) NOT NULL,
  items INT NOT NULL,
  pairs INT NOT NULL,
  coverage DOUBLE NOT NULL,
  training_ms BIGINT NOT NULL,
  orders INT NOT NULL,
  sessions INT NOT NULL,
  bytes INT NOT NULL
);
CREATE TABLE recommendations_model_chunk (
  model_id BIGINT NOT NULL,
  seq INT NOT NULL,
  data MEDIUMBLOB NOT NULL,
  PRIMARY KEY (model_id, seq)
);

-- Merchant rules: pin (shown first), boost (score multiplier), ban (never shown); placement NULL = all.
CREATE TABLE recommendations_rule (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(10) NOT NULL,
  placement VARCHAR(20) NULL,
  product_id BIGINT NOT NULL,
  factor DOUBLE NOT NULL DEFAULT 1,
  created_at DATETIME(6) NOT NULL
);

-- Experiment counters per variant and day (impressions counted in memory, flushed every few seconds).
CREATE TABLE recommendations_experiment_stat (
  experiment VARCHAR(60) NOT NULL,
  variant VARCHAR(40) NOT NULL,
  stat_day DATE NOT NULL,
  impressions BIGINT NOT NULL DEFAULT 0,
  clicks BIGINT NOT NULL DEFAULT 0,
  add_to_carts BIGINT NOT NULL DEFAULT 0,
  orders BIGINT NOT NULL DEFAULT 0,
  revenue_minor BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (experiment, variant, stat_day)
);
