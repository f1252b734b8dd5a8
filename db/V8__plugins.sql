-- Installed plugins and their settings. The desired state lives here, so it survives restarts and
-- every node of a cluster converges to it.

CREATE TABLE plugin_installation (
  plugin_id VARCHAR(64) PRIMARY KEY,
  version VARCHAR(40) NOT NULL,
  status VARCHAR(12) NOT NULL,
  jar_file VARCHAR(500) NOT NULL,
  jar_sha256 CHAR(64) NOT NULL,
  description VARCHAR(500) NULL,
  provider VARCHAR(200) NULL,
  dependencies VARCHAR(500) NULL,
  settings_schema TEXT NULL,
  error_count INT NOT NULL DEFAULT 0,
  last_error VARCHAR(2000) NULL,
  installed_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  revision BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE plugin_setting (
  plugin_id VARCHAR(64) NOT NULL,
  setting_key VARCHAR(100) NOT NULL,
  value TEXT NULL,
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (plugin_id, setting_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The plugin jars themselves, so every node of a cluster can load the same artifact.
CREATE TABLE plugin_artifact (
  sha256 CHAR(64) PRIMARY KEY,
  plugin_id VARCHAR(64) NOT NULL,
  version VARCHAR(40) NOT NULL,
  content LONGBLOB NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_plugin_artifact_plugin ON plugin_artifact (plugin_id);
