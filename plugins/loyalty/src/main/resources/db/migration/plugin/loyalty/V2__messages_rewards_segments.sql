-- Messages, reward catalogue, segment restrictions, promotion/campaign editing. Same SQL on H2 (MySQL
-- mode) and MariaDB.

-- The customer's language for messages (from customer.registered; French when unknown).
ALTER TABLE loyalty_account ADD COLUMN locale VARCHAR(5) NULL;

-- Messages to send (tier upgrade, points expiring, reward available): written in the same transaction
-- as what causes them, sent by a job through PluginContext.notify (idempotent per message_key), so a
-- crash between the two loses nothing and a retry sends nothing twice.
-- outcome: queued, duplicate, no_consent, unreachable (null while not sent).
CREATE TABLE loyalty_message (
  message_key VARCHAR(160) NOT NULL PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  kind VARCHAR(32) NOT NULL,
  params VARCHAR(500) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  outcome VARCHAR(16) NULL,
  created_at DATETIME(6) NOT NULL,
  sent_at DATETIME(6) NULL
);
CREATE INDEX ix_loyalty_message_due ON loyalty_message (sent_at, created_at);
CREATE INDEX ix_loyalty_message_customer ON loyalty_message (customer_id);

-- Segment restriction (the segment provider's segment name, e.g. "champions"); null = everyone.
ALTER TABLE loyalty_promo ADD COLUMN segment VARCHAR(64) NULL;
-- A promotion behind a reward is not listed with the merchant's promotions.
ALTER TABLE loyalty_promo ADD COLUMN reward_id BIGINT NULL;
ALTER TABLE loyalty_campaign ADD COLUMN segment VARCHAR(64) NULL;
ALTER TABLE loyalty_campaign ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;

-- Reward catalogue: points buy a single-use code of the reward's promotion (a coupon: fixed amount, a
-- free product: that product's price, free shipping).
CREATE TABLE loyalty_reward (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(120) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  cost_points BIGINT NOT NULL,
  promo_id BIGINT NOT NULL,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at DATETIME(6) NOT NULL
);

-- Rewards claimed: the spend movement and the code given; one row per idempotency key (form key).
CREATE TABLE loyalty_reward_claim (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  reward_id BIGINT NOT NULL,
  code VARCHAR(64) NOT NULL,
  points BIGINT NOT NULL,
  spend_movement_id BIGINT NOT NULL,
  idempotency_key VARCHAR(160) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  CONSTRAINT uq_loyalty_reward_claim_key UNIQUE (idempotency_key)
);
CREATE INDEX ix_loyalty_reward_claim_customer ON loyalty_reward_claim (customer_id, id);

-- Which generation run made a code (to download that run's codes as CSV); null for typed codes.
ALTER TABLE loyalty_code ADD COLUMN batch VARCHAR(36) NULL;
CREATE INDEX ix_loyalty_code_batch ON loyalty_code (batch);

-- Bumped in the transaction of every change of promotions, codes' rules, campaigns and rewards: the
-- pricing cache of every node compares it (one primary-key read at most every second) and reloads.
CREATE TABLE loyalty_generation (
  id INT NOT NULL PRIMARY KEY,
  generation BIGINT NOT NULL
);
INSERT INTO loyalty_generation (id, generation) VALUES (1, 0);
