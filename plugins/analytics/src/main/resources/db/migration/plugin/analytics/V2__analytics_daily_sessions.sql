-- Daily rollup: the visits of each finished day, sessionised once by the once-per-cluster rollup job
-- (Rollup) instead of on every report. A report reads the rows of rolled days and computes only the
-- other days (today, days not rolled yet, days marked dirty by a late event) from analytics_event.
CREATE TABLE analytics_session (
  visit_day DATE NOT NULL,
  seq INT NOT NULL,
  visitor_key VARCHAR(64) NOT NULL,
  started_at DATETIME(3) NOT NULL,
  ended_at DATETIME(3) NOT NULL,
  channel VARCHAR(16) NOT NULL,
  source VARCHAR(100) NULL,
  medium VARCHAR(100) NULL,
  campaign VARCHAR(100) NULL,
  landing_page VARCHAR(512) NULL,
  page_views INT NOT NULL,
  bounce BOOLEAN NOT NULL,
  conversions INT NOT NULL,
  revenue VARCHAR(200) NULL,
  exit_search VARCHAR(200) NULL,
  PRIMARY KEY (visit_day, seq)
);
CREATE INDEX analytics_session_visitor ON analytics_session (visitor_key);

-- One row per rolled day. complete: its sessions are written. dirty: an event of that day (or of the
-- first hours of the next one, which can extend its last visits) was written after the roll started:
-- the day is computed live until it is rolled again. Reports use only complete, clean days.
CREATE TABLE analytics_rollup (
  roll_day DATE NOT NULL PRIMARY KEY,
  rolled_at DATETIME(3) NOT NULL,
  complete BOOLEAN NOT NULL,
  dirty BOOLEAN NOT NULL
);

-- Reports that read only some events (site search, funnel steps) scan by name and time.
CREATE INDEX analytics_event_name ON analytics_event (name, occurred_at);
