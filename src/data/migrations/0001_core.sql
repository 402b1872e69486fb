-- Core schema: organisation tree, users and sessions, customers, complaints, their append-only event log,
-- clocks, links, attachments metadata, idempotency keys and the code counter.

CREATE TABLE org_nodes (
  id          text PRIMARY KEY,
  parent_id   text REFERENCES org_nodes(id),
  kind        text NOT NULL CHECK (kind IN ('group', 'company', 'unit', 'department')),
  name        text NOT NULL,
  policy_id   text,
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_nodes_parent_idx ON org_nodes (parent_id);

CREATE TABLE calendars (
  unit_id     text NOT NULL REFERENCES org_nodes(id),
  version     integer NOT NULL,
  config      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid,
  PRIMARY KEY (unit_id, version)
);

CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL UNIQUE,
  name          text NOT NULL,
  password_hash text NOT NULL,
  role          text NOT NULL,
  org_node_id   text REFERENCES org_nodes(id),
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users(id),
  kind        text NOT NULL DEFAULT 'bearer',
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE customers (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  phone       text,
  email       text,
  type        text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_phone_idx ON customers (phone);
CREATE INDEX customers_email_idx ON customers (lower(email));

-- A sequence, not a counter row: numbers are never reused (a rolled-back intake leaves a gap) and
-- concurrent intakes never wait on each other for a code.
CREATE SEQUENCE complaint_code_seq;

CREATE TABLE complaints (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code                text NOT NULL UNIQUE,
  unit_id             text NOT NULL REFERENCES org_nodes(id),
  policy_id           text NOT NULL,
  channel             text NOT NULL,
  status              text NOT NULL,
  qualification       text,
  category_id         text,
  level               text,
  level_rule          text,
  title               text NOT NULL,
  content             text NOT NULL,
  demands             text,
  customer_id         uuid NOT NULL REFERENCES customers(id),
  complainant_count   integer NOT NULL DEFAULT 1,
  incident_occurred_at timestamptz,
  incident_place      text,
  flags               jsonb NOT NULL DEFAULT '{}'::jsonb,
  batch_no            text,
  received_at         timestamptz NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  created_by          uuid REFERENCES users(id),
  lead_department_id  text REFERENCES org_nodes(id),
  co_department_ids   text[] NOT NULL DEFAULT '{}',
  repeat_count        integer NOT NULL DEFAULT 0,
  -- Complaints about the same matter from different customers within 30 days, this one included (R-SV-1).
  similar_count       integer NOT NULL DEFAULT 1,
  satisfaction        integer,
  report              jsonb,
  reply               jsonb,
  close_reason        text,
  closed_at           timestamptz,
  portal_secret_hash  text,
  signature           text[] NOT NULL DEFAULT '{}',
  next_due_at         timestamptz,
  -- When a time-based severity rule (e.g. unresolved one week, R-SV-1) could next raise the level.
  next_severity_check_at timestamptz,
  overdue             boolean NOT NULL DEFAULT false,
  version             integer NOT NULL DEFAULT 1
);
CREATE INDEX complaints_unit_received_idx ON complaints (unit_id, received_at DESC, id);
CREATE INDEX complaints_received_idx ON complaints (received_at DESC, id);
CREATE INDEX complaints_status_idx ON complaints (status);
CREATE INDEX complaints_customer_idx ON complaints (customer_id);
CREATE INDEX complaints_next_due_idx ON complaints (next_due_at, id) WHERE status <> 'closed';
CREATE INDEX complaints_overdue_idx ON complaints (unit_id) WHERE overdue AND status <> 'closed';
CREATE INDEX complaints_severity_check_idx ON complaints (next_severity_check_at) WHERE status <> 'closed';
CREATE INDEX complaints_similar_idx ON complaints (unit_id, category_id, received_at);

-- Append-only: rows are inserted with the change they describe and never updated or deleted (R-LC-1).
CREATE TABLE complaint_events (
  id            bigserial PRIMARY KEY,
  complaint_id  uuid NOT NULL REFERENCES complaints(id),
  seq           integer NOT NULL,
  type          text NOT NULL,
  actor_id      uuid,
  actor_label   text NOT NULL,
  at            timestamptz NOT NULL DEFAULT now(),
  data          jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Hash chain per complaint: hash = sha256(prev_hash || canonical event); see src/domain/event-chain.ts.
  prev_hash     text NOT NULL,
  hash          text NOT NULL,
  UNIQUE (complaint_id, seq)
);
CREATE INDEX complaint_events_type_at_idx ON complaint_events (type, at);

CREATE TABLE complaint_clocks (
  complaint_id  uuid NOT NULL REFERENCES complaints(id),
  name          text NOT NULL,
  rule_id       text NOT NULL,
  started_at    timestamptz NOT NULL,
  due_at        timestamptz NOT NULL,
  state         text NOT NULL,
  paused_ms     bigint NOT NULL DEFAULT 0,
  paused_at     timestamptz,
  pause_reason  text,
  met_at        timestamptz,
  breached_at   timestamptz,
  calendar_version integer NOT NULL DEFAULT 1,
  trace         jsonb NOT NULL DEFAULT '[]'::jsonb,
  PRIMARY KEY (complaint_id, name)
);
CREATE INDEX complaint_clocks_running_due_idx ON complaint_clocks (due_at) WHERE state = 'running';

CREATE TABLE complaint_links (
  from_id     uuid NOT NULL REFERENCES complaints(id),
  to_id       uuid NOT NULL REFERENCES complaints(id),
  kind        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (from_id, to_id, kind)
);
CREATE INDEX complaint_links_to_idx ON complaint_links (to_id);

CREATE TABLE attachments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id  uuid NOT NULL REFERENCES complaints(id),
  filename      text NOT NULL,
  mime          text NOT NULL,
  size          integer NOT NULL,
  sha256        text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid
);
CREATE INDEX attachments_complaint_idx ON attachments (complaint_id);

CREATE TABLE idempotency_keys (
  user_key      text NOT NULL,
  key           text NOT NULL,
  request_hash  text NOT NULL,
  complaint_id  uuid REFERENCES complaints(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_key, key)
);

CREATE TABLE extension_requests (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id  uuid NOT NULL REFERENCES complaints(id),
  clock         text NOT NULL,
  minutes       integer NOT NULL,
  reason        text NOT NULL,
  requested_by  uuid,
  requested_at  timestamptz NOT NULL DEFAULT now(),
  decided_by    uuid,
  decided_at    timestamptz,
  decision      text
);

CREATE TABLE notifications (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id    uuid REFERENCES complaints(id),
  recipient_role  text NOT NULL,
  org_node_id     text,
  kind            text NOT NULL,
  rule_id         text NOT NULL,
  subject         text NOT NULL,
  due_at          timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  read_at         timestamptz
);
CREATE INDEX notifications_role_idx ON notifications (recipient_role, due_at);
