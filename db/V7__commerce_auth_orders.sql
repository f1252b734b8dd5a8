-- Commerce additions: login throttling shared by all nodes, and an unguessable token per order so a
-- guest's confirmation page cannot be reached by guessing order numbers.

CREATE TABLE login_attempt (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(254) NOT NULL,
  succeeded BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_login_attempt_email ON login_attempt (email, created_at);

ALTER TABLE orders ADD COLUMN access_token CHAR(43) NULL;
CREATE UNIQUE INDEX uq_orders_access_token ON orders (access_token);
