-- Tables of the example-hello plugin. Every name starts with the plugin's prefix (example_hello_):
-- uninstalling "with data deleted" drops exactly these. Plain SQL that runs on H2 (MySQL mode) and
-- MySQL/MariaDB; indexes would go in separate CREATE INDEX statements.

-- Greetings served by GET /api/v1/plugins/example-hello/greetings.
CREATE TABLE example_hello_greeting (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  locale VARCHAR(5) NOT NULL,
  text VARCHAR(200) NOT NULL
);
INSERT INTO example_hello_greeting (locale, text) VALUES ('en', 'Hello');
INSERT INTO example_hello_greeting (locale, text) VALUES ('fr', 'Bonjour');

-- One row per order.placed event seen. The event id is the key: events are delivered at least once,
-- so a redelivered event must not be counted twice.
CREATE TABLE example_hello_orders (
  event_id VARCHAR(64) NOT NULL PRIMARY KEY,
  order_number VARCHAR(40) NOT NULL,
  total_minor BIGINT NOT NULL,
  currency CHAR(3) NOT NULL,
  counted_at DATETIME(6) NOT NULL
);
