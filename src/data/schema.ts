/** Kysely table types; they mirror src/data/migrations/*.sql and must change with them. */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface OrgNodesTable {
  id: string;
  parent_id: string | null;
  kind: 'group' | 'company' | 'unit' | 'department';
  name: string;
  policy_id: string | null;
  settings: Json<Record<string, unknown>>;
  created_at: DefaultTimestamp;
}

export interface CalendarsTable {
  unit_id: string;
  version: number;
  config: Json<Record<string, unknown>>;
  created_at: DefaultTimestamp;
  created_by: string | null;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  role: string;
  org_node_id: string | null;
  disabled: Generated<boolean>;
  created_at: DefaultTimestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  kind: Generated<string>;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface CustomersTable {
  id: Generated<string>;
  name: string;
  phone: string | null;
  email: string | null;
  type: string | null;
  created_at: DefaultTimestamp;
}

export interface ComplaintsTable {
  id: Generated<string>;
  code: string;
  unit_id: string;
  policy_id: string;
  channel: string;
  status: string;
  qualification: string | null;
  category_id: string | null;
  level: string | null;
  level_rule: string | null;
  title: string;
  content: string;
  demands: string | null;
  customer_id: string;
  complainant_count: number;
  incident_occurred_at: Timestamp | null;
  incident_place: string | null;
  flags: Json<Record<string, boolean>>;
  batch_no: string | null;
  received_at: Timestamp;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  created_by: string | null;
  lead_department_id: string | null;
  co_department_ids: ColumnType<string[], string[] | undefined, string[]>;
  repeat_count: Generated<number>;
  similar_count: Generated<number>;
  satisfaction: number | null;
  report: Json<Record<string, string> | null> | null;
  reply: Json<Record<string, unknown> | null> | null;
  close_reason: string | null;
  closed_at: Timestamp | null;
  portal_secret_hash: string | null;
  signature: ColumnType<string[], string[] | undefined, string[]>;
  next_due_at: Timestamp | null;
  next_severity_check_at: Timestamp | null;
  overdue: Generated<boolean>;
  version: Generated<number>;
}

export interface ComplaintEventsTable {
  id: Generated<number>;
  complaint_id: string;
  seq: number;
  type: string;
  actor_id: string | null;
  actor_label: string;
  at: DefaultTimestamp;
  data: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface ComplaintClocksTable {
  complaint_id: string;
  name: string;
  rule_id: string;
  started_at: Timestamp;
  due_at: Timestamp;
  state: string;
  paused_ms: number;
  paused_at: Timestamp | null;
  pause_reason: string | null;
  met_at: Timestamp | null;
  breached_at: Timestamp | null;
  calendar_version: number;
  trace: Json<unknown[]>;
}

export interface ComplaintLinksTable {
  from_id: string;
  to_id: string;
  kind: string;
  created_at: DefaultTimestamp;
}

export interface AttachmentsTable {
  id: Generated<string>;
  complaint_id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  created_at: DefaultTimestamp;
  created_by: string | null;
}

export interface IdempotencyKeysTable {
  user_key: string;
  key: string;
  request_hash: string;
  complaint_id: string | null;
  created_at: DefaultTimestamp;
}

export interface ExtensionRequestsTable {
  id: Generated<string>;
  complaint_id: string;
  clock: string;
  minutes: number;
  reason: string;
  requested_by: string | null;
  requested_at: DefaultTimestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision: string | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  complaint_id: string | null;
  recipient_role: string;
  org_node_id: string | null;
  kind: string;
  rule_id: string;
  subject: string;
  due_at: Timestamp;
  created_at: DefaultTimestamp;
  delivered_at: Timestamp | null;
  read_at: Timestamp | null;
}

export interface DB {
  org_nodes: OrgNodesTable;
  calendars: CalendarsTable;
  users: UsersTable;
  sessions: SessionsTable;
  customers: CustomersTable;
  complaints: ComplaintsTable;
  complaint_events: ComplaintEventsTable;
  complaint_clocks: ComplaintClocksTable;
  complaint_links: ComplaintLinksTable;
  attachments: AttachmentsTable;
  idempotency_keys: IdempotencyKeysTable;
  extension_requests: ExtensionRequestsTable;
  notifications: NotificationsTable;
}

/** src/data/migrations/0003_reports.sql */
export interface ReportSnapshotsTable {
  kind: string;
  node_id: string;
  period_key: string;
  report: Json<unknown>;
  created_at: DefaultTimestamp;
}

export interface DB {
  report_snapshots: ReportSnapshotsTable;
}
