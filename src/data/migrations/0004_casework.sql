-- Casework after intake (R-NT-1, R-EM-1, R-CA-1, R-CA-2, R-RP-2): special reports and weekly progress
-- entries, the major-complaint emergency response, corrective action (CAPA / 8D), manufacturing returns
-- and the case library. Every change here is also written to the complaint's event log.

-- One special report per complaint (Vanke 5.5.2.3 / 5.5.2.4): drafted from the record, edited, approved.
CREATE TABLE special_reports (
  complaint_id   uuid PRIMARY KEY REFERENCES complaints(id),
  level          text NOT NULL,
  status         text NOT NULL CHECK (status IN ('draft', 'approved')),
  content        jsonb NOT NULL,
  drafted_at     timestamptz NOT NULL,
  drafted_by     uuid,
  updated_at     timestamptz NOT NULL,
  approved_at    timestamptz,
  approved_by    uuid,
  approved_by_label text,
  version        integer NOT NULL DEFAULT 1
);

-- Progress entries of a major complaint (at least weekly, Vanke 5.5.2.4).
CREATE TABLE progress_entries (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id  uuid NOT NULL REFERENCES complaints(id),
  text          text NOT NULL,
  at            timestamptz NOT NULL,
  author_id     uuid,
  author_label  text NOT NULL
);
CREATE INDEX progress_entries_complaint_idx ON progress_entries (complaint_id, at DESC);

-- One reminder per missed week: the key is the instant the missed entry was due.
CREATE TABLE progress_reminders (
  complaint_id  uuid NOT NULL REFERENCES complaints(id),
  due_at        timestamptz NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (complaint_id, due_at)
);

-- The emergency response of a major complaint (S2 重大客户投诉应急预案).
CREATE TABLE emergency_responses (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id       uuid NOT NULL UNIQUE REFERENCES complaints(id),
  status             text NOT NULL CHECK (status IN ('open', 'reviewed')),
  rule_id            text NOT NULL,
  commander_role     text NOT NULL,
  commander_name     text,
  in_working_hours   boolean NOT NULL,
  team               jsonb NOT NULL,
  opened_at          timestamptz NOT NULL,
  opened_by          uuid,
  major_since        timestamptz NOT NULL,
  answer_due_at      timestamptz NOT NULL,
  answered_at        timestamptz,
  conclusion_due_at  timestamptz NOT NULL,
  concluded_at       timestamptz,
  review             jsonb,
  reviewed_at        timestamptz,
  reviewed_by        uuid
);

CREATE TABLE emergency_actions (
  id            bigserial PRIMARY KEY,
  emergency_id  uuid NOT NULL REFERENCES emergency_responses(id),
  kind          text NOT NULL CHECK (kind IN ('action', 'answer', 'conclusion')),
  text          text NOT NULL,
  at            timestamptz NOT NULL,
  actor_id      uuid,
  actor_label   text NOT NULL
);
CREATE INDEX emergency_actions_emergency_idx ON emergency_actions (emergency_id, id);

-- Corrective and preventive action (food 6.7 / 7.4, S3 CAR / 8D).
CREATE TABLE capas (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id       uuid NOT NULL UNIQUE REFERENCES complaints(id),
  department_id      text NOT NULL REFERENCES org_nodes(id),
  status             text NOT NULL CHECK (status IN ('open', 'verified')),
  team               jsonb NOT NULL DEFAULT '[]'::jsonb,
  problem            text,
  containment        text,
  root_cause         text,
  prevention         text,
  plan_due_at        timestamptz NOT NULL,
  plan_submitted_at  timestamptz,
  verifications      jsonb NOT NULL DEFAULT '[]'::jsonb,
  verified_at        timestamptz,
  opened_at          timestamptz NOT NULL,
  opened_by          uuid,
  updated_at         timestamptz NOT NULL,
  version            integer NOT NULL DEFAULT 1
);

CREATE TABLE capa_actions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  capa_id      uuid NOT NULL REFERENCES capas(id),
  kind         text NOT NULL CHECK (kind IN ('corrective', 'preventive')),
  description  text NOT NULL,
  owner        text NOT NULL,
  due_date     text NOT NULL,
  done_at      timestamptz,
  created_at   timestamptz NOT NULL,
  created_by   uuid
);
CREATE INDEX capa_actions_capa_idx ON capa_actions (capa_id, created_at);

-- Manufacturing returns (S3 客诉退货处理): notice → QA inspection → disposition.
CREATE TABLE return_records (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id       uuid NOT NULL REFERENCES complaints(id),
  status             text NOT NULL CHECK (status IN ('notified', 'inspected', 'disposed')),
  product            text NOT NULL,
  batch_no           text,
  quantity           integer NOT NULL CHECK (quantity > 0),
  reason             text NOT NULL,
  notified_at        timestamptz NOT NULL,
  notified_by        uuid,
  inspection         jsonb,
  inspected_at       timestamptz,
  inspected_by       uuid,
  disposition        text CHECK (disposition IN ('rework', 'scrap', 'return', 'replacement')),
  disposition_note   text,
  replacement_order  text,
  disposed_at        timestamptz,
  disposed_by        uuid
);
CREATE INDEX return_records_complaint_idx ON return_records (complaint_id);

-- The case library (Vanke 5.6.2, S3 2.2): anonymised copies of closed complaints.
CREATE TABLE cases (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id     uuid NOT NULL UNIQUE REFERENCES complaints(id),
  complaint_code   text NOT NULL,
  unit_id          text NOT NULL REFERENCES org_nodes(id),
  policy_id        text NOT NULL,
  category_id      text,
  level            text,
  classification   text NOT NULL,
  title            text NOT NULL,
  summary          text NOT NULL,
  lessons          text NOT NULL,
  evidence         jsonb NOT NULL,
  received_at      timestamptz NOT NULL,
  closed_at        timestamptz,
  created_at       timestamptz NOT NULL,
  created_by       uuid
);
CREATE INDEX cases_unit_category_idx ON cases (unit_id, category_id);
