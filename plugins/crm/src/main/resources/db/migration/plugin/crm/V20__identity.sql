-- Identity resolution: the plugin's own copy of customer identity data (from domain events), the
-- blocking keys that find candidates in milliseconds, the candidate pairs and the merchant's decisions.

-- One identity as seen in an event: a customer account or a guest order.
-- record_key: 'customer:<id>' or 'guest:<order number>'.
CREATE TABLE crm_identity_record (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  record_key VARCHAR(80) NOT NULL,
  customer_id BIGINT NULL,
  source VARCHAR(20) NOT NULL,
  given_name VARCHAR(200) NULL,
  family_name VARCHAR(200) NULL,
  email VARCHAR(320) NULL,
  phone VARCHAR(60) NULL,
  street VARCHAR(300) NULL,
  city VARCHAR(200) NULL,
  postcode VARCHAR(30) NULL,
  country VARCHAR(2) NULL,
  birth_date VARCHAR(20) NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL
);
CREATE UNIQUE INDEX crm_identity_record_key ON crm_identity_record (record_key);
CREATE INDEX crm_identity_record_customer ON crm_identity_record (customer_id);

-- Blocking keys of each record (several per record); a new record is compared only with records
-- sharing one of its keys.
CREATE TABLE crm_identity_key (
  block_key VARCHAR(255) NOT NULL,
  record_id BIGINT NOT NULL,
  PRIMARY KEY (block_key, record_id)
);
CREATE INDEX crm_identity_key_record ON crm_identity_key (record_id);

-- A candidate pair above the review threshold. record_a < record_b.
-- status: review, linked (auto-link), merged, kept_apart. core_merge_id: the core's merge of the two
-- customer accounts (SDK CustomerMerges), kept to undo it.
CREATE TABLE crm_identity_match (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  record_a BIGINT NOT NULL,
  record_b BIGINT NOT NULL,
  probability DOUBLE NOT NULL,
  weight DOUBLE NOT NULL,
  pattern BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  decided_at DATETIME(6) NULL,
  decided_by VARCHAR(100) NULL,
  core_merge_id BIGINT NULL
);
CREATE UNIQUE INDEX crm_identity_match_pair ON crm_identity_match (record_a, record_b);
CREATE INDEX crm_identity_match_status ON crm_identity_match (status, probability);

-- Every decision, append-only: undo restores the status before the last decision.
CREATE TABLE crm_identity_decision (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  match_id BIGINT NOT NULL,
  from_status VARCHAR(16) NOT NULL,
  to_status VARCHAR(16) NOT NULL,
  actor VARCHAR(100) NOT NULL,
  decided_at DATETIME(6) NOT NULL
);
CREATE INDEX crm_identity_decision_match ON crm_identity_decision (match_id, id);
