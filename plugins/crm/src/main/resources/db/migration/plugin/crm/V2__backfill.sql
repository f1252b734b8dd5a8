-- Progress of the initial back-fill of existing customers and orders (one row; run counts re-runs so
-- their message ids differ from the previous run's).
CREATE TABLE crm_backfill (
  id INT PRIMARY KEY,
  run INT NOT NULL,
  status VARCHAR(16) NOT NULL,
  phase VARCHAR(16) NOT NULL,
  cursor_id BIGINT NOT NULL,
  done_customers BIGINT NOT NULL,
  done_orders BIGINT NOT NULL,
  total_customers BIGINT NOT NULL,
  total_orders BIGINT NOT NULL,
  started_at DATETIME(6) NULL,
  finished_at DATETIME(6) NULL,
  last_error VARCHAR(1000) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
