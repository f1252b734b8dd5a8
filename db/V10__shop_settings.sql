-- Shop settings the admin console edits at run time (read from the database on every node, so a
-- change applies everywhere at once). A missing row means "use the configured default"
-- (shipping.flat-rate / shipping.free-threshold in brique.properties). Amounts in minor units of
-- the shop currency. The currency itself stays configuration (shop.currency): prices, carts and
-- orders carry it, so changing it at run time would mix currencies. VAT rates already live in the
-- tax_rate table (V1/V5) and are edited there.
CREATE TABLE shop_setting (
  name VARCHAR(60) PRIMARY KEY,
  value VARCHAR(200) NOT NULL,
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
