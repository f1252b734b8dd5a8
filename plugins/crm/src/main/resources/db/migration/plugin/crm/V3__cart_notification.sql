-- Abandoned-cart notifications to the customer (SDK 1.2 PluginContext.notify): when it was handed to
-- the shop and what the shop said (QUEUED, DUPLICATE, NO_CONSENT, UNREACHABLE).
ALTER TABLE crm_cart ADD COLUMN notified_at DATETIME(6) NULL;
ALTER TABLE crm_cart ADD COLUMN notify_outcome VARCHAR(20) NULL;
