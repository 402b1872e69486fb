-- Issue #14, items 3 and 4: delivery channels configured per company, and an outbox that neither loses
-- nor repeats. Outbox rows are written in the same statement as the notifications they carry
-- (src/data/intake-store.ts, src/data/complaint-write.ts); delivery happens after the commit, by the
-- worker of every app process (src/jobs/delivery.job.ts), which claims due rows FOR UPDATE SKIP LOCKED.
CREATE TABLE delivery_channels (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  company_id  text NOT NULL REFERENCES org_nodes(id),
  kind        text NOT NULL CHECK (kind IN ('email', 'wecom', 'dingtalk', 'feishu', 'webhook')),
  name        text NOT NULL,
  -- A robot's or webhook's URL; for e-mail an smtp:// URL (null: PLAINT_SMTP_URL).
  url         text,
  -- Write-only through the API: robot signing secrets, webhook HMAC keys.
  secret      text,
  -- Notification kinds and levels this channel carries; empty = all.
  kinds       text[] NOT NULL DEFAULT '{}',
  levels      text[] NOT NULL DEFAULT '{}',
  enabled     boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delivery_channels_company_idx ON delivery_channels (company_id);

-- Channels are kept in each process's configuration copy (src/data/config-cache.ts, migration 0008).
CREATE TRIGGER delivery_channels_config_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON delivery_channels
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();

CREATE TABLE outbox (
  -- The stable message id: Message-ID <id@plaint>, X-Plaint-Delivery and Idempotency-Key headers.
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  notification_id  uuid REFERENCES notifications(id),
  complaint_id     uuid REFERENCES complaints(id),
  channel_id       uuid REFERENCES delivery_channels(id) ON DELETE SET NULL,
  transport        text NOT NULL CHECK (transport IN ('email', 'wecom', 'dingtalk', 'feishu', 'webhook')),
  recipient        text NOT NULL,
  payload          jsonb NOT NULL,
  state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts         int NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  delivered_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_complaint_idx ON outbox (complaint_id);
CREATE INDEX outbox_failed_idx ON outbox (created_at) WHERE state = 'failed';

ALTER TABLE users ADD COLUMN notify_email boolean NOT NULL DEFAULT true;
