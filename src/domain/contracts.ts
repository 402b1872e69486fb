/**
 * Shared shapes between the pure rule modules (calendar, clocks, severity, notifications)
 * and the layers that call them (use cases, storage, HTTP). Changing a shape here is a
 * cross-cutting change: every module that imports it must follow.
 */

export type Channel = 'phone' | 'email' | 'web' | 'forum' | 'letter' | 'walk_in' | 'regulator' | 'api';
export const CHANNELS: readonly Channel[] = ['phone', 'email', 'web', 'forum', 'letter', 'walk_in', 'regulator', 'api'];

export const QUALIFICATIONS = ['valid', 'invalid', 'suggestion'] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];

export const COMPLAINT_STATUSES = [
  'received',
  'qualified',
  'dispatched',
  'acknowledged',
  'investigated',
  'awaiting_approval',
  'replied',
  'confirmed',
  'visited',
  'closed',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Per-unit business calendar: the data the pure calendar functions work on. */
export interface BusinessCalendar {
  /** IANA zone, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  /** Working periods of an ordinary working day, local wall-clock 'HH:mm', ascending, non-overlapping. */
  workingPeriods: { start: string; end: string }[];
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are working days when no holiday data says otherwise. */
  workWeek: number[];
  /** Whether to apply Chinese public holidays and adjusted working days (调休) from the data package. */
  useChineseHolidays: boolean;
  /** Admin overrides by local date 'YYYY-MM-DD'; they win over the data package. */
  overrides: Record<string, { kind: 'workday' | 'holiday'; name?: string }>;
  /**
   * Years past the holiday data package that an administrator has confirmed for this calendar, having
   * entered that year's notice (its adjusted working days) as overrides. Until then a deadline that
   * counts such a year is provisional (R-TL-1, #15 item 8).
   */
  confirmedYears?: number[];
  /** Version of this calendar (stored in clock traces so a later edit never silently rewrites deadlines). */
  version: number;
}

/** Facts a clock rule or severity rule may look at. All instants are Date; `now` is always passed in. */
export interface ComplaintFacts {
  channel: Channel;
  receivedAt: Date;
  level: string | null;
  qualification: Qualification | null;
  categoryId: string | null;
  complainantCount: number;
  flags: {
    media?: boolean;
    lawsuit?: boolean;
    safety?: boolean;
    mediaThreat?: boolean;
    lawsuitThreat?: boolean;
    insistent?: boolean;
    supportNeeded?: boolean;
    regulator?: boolean;
    special?: boolean;
  };
  repeatCount: number;
  /** Number of complaints about the same matter from different customers within the window, this one included. */
  similarCount: number;
  /**
   * Complaints of its category counted together with it by the pack's category rules (this one included;
   * src/domain/severity/category-count.ts); 1 when absent.
   */
  categoryCount?: number;
  /** Whether the complaint is resolved (replied and confirmed, or closed). */
  resolved: boolean;
  /** Delay attributable to our side is assumed unless a clock pause says otherwise. */
  pausedMs?: number;
}

export type ClockName =
  | 'dispatch'
  | 'acknowledge'
  | 'reply'
  | 'resolve'
  | 'verify'
  | 'improvement'
  | 'accept'
  | 'mediate'
  | 'courtesy'
  | 'first_answer';
export type ClockState = 'running' | 'paused' | 'met' | 'breached';

/** One step of the explanation of how a due instant was computed. */
export interface ClockTraceStep {
  kind: string; // e.g. 'rule', 'receipt-class', 'working-period', 'skip-holiday', 'skip-weekend', 'adjusted-workday', 'override', 'due'
  detail: string; // human-readable, English
  detailZh?: string;
  from?: string;
  to?: string;
}

export interface ClockRecord {
  name: ClockName;
  /** Rule id from the pack, e.g. 'R-TL-2'. */
  ruleId: string;
  startedAt: string; // ISO
  dueAt: string; // ISO
  state: ClockState;
  pausedMs: number;
  pausedAt?: string | null;
  pauseReason?: string | null;
  metAt?: string | null;
  breachedAt?: string | null;
  calendarVersion: number;
  trace: ClockTraceStep[];
}

/** A lifecycle event as the clock and severity engines see it. */
export interface LifecycleEventForRules {
  type: string; // 'received' | 'qualified' | 'dispatched' | 'acknowledged' | 'reported' | 'replied' | 'confirmed' | 'disputed' | 'visited' | 'closed' | 'reopened' | 'clock_paused' | 'clock_resumed' | 'level_changed' | 'extension_approved' ...
  at: Date;
  data?: Record<string, unknown>;
}

export interface SeverityDecision {
  level: string;
  ruleId: string; // e.g. 'R-SV-1/collective-10'
  reason: string; // English
  reasonZh?: string;
}

export interface NotificationDue {
  recipientRole: string;
  dueAt: string; // ISO
  subject: string;
  ruleId: string;
  kind: string; // 'bulletin' | 'progress' | 'special_report' | 'leader_alert' ...
}

/**
 * How a clock's due instant is computed from its start instant. Interpreted by src/domain/clocks
 * on the unit's BusinessCalendar; written as data in the policy packs.
 */
export type DueRule =
  /** N minutes of working time (30 working minutes, R-TL-2). */
  | { kind: 'business_minutes'; minutes: number }
  /** N working hours counted as working time (e.g. '4 h' read as working hours). */
  | { kind: 'business_hours'; hours: number }
  /** By the end of the Nth working day after the start day (3 working days, R-TL-4; 7 working days, R-TL-7). */
  | { kind: 'business_days'; days: number }
  /** Wall-clock hours regardless of calendar (24 h feedback, R-TL-4). */
  | { kind: 'calendar_hours'; hours: number }
  /** Wall-clock minutes regardless of calendar (10 min, R-TL-6). */
  | { kind: 'calendar_minutes'; minutes: number }
  /** Wall-clock days (60 days mediation, R-TL-7 2014 rules). */
  | { kind: 'calendar_days'; days: number }
  /** End of the local day the clock started on (received on a holiday → same day, R-TL-2). */
  | { kind: 'end_of_day' }
  /**
   * Depends on when the start instant falls (R-TL-2): inside working hours, on a working day outside
   * working hours (counted from the next working-period start), or on a rest day / holiday.
   */
  | { kind: 'by_receipt_class'; inHours: DueRule; outsideHoursWorkday: DueRule; restDay: DueRule };

export interface ClockDefinition {
  name: ClockName;
  ruleId: string; // e.g. 'R-TL-2'
  label: string; // English
  labelZh: string;
  /** Lifecycle event types that start (or restart) the clock. */
  startOn: string[];
  /** Lifecycle event types that meet (stop) the clock. */
  stopOn: string[];
  /** Due rule; `byChannel` overrides `due` for listed channels. */
  due: DueRule;
  byChannel?: Partial<Record<Channel, DueRule>>;
  /** Only for complaints at these levels (checked when the clock starts). */
  levels?: string[];
  /** Only for complaints received through these channels. */
  channels?: Channel[];
  /** Versioned rule sets (R-TL-7): applies when the receipt local date is within [from, to). */
  effective?: { from?: string; to?: string };
  /**
   * From when the time is counted once the clock starts: the starting event (default) or the
   * complaint's receipt, whichever event starts it (S2 5.2.3: a major complaint's 24 h answer and 3 days
   * count from when it was reported, even when it is found major later).
   */
  countFrom?: 'event' | 'receipt';
  /**
   * The pack and tuned version (issue #16 item 4) this definition came from, stamped by the pack resolver
   * (src/use-cases/policy/resolve-pack.ts) and named in the trace of each clock it starts.
   */
  policy?: { id: string; version: number };
}
