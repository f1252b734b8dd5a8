-- Tables of the analytics plugin (prefix analytics_). Plain SQL for H2 (MySQL mode) and MariaDB;
-- indexes as separate statements. Ids of events are made by the plugin (time-ordered longs) so that
-- an event and its items go in with two JDBC batches and no generated-key round trip.

-- One row per collected event (page view, click, e-commerce step, server-side domain event).
-- visitor_key: in audience mode a daily hash (no identity across days), in consented mode the
-- first-party visitor id. customer_id only in consented mode.
CREATE TABLE analytics_event (
  id BIGINT NOT NULL PRIMARY KEY,
  event_uid VARCHAR(64) NULL,
  occurred_at DATETIME(3) NOT NULL,
  name VARCHAR(40) NOT NULL,
  origin VARCHAR(8) NOT NULL,
  visitor_key VARCHAR(64) NOT NULL,
  customer_id BIGINT NULL,
  consented BOOLEAN NOT NULL,
  page VARCHAR(512) NULL,
  referrer_host VARCHAR(255) NULL,
  channel VARCHAR(16) NULL,
  source VARCHAR(100) NULL,
  medium VARCHAR(100) NULL,
  campaign VARCHAR(100) NULL,
  value_minor BIGINT NULL,
  currency CHAR(3) NULL,
  transaction_id VARCHAR(64) NULL,
  search_term VARCHAR(200) NULL,
  result_count INT NULL,
  target VARCHAR(200) NULL
);
CREATE UNIQUE INDEX analytics_event_uid ON analytics_event (event_uid);
CREATE INDEX analytics_event_time ON analytics_event (occurred_at);
CREATE INDEX analytics_event_visitor ON analytics_event (visitor_key, occurred_at);
CREATE INDEX analytics_event_customer ON analytics_event (customer_id);

-- The items[] of an event (GA4 shape).
CREATE TABLE analytics_event_item (
  event_id BIGINT NOT NULL,
  idx INT NOT NULL,
  item_id VARCHAR(64) NOT NULL,
  item_name VARCHAR(200) NULL,
  category VARCHAR(100) NULL,
  price_minor BIGINT NULL,
  quantity INT NOT NULL,
  PRIMARY KEY (event_id, idx)
);

-- Orders (web from the core's order.placed, api from purchase events, store from the CSV import).
-- Revenue is net of refunds: total_minor - refunded_minor, in the order's own currency.
CREATE TABLE analytics_order (
  order_key VARCHAR(80) NOT NULL PRIMARY KEY,
  number VARCHAR(64) NULL,
  placed_at DATETIME(3) NOT NULL,
  origin VARCHAR(8) NOT NULL,
  customer_id BIGINT NULL,
  visitor_key VARCHAR(64) NULL,
  currency CHAR(3) NOT NULL,
  total_minor BIGINT NOT NULL,
  refunded_minor BIGINT NOT NULL DEFAULT 0,
  status VARCHAR(20) NOT NULL
);
CREATE INDEX analytics_order_time ON analytics_order (placed_at);
CREATE INDEX analytics_order_customer ON analytics_order (customer_id);

CREATE TABLE analytics_order_line (
  order_key VARCHAR(80) NOT NULL,
  idx INT NOT NULL,
  item_id VARCHAR(64) NOT NULL,
  item_name VARCHAR(200) NULL,
  category VARCHAR(100) NULL,
  quantity INT NOT NULL,
  total_minor BIGINT NOT NULL,
  PRIMARY KEY (order_key, idx)
);

-- Daily salts of the consent-free mode: a visitor key is a hash of the salt of the day, the truncated
-- IP and the user agent. Salts older than yesterday are deleted, after which keys cannot be linked.
CREATE TABLE analytics_salt (
  salt_day CHAR(10) NOT NULL PRIMARY KEY,
  salt CHAR(64) NOT NULL
);
