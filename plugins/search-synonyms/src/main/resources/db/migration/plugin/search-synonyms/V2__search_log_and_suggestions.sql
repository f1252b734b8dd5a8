-- What the miner learns from: searches and product views per shopper session (logged-in customer or
-- visitor id when the events carry one), kept 30 days (seq: the outbox position, orders events of the same millisecond); and its suggestions with the merchant's decision.

CREATE TABLE search_synonyms_search_log (
  event_id VARCHAR(64) NOT NULL PRIMARY KEY,
  session_key VARCHAR(100) NOT NULL,
  locale VARCHAR(5) NOT NULL,
  query VARCHAR(200) NOT NULL,
  results INT NOT NULL,
  at_millis BIGINT NOT NULL,
  seq BIGINT NOT NULL
);
CREATE INDEX ix_search_synonyms_search_log_at ON search_synonyms_search_log (at_millis);

CREATE TABLE search_synonyms_click_log (
  event_id VARCHAR(64) NOT NULL PRIMARY KEY,
  session_key VARCHAR(100) NOT NULL,
  product_id BIGINT NOT NULL,
  at_millis BIGINT NOT NULL,
  seq BIGINT NOT NULL
);
CREATE INDEX ix_search_synonyms_click_log_at ON search_synonyms_click_log (at_millis);

-- status: pending, accepted, rejected. A rejected (or accepted) key is never suggested again.
CREATE TABLE search_synonyms_suggestion (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  locale VARCHAR(5) NOT NULL,
  rule_key VARCHAR(400) NOT NULL,
  rule_type VARCHAR(12) NOT NULL,
  from_terms VARCHAR(300) NOT NULL,
  to_terms VARCHAR(300) NOT NULL,
  confidence DOUBLE NOT NULL,
  sessions INT NOT NULL,
  evidence VARCHAR(1000) NOT NULL,
  status VARCHAR(10) NOT NULL DEFAULT 'pending',
  CONSTRAINT uq_search_synonyms_suggestion UNIQUE (locale, rule_key)
);
