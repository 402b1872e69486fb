/** Shapes of the API answers the web app reads (docs/API.md). */
export type ComplaintStatus =
  | 'received' | 'qualified' | 'dispatched' | 'acknowledged' | 'investigated' | 'awaiting_approval'
  | 'replied' | 'confirmed' | 'visited' | 'closed';

export const STATUSES: ComplaintStatus[] = [
  'received', 'qualified', 'dispatched', 'acknowledged', 'investigated', 'awaiting_approval', 'replied', 'confirmed', 'visited', 'closed',
];
export const CHANNELS = ['phone', 'email', 'web', 'forum', 'letter', 'walk_in', 'regulator', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CUSTOMER_TYPES = ['owner', 'prospective_owner', 'prospective_buyer', 'consumer', 'business', 'other'] as const;
export const CLOCK_STATES = ['running', 'paused', 'breached', 'met'] as const;

export interface User {
  id: string;
  email: string;
  name: string;
  role: string;
  orgNodeId: string | null;
}

export interface OrgNode {
  id: string;
  name: string;
  kind: 'group' | 'company' | 'unit' | 'department';
  parentId: string | null;
  policyId: string | null;
}

export interface TraceStep {
  kind: string;
  detail: string;
  detailZh?: string;
  from?: string;
  to?: string;
}

export interface Clock {
  name: string;
  ruleId: string;
  startedAt: string;
  dueAt: string;
  state: 'running' | 'paused' | 'met' | 'breached';
  pausedMs: number;
  pausedAt?: string | null;
  pauseReason?: string | null;
  metAt?: string | null;
  trace: TraceStep[];
}

export interface ComplaintSummary {
  id: string;
  code: string;
  unitId: string;
  unitName: string;
  policyId: string;
  status: ComplaintStatus;
  qualification: string | null;
  categoryId: string | null;
  level: string | null;
  levelRule: string | null;
  channel: Channel;
  title: string;
  receivedAt: string;
  updatedAt?: string;
  customer: { id: string; name: string; phone: string | null; email: string | null; type?: string | null };
  complainantCount: number;
  leadDepartmentId: string | null;
  repeatCount: number;
  similarCount?: number;
  nextDueAt: string | null;
  overdue: boolean;
  clocks: Clock[];
}

export interface ComplaintEvent {
  seq: number;
  type: string;
  at: string;
  actor: { id: string | null; name: string | null };
  data: Record<string, unknown> | null;
}

export interface Complaint extends ComplaintSummary {
  content: string;
  demands: string | null;
  incident: { occurredAt: string | null; place: string | null };
  flags: Record<string, boolean> | null;
  batchNo: string | null;
  coDepartmentIds: string[];
  satisfaction: number | null;
  closedAt: string | null;
  closeReason: string | null;
  report: Record<string, string> | null;
  reply: { message: string; approved?: boolean; sentAt?: string } | null;
  events?: ComplaintEvent[];
  links?: { id: string; code: string; kind: string; direction?: string }[];
  similar?: { id: string; code: string; title?: string; score?: number }[];
  allowedActions: string[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
  /** A text search stopped counting: `total` is a lower bound, to be shown as "1000+". */
  totalCapped?: boolean;
}

export interface Category {
  id: string;
  name: string;
  nameZh: string;
  kind?: 'valid' | 'invalid' | 'suggestion';
  guideId?: string;
  children?: Category[];
}

export interface Level {
  id: string;
  name: string;
  nameZh: string;
  rank: number;
}

export interface Guide {
  id: string;
  title: string;
  titleZh: string;
  source: string;
  stepsZh: string[];
  scriptZh?: string[];
}

export interface Pack {
  id: string;
  name: string;
  nameZh: string;
  taxonomy: Category[];
  severity: { levels: Level[]; rules?: { ruleId: string; label: string; labelZh: string }[] };
  clocks: { name: string; label: string; labelZh: string }[];
  guides: Guide[];
}

export interface PolicySummary {
  id: string;
  name: string;
  nameZh: string;
  levels: Level[];
}
