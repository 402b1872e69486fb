-- Issue #14, item 6: e-mail intake over IMAP. A unit's mailboxes are polled by every app process
-- (src/jobs/mail-intake.job.ts); a process claims a due mailbox by its lease (FOR UPDATE SKIP LOCKED),
-- so two processes never poll one mailbox at once.
CREATE TABLE mailboxes (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id         text NOT NULL REFERENCES org_nodes(id),
  -- imap:// or imaps:// with the user and password: a secret, never returned by the API.
  url             text NOT NULL,
  folder          text NOT NULL DEFAULT 'INBOX',
  enabled         boolean NOT NULL DEFAULT true,
  -- 'env': the default mailbox of PLAINT_IMAP_URL / PLAINT_IMAP_UNIT, upserted at start-up (one row).
  source          text NOT NULL DEFAULT 'api' CHECK (source IN ('api', 'env')),
  -- Where the last poll stopped: messages above last_uid are new while the folder's UIDVALIDITY is the
  -- same. Only a shortcut: once-only is mail_intake's unique Message-ID, never the cursor or \Seen.
  uid_validity    bigint,
  last_uid        bigint NOT NULL DEFAULT 0,
  lease_until     timestamptz,
  last_polled_at  timestamptz,
  last_error      text,
  last_error_at   timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX mailboxes_env_idx ON mailboxes (source) WHERE source = 'env';
CREATE INDEX mailboxes_unit_idx ON mailboxes (unit_id);

-- Every message taken from a mailbox, once: by its Message-ID (or a hash of it when it has none).
CREATE TABLE mail_intake (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  mailbox_id    uuid NOT NULL REFERENCES mailboxes(id),
  message_id    text NOT NULL,
  uid           bigint,
  from_address  text,
  subject       text,
  -- The message's Date header as sent (null when absent or unreadable).
  sent_at       timestamptz,
  taken_at      timestamptz NOT NULL,
  size          integer NOT NULL,
  outcome       text NOT NULL CHECK (outcome IN ('created', 'joined', 'rejected')),
  complaint_id  uuid REFERENCES complaints(id),
  reason        text,
  -- Each attachment: [{ filename, size, stored, reason }], refused ones with their reason.
  attachments   jsonb NOT NULL DEFAULT '[]',
  UNIQUE (mailbox_id, message_id)
);
CREATE INDEX mail_intake_taken_idx ON mail_intake (taken_at DESC);
CREATE INDEX mail_intake_rejected_idx ON mail_intake (taken_at DESC) WHERE outcome = 'rejected';
