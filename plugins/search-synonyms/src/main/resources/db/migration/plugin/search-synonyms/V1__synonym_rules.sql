-- Tables of the search-synonyms plugin (prefix search_synonyms_). Plain SQL for H2 (MySQL mode) and MariaDB.

-- Merchant rules per locale. Terms are stored one per line (a term never contains a line break).
CREATE TABLE search_synonyms_rule (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  locale VARCHAR(5) NOT NULL,
  rule_type VARCHAR(12) NOT NULL,
  from_terms TEXT NOT NULL,
  to_terms TEXT NOT NULL,
  weight DOUBLE NOT NULL DEFAULT 1,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX ix_search_synonyms_rule_locale ON search_synonyms_rule (locale, id);

-- One row: bumped by every change, so each node reloads its compiled rules at its next tick.
CREATE TABLE search_synonyms_version (
  id INT NOT NULL PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO search_synonyms_version (id, version) VALUES (1, 1);
