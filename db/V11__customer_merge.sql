-- Customer merges (SDK 1.2 CustomerMerges): who merged which account into which, what moved, and
-- the survivor's consents before the merge, so an undo restores exactly the previous state.

CREATE TABLE customer_merge (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  survivor_id BIGINT NOT NULL,
  merged_id BIGINT NOT NULL,
  status VARCHAR(10) NOT NULL,
  merged_previous_status VARCHAR(10) NOT NULL,
  survivor_consent_marketing BOOLEAN NOT NULL,
  survivor_consent_marketing_at DATETIME(6) NULL,
  survivor_consent_analytics BOOLEAN NOT NULL,
  survivor_consent_analytics_at DATETIME(6) NULL,
  orders_moved INT NOT NULL,
  addresses_moved INT NOT NULL,
  actor VARCHAR(254) NOT NULL,
  reason VARCHAR(500) NULL,
  created_at DATETIME(6) NOT NULL,
  undone_at DATETIME(6) NULL,
  undone_by VARCHAR(254) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_customer_merge_survivor ON customer_merge (survivor_id);
CREATE INDEX ix_customer_merge_merged ON customer_merge (merged_id);

-- What one merge moved: kind 'order' or 'address' (the address's default flag before the merge kept).
CREATE TABLE customer_merge_item (
  merge_id BIGINT NOT NULL,
  kind VARCHAR(10) NOT NULL,
  item_id BIGINT NOT NULL,
  was_default BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (merge_id, kind, item_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
