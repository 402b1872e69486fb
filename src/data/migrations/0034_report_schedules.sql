-- Report schedules and food causes (issue #15 items 1, 2, 7).
--
-- A due reminder of a pack's report schedule is sent once per schedule, unit and period, whichever process
-- sweeps first: the reminder claims its row here (ON CONFLICT DO NOTHING) in the transaction that stores
-- its notification, so two sweepers at once write one reminder (src/use-cases/reports/report-reminders.ts).
CREATE TABLE report_reminders (
  policy_id        text NOT NULL,
  schedule_id      text NOT NULL,
  unit_id          text NOT NULL REFERENCES org_nodes(id) ON DELETE CASCADE,
  period_key       text NOT NULL,
  due_date         text NOT NULL CHECK (due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  notification_id  uuid,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (unit_id, policy_id, schedule_id, period_key)
);

-- The periodic report counts complaints by the cause their investigation report named (S0 food §5); only
-- those complaints are read, through this partial index.
CREATE INDEX complaints_cause_idx ON complaints (unit_id, received_at) WHERE report ? 'causeId';
