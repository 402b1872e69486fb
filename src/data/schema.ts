/** Kysely table types; they mirror src/data/migrations/*.sql and must change with them. */
import type { ResponsibilityAssignment } from '../domain/responsibility/responsible-departments.ts';
import type { ColumnType, Generated } from 'kysely';
import type { Channel, ClockState, ClockTraceStep, ComplaintFacts, ComplaintStatus, Qualification } from '../domain/contracts.ts';
import type { EventType } from '../domain/events.ts';
import type { AccountLinkPurpose } from '../domain/account-links.ts';
import type { InvestigationReport } from '../domain/lifecycle/actions.ts';
import type { StatePatch } from '../domain/lifecycle/state-machine.ts';

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
  /** NULL for an invited account that has not set its password yet (migration 0030): it cannot log in. */
  password_hash: string | null;
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
  channel: Channel;
  status: ComplaintStatus;
  qualification: Qualification | null;
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
  flags: Json<ComplaintFacts['flags']>;
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
  report: Json<InvestigationReport | null> | null;
  reply: Json<NonNullable<StatePatch['reply']> | null> | null;
  close_reason: string | null;
  closed_at: Timestamp | null;
  portal_secret_hash: string | null;
  signature: ColumnType<string[], string[] | undefined, string[]>;
  next_due_at: Timestamp | null;
  next_severity_check_at: Timestamp | null;
  overdue: Generated<boolean>;
  version: Generated<number>;
  /** Migration 0033 (fuel retail S0 第五篇 §5, §14.5). */
  category_count: Generated<number>;
  delivery_ref: string | null;
  direct_person: string | null;
}

export interface ComplaintEventsTable {
  id: Generated<number>;
  complaint_id: string;
  seq: number;
  type: EventType;
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
  state: ClockState;
  paused_ms: number;
  paused_at: Timestamp | null;
  pause_reason: string | null;
  met_at: Timestamp | null;
  breached_at: Timestamp | null;
  calendar_version: number;
  trace: Json<ClockTraceStep[]>;
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

/** src/data/migrations/0004_casework.sql */
export interface SpecialReportsTable {
  complaint_id: string;
  level: string;
  status: 'draft' | 'approved';
  content: Json<Record<string, unknown>>;
  drafted_at: Timestamp;
  drafted_by: string | null;
  updated_at: Timestamp;
  approved_at: Timestamp | null;
  approved_by: string | null;
  approved_by_label: string | null;
  version: Generated<number>;
}

export interface ProgressEntriesTable {
  id: Generated<string>;
  complaint_id: string;
  text: string;
  at: Timestamp;
  author_id: string | null;
  author_label: string;
}

export interface ProgressRemindersTable {
  complaint_id: string;
  due_at: Timestamp;
  created_at: Timestamp;
}

export interface EmergencyResponsesTable {
  id: Generated<string>;
  complaint_id: string;
  status: 'open' | 'reviewed';
  rule_id: string;
  commander_role: string;
  commander_name: string | null;
  in_working_hours: boolean;
  team: Json<string[]>;
  opened_at: Timestamp;
  opened_by: string | null;
  major_since: Timestamp;
  answer_due_at: Timestamp;
  answered_at: Timestamp | null;
  conclusion_due_at: Timestamp;
  concluded_at: Timestamp | null;
  review: Json<Record<string, unknown> | null> | null;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
}

export interface EmergencyActionsTable {
  id: Generated<number>;
  emergency_id: string;
  kind: 'action' | 'answer' | 'conclusion';
  text: string;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
}

export interface CapasTable {
  id: Generated<string>;
  complaint_id: string;
  department_id: string;
  status: 'open' | 'verified';
  team: Json<string[]>;
  problem: string | null;
  containment: string | null;
  root_cause: string | null;
  prevention: string | null;
  plan_due_at: Timestamp;
  plan_submitted_at: Timestamp | null;
  verifications: Json<Record<string, unknown>[]>;
  verified_at: Timestamp | null;
  opened_at: Timestamp;
  opened_by: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface CapaActionsTable {
  id: Generated<string>;
  capa_id: string;
  kind: 'corrective' | 'preventive';
  description: string;
  owner: string;
  due_date: string;
  done_at: Timestamp | null;
  created_at: Timestamp;
  created_by: string | null;
}

export interface ReturnRecordsTable {
  id: Generated<string>;
  complaint_id: string;
  status: 'notified' | 'inspected' | 'disposed';
  product: string;
  batch_no: string | null;
  quantity: number;
  reason: string;
  notified_at: Timestamp;
  notified_by: string | null;
  inspection: Json<Record<string, unknown> | null> | null;
  inspected_at: Timestamp | null;
  inspected_by: string | null;
  disposition: 'rework' | 'scrap' | 'return' | 'replacement' | null;
  disposition_note: string | null;
  replacement_order: string | null;
  disposed_at: Timestamp | null;
  disposed_by: string | null;
}

export interface CasesTable {
  id: Generated<string>;
  complaint_id: string;
  complaint_code: string;
  unit_id: string;
  policy_id: string;
  category_id: string | null;
  level: string | null;
  classification: string;
  title: string;
  summary: string;
  lessons: string;
  evidence: Json<Record<string, unknown>>;
  received_at: Timestamp;
  closed_at: Timestamp | null;
  created_at: Timestamp;
  created_by: string | null;
}

export interface DB {
  special_reports: SpecialReportsTable;
  progress_entries: ProgressEntriesTable;
  progress_reminders: ProgressRemindersTable;
  emergency_responses: EmergencyResponsesTable;
  emergency_actions: EmergencyActionsTable;
  capas: CapasTable;
  capa_actions: CapaActionsTable;
  return_records: ReturnRecordsTable;
  cases: CasesTable;
}

/** src/data/migrations/0005_security.sql (the columns below merge into the interfaces above) */
export interface SessionsTable {
  id: Generated<string>;
  name: string | null;
  last_used_at: Timestamp | null;
}

export interface UsersTable {
  password_changed_at: Timestamp | null;
}

/** 0005's login_failures, renamed by 0016_login_attempts.sql: an attempt in flight or a failed one (src/data/login-attempt-store.ts). */
export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  started_at: Timestamp;
  outcome: 'pending' | 'failed';
}

export interface DB {
  login_attempts: LoginAttemptsTable;
}

/** src/data/migrations/0006_search.sql and 0014_search_terms.sql (the columns below merge into the interfaces above; filled by triggers) */
export interface ComplaintsTable {
  /** Distinct character bigrams and single characters of code, title and content, for the `q` search; maintained by a trigger. */
  search_terms: ColumnType<string[], never, never>;
}

export interface CustomersTable {
  /** Distinct character bigrams and single characters of name and phone; maintained by a trigger. */
  search_terms: ColumnType<string[], never, never>;
}

/** src/data/migrations/0012_signature_keys.sql (generated from `signature`) */
export interface ComplaintsTable {
  /**
   * The signature's features as sorted hashes, for the intake's candidate pre-filter (intarray's `&&`).
   * Null only in type: a generated column has no NOT NULL, and test/data/schema-types.test.ts holds this file to the database.
   */
  signature_keys: ColumnType<number[] | null, never, never>;
}

/** src/data/migrations/0008_config_version.sql: moves on every change to org_nodes or calendars. */
export interface ConfigVersionTable {
  id: ColumnType<boolean, never, never>;
  v: number;
}

export interface DB {
  config_version: ConfigVersionTable;
}

/** src/data/migrations/0017_event_checkpoints.sql */
export interface ComplaintEventsTable {
  /** 'sha256' for events written before 0017, 'hmac-sha256' (the default) since; see src/domain/event-chain.ts. */
  hash_alg: ColumnType<'sha256' | 'hmac-sha256', 'sha256' | 'hmac-sha256' | undefined, never>;
}

export interface LogCheckpointsTable {
  id: Generated<string>;
  at: Timestamp;
  complaints: number;
  events: ColumnType<string, number, never>;
  root: string;
  signature: string;
}

export interface LogCheckpointHeadsTable {
  complaint_id: string;
  seq: number;
  hash: string;
  legacy_seq: number;
}

export interface DB {
  log_checkpoints: LogCheckpointsTable;
  log_checkpoint_heads: LogCheckpointHeadsTable;
}

/** src/data/migrations/0018_imports.sql */
export interface ComplaintImportsTable {
  row_key: string;
  complaint_id: string;
  file_name: string;
  file_sha256: string;
  row_no: number;
  external_id: string | null;
  imported_at: DefaultTimestamp;
  imported_by: string | null;
}

/** src/data/migrations/0020_throttles.sql: throttle windows shared by every process. */
export interface ThrottleWindowsTable {
  throttle: string;
  key: string;
  window_start: Timestamp;
  count: number;
}

/** src/data/migrations/0019_export_log.sql: who exported what from the queue. */
export interface ExportLogTable {
  id: Generated<string>;
  user_id: string | null;
  user_label: string;
  role: string;
  org_node_id: string | null;
  subject: string;
  format: 'csv' | 'xlsx';
  filters: Json<Record<string, unknown>>;
  contacts_unmasked: boolean;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  row_count: Generated<number>;
  outcome: Generated<'started' | 'completed' | 'aborted'>;
}

export interface DB {
  complaint_imports: ComplaintImportsTable;
  export_log: ExportLogTable;
  throttle_windows: ThrottleWindowsTable;
}

export type DeliveryTransport = 'email' | 'wecom' | 'dingtalk' | 'feishu' | 'webhook';

/** src/data/migrations/0024_outbox.sql: a company's delivery channels (issue #14). */
export interface DeliveryChannelsTable {
  id: Generated<string>;
  company_id: string;
  kind: DeliveryTransport;
  name: string;
  url: string | null;
  secret: string | null;
  kinds: ColumnType<string[], string[] | undefined, string[]>;
  levels: ColumnType<string[], string[] | undefined, string[]>;
  enabled: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** src/data/migrations/0024_outbox.sql: messages to deliver; the id is the stable message id. */
export interface OutboxTable {
  id: Generated<string>;
  notification_id: string | null;
  complaint_id: string | null;
  channel_id: string | null;
  transport: DeliveryTransport;
  recipient: string;
  payload: Json<Record<string, unknown>>;
  state: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: DefaultTimestamp;
  last_error: string | null;
  delivered_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface UsersTable {
  notify_email: Generated<boolean>;
}

/** src/data/migrations/0023_positions_inbox.sql (issue #14) */
export interface UserPositionsTable {
  user_id: string;
  position_id: string;
  org_node_id: string;
}

export interface NotificationRecipientsTable {
  notification_id: string;
  user_id: string;
  unaddressed: Generated<boolean>;
  read_at: Timestamp | null;
}

export interface DB {
  delivery_channels: DeliveryChannelsTable;
  outbox: OutboxTable;
  user_positions: UserPositionsTable;
  notification_recipients: NotificationRecipientsTable;
}

type Int8 = ColumnType<string | number, string | number, string | number>;

/** src/data/migrations/0027_mail_intake.sql: a unit's IMAP mailboxes (issue #14, item 6). */
export interface MailboxesTable {
  id: Generated<string>;
  unit_id: string;
  /** imap:// or imaps:// with its password: never returned by the API. */
  url: string;
  folder: Generated<string>;
  enabled: Generated<boolean>;
  source: Generated<'api' | 'env'>;
  uid_validity: Int8 | null;
  last_uid: ColumnType<string | number, string | number | undefined, string | number>;
  lease_until: Timestamp | null;
  last_polled_at: Timestamp | null;
  last_error: string | null;
  last_error_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export type MailOutcome = 'created' | 'joined' | 'rejected';

/** One attachment of a taken message: stored with the complaint, or refused with the reason. */
export interface MailAttachmentResult {
  filename: string;
  size: number;
  stored: boolean;
  reason: string | null;
}

/** src/data/migrations/0027_mail_intake.sql: every message taken, once per mailbox and Message-ID. */
export interface MailIntakeTable {
  id: Generated<string>;
  mailbox_id: string;
  message_id: string;
  uid: Int8 | null;
  from_address: string | null;
  subject: string | null;
  sent_at: Timestamp | null;
  taken_at: Timestamp;
  size: number;
  outcome: MailOutcome;
  complaint_id: string | null;
  reason: string | null;
  attachments: ColumnType<MailAttachmentResult[], string | undefined, string>;
}

export interface DB {
  mailboxes: MailboxesTable;
  mail_intake: MailIntakeTable;
}

/** src/data/migrations/0030_account_links.sql: one-time links that set a password (issue #16 item 3). */
export interface AccountLinksTable {
  id: Generated<string>;
  user_id: string;
  purpose: AccountLinkPurpose;
  token_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface DB {
  account_links: AccountLinksTable;
}

/** src/data/migrations/0028_policy_overrides.sql: tuned packs (issue #16 item 4); rows are never updated. */
export interface PolicyOverridesTable {
  version: ColumnType<number, never, never>;
  node_id: string;
  policy_id: string;
  /** The RFC 7396 merge patch as sent. */
  overrides: ColumnType<Record<string, unknown>, string, never>;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface ComplaintsTable {
  /** The policy_overrides version in force at receipt (0 = the shipped pack). */
  policy_version: ColumnType<number, number | undefined, number>;
}

export interface DB {
  policy_overrides: PolicyOverridesTable;
}

/** src/data/migrations/0029_org_admin.sql (issue #16): a node taken out of service (the column merges into the interface above). */
export interface OrgNodesTable {
  disabled: Generated<boolean>;
}

export type OrgChangeAction = 'create' | 'update';

/** src/data/migrations/0029_org_admin.sql: the audit of the organisation tree (issue #16 item 2). */
export interface OrgChangesTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  node_id: string;
  changed_by: string | null;
  changed_by_label: string;
  changed_at: Timestamp;
  action: OrgChangeAction;
  before: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  after: ColumnType<Record<string, unknown>, string, string>;
}

export interface DB {
  org_changes: OrgChangesTable;
}

/** src/data/migrations/0035_food_responsibility.sql (issue #15 item 5; the columns merge into the interface above). */
export interface ComplaintsTable {
  cases_affected: number | null;
  responsibility: Json<ResponsibilityAssignment | null> | null;
}

/** src/data/migrations/0034_report_schedules.sql: one due reminder per schedule, unit and period (issue #15). */
export interface ReportRemindersTable {
  policy_id: string;
  schedule_id: string;
  unit_id: string;
  period_key: string;
  /** The local date (Asia/Shanghai) by which the report is due, YYYY-MM-DD. */
  due_date: string;
  notification_id: string | null;
  created_at: Timestamp;
}

export interface DB {
  report_reminders: ReportRemindersTable;
}

/**
 * src/data/migrations/0036_dashboard_tallies.sql: the dashboard's counts kept by a trigger on complaints
 * (issue #20). `kind` says which count; the scope columns are the complaint's own.
 */
export type TallyKind = 'open' | 'overdue' | 'received' | 'rated';

export interface ComplaintTalliesTable {
  kind: TallyKind;
  unit_id: string;
  lead_department_id: string | null;
  co_department_ids: string[];
  /** 'received': the day received; 'rated': the day closed (Asia/Shanghai); null for 'open' and 'overdue'. */
  day: string | null;
  /** 'open' only. */
  level: string | null;
  /** 'received' only. */
  category_id: string | null;
  n: number;
  /** 'rated': the sum of the satisfaction scores; 0 for the others. */
  score: number;
}

/** Changes the trigger appends, folded into complaint_tallies by the sweeper (src/data/tally-store.ts). */
export interface ComplaintTallyChangesTable extends ComplaintTalliesTable {
  id: Generated<number>;
}

export interface DB {
  complaint_tallies: ComplaintTalliesTable;
  complaint_tally_changes: ComplaintTallyChangesTable;
}
