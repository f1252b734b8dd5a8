-- Transactional outbox of domain events, per-consumer delivery progress, dead letters,
-- the e-mail outbox and cluster-wide leases (a scheduled job runs on one node at a time).

CREATE TABLE outbox_event (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  event_id CHAR(36) NOT NULL,
  type VARCHAR(100) NOT NULL,
  aggregate_type VARCHAR(50) NOT NULL,
  aggregate_id VARCHAR(64) NOT NULL,
  payload TEXT NOT NULL,
  occurred_at DATETIME(6) NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT uq_outbox_event_id UNIQUE (event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_outbox_event_created ON outbox_event (created_at);

CREATE TABLE outbox_consumer (
  name VARCHAR(100) PRIMARY KEY,
  last_event_id BIGINT NOT NULL DEFAULT 0,
  owner VARCHAR(100) NULL,
  lease_until DATETIME(6) NULL,
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE outbox_dead_letter (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  consumer VARCHAR(100) NOT NULL,
  outbox_id BIGINT NOT NULL,
  attempts INT NOT NULL,
  last_error VARCHAR(2000) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  replayed_at DATETIME(6) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_dead_letter_consumer ON outbox_dead_letter (consumer, replayed_at);

CREATE TABLE email_outbox (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  recipient VARCHAR(254) NOT NULL,
  subject VARCHAR(255) NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT NULL,
  kind VARCHAR(50) NOT NULL,
  reference VARCHAR(100) NULL,
  status VARCHAR(10) NOT NULL DEFAULT 'pending',
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  last_error VARCHAR(2000) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  sent_at DATETIME(6) NULL,
  CONSTRAINT uq_email_kind_ref UNIQUE (kind, reference)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_email_outbox_due ON email_outbox (status, next_attempt_at);

CREATE TABLE cluster_lease (
  name VARCHAR(100) PRIMARY KEY,
  owner VARCHAR(100) NOT NULL,
  lease_until DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
