-- Admin console: back-office users, roles and their permissions, sessions, login throttling, the
-- one-time setup token of the first owner, and the audit log of who changed what.

CREATE TABLE admin_role (
  name VARCHAR(40) PRIMARY KEY,
  builtin BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE admin_role_permission (
  role_name VARCHAR(40) NOT NULL,
  permission VARCHAR(100) NOT NULL,
  PRIMARY KEY (role_name, permission),
  CONSTRAINT fk_admin_role_permission_role FOREIGN KEY (role_name) REFERENCES admin_role (name) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE admin_user (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(254) NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  password_hash VARCHAR(200) NOT NULL,
  role_name VARCHAR(40) NOT NULL,
  status VARCHAR(12) NOT NULL DEFAULT 'active',
  locale VARCHAR(8) NULL,
  locked_until DATETIME(6) NULL,
  last_login_at DATETIME(6) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT fk_admin_user_role FOREIGN KEY (role_name) REFERENCES admin_role (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE UNIQUE INDEX uq_admin_user_email ON admin_user (email);

-- Sessions: only the SHA-256 of the cookie value is stored.
CREATE TABLE admin_session (
  id CHAR(64) PRIMARY KEY,
  user_id BIGINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  last_seen_at DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  ip VARCHAR(45) NULL,
  CONSTRAINT fk_admin_session_user FOREIGN KEY (user_id) REFERENCES admin_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_admin_session_user ON admin_session (user_id);

CREATE TABLE admin_login_attempt (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(254) NOT NULL,
  ip VARCHAR(45) NOT NULL,
  succeeded BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_admin_login_attempt_email ON admin_login_attempt (email, created_at);
CREATE INDEX ix_admin_login_attempt_ip ON admin_login_attempt (ip, created_at);

-- The one-time token of the first-owner setup page (printed in the log), hashed.
CREATE TABLE admin_setup_token (
  token_sha256 CHAR(64) PRIMARY KEY,
  created_at DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE admin_audit (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  created_at DATETIME(6) NOT NULL,
  actor_id BIGINT NULL,
  actor_email VARCHAR(254) NULL,
  action VARCHAR(60) NOT NULL,
  target VARCHAR(200) NULL,
  summary VARCHAR(2000) NULL,
  ip VARCHAR(45) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_admin_audit_created ON admin_audit (created_at);
CREATE INDEX ix_admin_audit_actor ON admin_audit (actor_email, created_at);

-- Built-in roles. The owner holds every permission (checked in code, never stored); manager and
-- staff start with these and can be edited in the role editor.
INSERT INTO admin_role (name, builtin) VALUES ('owner', TRUE);
INSERT INTO admin_role (name, builtin) VALUES ('manager', TRUE);
INSERT INTO admin_role (name, builtin) VALUES ('staff', TRUE);
INSERT INTO admin_role_permission (role_name, permission) VALUES ('manager', 'dashboard.view');
INSERT INTO admin_role_permission (role_name, permission) VALUES ('manager', 'catalog.view');
INSERT INTO admin_role_permission (role_name, permission) VALUES ('manager', 'catalog.edit');
INSERT INTO admin_role_permission (role_name, permission) VALUES ('manager', 'orders.view');
INSERT INTO admin_role_permission (role_name, permission) VALUES ('manager', 'orders.manage');
INSERT INTO admin_role_permission (role_name, permission) VALUES ('manager', 'customers.view');
INSERT INTO admin_role_permission (role_name, permission) VALUES ('manager', 'customers.manage');
INSERT INTO admin_role_permission (role_name, permission) VALUES ('manager', 'stores.manage');
INSERT INTO admin_role_permission (role_name, permission) VALUES ('manager', 'plugins.view');
INSERT INTO admin_role_permission (role_name, permission) VALUES ('manager', 'plugins.admin');
INSERT INTO admin_role_permission (role_name, permission) VALUES ('manager', 'audit.view');
INSERT INTO admin_role_permission (role_name, permission) VALUES ('staff', 'dashboard.view');
INSERT INTO admin_role_permission (role_name, permission) VALUES ('staff', 'catalog.view');
INSERT INTO admin_role_permission (role_name, permission) VALUES ('staff', 'orders.view');
INSERT INTO admin_role_permission (role_name, permission) VALUES ('staff', 'customers.view');
