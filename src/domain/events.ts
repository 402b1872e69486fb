/**
 * Every event type the system writes to a complaint's log, with the data each carries: the one list
 * the writers are typed against (a misspelt type fails tsc), the portal's public timeline is chosen
 * from, and the console's labels are checked against (web/src/i18n/event-labels.ts).
 * Pure data and types: the web app imports it too.
 */
import type { Channel, Qualification } from './contracts.ts';

type Note = { note: string | null };
type Reason = { reason: string };
/** Casework events carry the fields that were set, which vary by request. */
type Fields = Record<string, unknown>;

/** Event type → its data. Events already in a log are never rewritten, so a shape only ever gains optional fields. */
export type EventDataByType = {
  // Intake and import
  received: {
    channel: Channel;
    receivedAt: string;
    loggedLateMs: number;
    portal: boolean;
    imported?: boolean;
    /** The earlier closed complaint this one repeats (R-LC-3, issue #15 item 3). */
    repeatOf?: { complaintId: string; code: string; repeatCount: number };
  };
  imported: { file: string; row: number; sha256: string; externalId: string | null; status: 'open' | 'closed' };
  similar_linked: { complaintId: string; code: string; similarCount: number };
  // The lifecycle (src/domain/lifecycle/state-machine.ts)
  /** `criteria` (valid) and `invalidReasonId` (invalid, R-Q-2) are ids of the pack's validity lists (issue #15). */
  qualified: { result: Qualification; categoryId: string | null; reason?: string; criteria?: string[]; invalidReasonId?: string };
  dispatched: { leadDepartmentId: string; coDepartmentIds: string[]; note: string | null };
  dispatch_returned: Reason & { departmentId: string | null };
  urged: Note & { departmentId: string | null };
  acknowledged: Note;
  reported: {
    cause: string;
    sequence: string;
    responsible: string;
    conclusion: string;
    countermeasures: string;
    prevention: string;
    /** S0 fuel §14.5: the directly responsible person, when the report names one. */
    directPerson?: string;
    /** One of the pack's causes (S0 food §5), when picked. */
    causeId?: string;
  };
  interim_replied: { message: string };
  improvement_submitted: { plan: string };
  reply_submitted: { message: string };
  reply_approved: Record<string, never>;
  reply_rejected: Reason;
  replied: { message: string } | { approved: true };
  confirmed: Note;
  disputed: Reason & { repeatCount: number };
  visited: { score: number; comment: string | null };
  closed: Note | (Reason & { qualification: Qualification }) | { note: string; imported: true };
  reopened: Reason & { repeatCount: number };
  contested: Reason;
  level_changed:
    | (Reason & {
        level: string;
        manual: true;
        /** Set when the level was chosen at qualification, with the automatic level it overrode (issue #15 item 2). */
        via?: 'qualify';
        automatic?: string | null;
        from?: string | null;
      })
    | { level: string; from: string | null; ruleId: string; reason: string; reasonZh: string | null; manual: false };
  /** Facts that arose after intake (issue #15 item 2): each changed flag and the complainant count, before and after. */
  facts_recorded: Reason & {
    flags: Partial<Record<string, { from: boolean; to: boolean }>>;
    complainantCount: { from: number; to: number } | null;
  };
  clock_paused: Reason & { name: string };
  clock_resumed: { name: string };
  /** `requestId` is added by perform-action once the request row exists. */
  extension_requested: Reason & { name: string; minutes: number; requestId?: string };
  extension_approved: { requestId: string; name?: string; minutes?: number; reason?: string };
  /** What the recomputation changed is added by perform-action, which has the calendar. */
  clocks_recomputed: Reason & {
    calendarVersion?: number;
    changed?: { name: string; from: string; to: string }[];
    kept?: { name: string; why: string }[];
  };
  note_added: { text: string; internal: boolean };
  /** S0 第五篇 §12.4: the service centre investigates again; `from` is the status it was taken up in. */
  reinvestigated: Reason & { from: string };
  // Clocks (src/jobs/sweeper.job.ts)
  clock_breached: { name: string; ruleId: string; dueAt: string };
  // Contacts, attachments
  contact_viewed: { fields: string[]; reason?: string };
  attachment_added: { attachmentId: string; filename: string; mime: string; size: number; sha256: string };
  // Messages to the customer (issue #14 item 5, src/domain/delivery/customer-messages.ts); `to` is masked.
  customer_notified: { message: 'receipt' | 'reply' | 'visit_invitation'; via: 'email' | 'webhook'; to: string };
  // E-mail intake (issue #14, item 6): a reply whose subject carries the complaint's code
  customer_message: {
    via: 'email';
    /** The sender's address. */
    sender: string;
    /** The sender is the complaint's customer's e-mail address (anyone who knows a code can write). */
    fromCustomer: boolean;
    subject: string;
    text: string;
    truncated: boolean;
    messageId: string;
    attachments: string[];
    refusedAttachments: { filename: string; reason: string }[];
  };
  // Casework (src/use-cases/casework/)
  special_report_drafted: { level: string | null; redraft: boolean; version: number };
  special_report_edited: { fields: string[]; version: number };
  special_report_approved: { version: number };
  progress_reported: { entryId: string; text: string };
  progress_reminder_sent: { ruleId: string; dueAt: string; missedWeeks: number; recipientRoles: string[] };
  emergency_opened: {
    emergencyId: string;
    ruleId: string;
    commanderRole: string;
    commanderName: string | null;
    inWorkingHours: boolean;
    team: string[];
    answerDueAt: string;
    conclusionDueAt: string;
    calendarVersion: number;
  };
  emergency_action: { emergencyId: string; kind: string; text: string };
  /** The pack's responsibility matrix named the responsible departments (#15 item 5, S0 food 10). */
  responsibility_assigned: {
    ruleId: string;
    rowId: string;
    clause: string;
    departmentIds: string[];
    /** Their names as the seed writes them. */
    departments: string[];
    previousRowId: string | null;
  };
  /** Compensation given, with who approved it within the pack's authority (#15 item 5, S0 food 9.2). */
  compensation_given: {
    entryId: string;
    clause: string | null;
    items: string;
    giftQuantity: number | null;
    affectedQuantity: number | null;
    giftRatio: number | null;
    medicalCostsYuan: number | null;
    requiredTier: string;
    approverId: string | null;
    approverName: string | null;
    approverTier: string;
  };
  /** The pack's crisis procedure started by itself (#15 item 5, S0 food 11): who owns it and who was alerted. */
  crisis_started: { ruleId: string; ownerRole: string; alertedRoles: string[]; because: string[]; guideId: string | null };
  emergency_reviewed: { emergencyId: string; findings: string; planChanges: string };
  capa_opened: Fields & { capaId: string; departmentId: string | null; planDueAt: string; calendarVersion: number };
  capa_updated: Fields & { capaId: string };
  capa_action_added: { capaId: string; actionId: string; kind: string; description: string; owner: string; dueDate: string };
  capa_action_done: { capaId: string; actionId: string; description: string };
  capa_verified: { capaId: string; effective: boolean; evidence: string };
  improvement_plan_complete: { capaId: string };
  return_noticed: { returnId: string; product: string; quantity: number; batchNo: string | null; reason: string };
  return_inspected: Fields & { returnId: string };
  return_disposed: { returnId: string; disposition: string; note: string | null; replacementOrder: string | null };
  case_created: { caseId: string; classification: string };
};

export type EventType = keyof EventDataByType;

/** An event as its writer hands it to the log: the type decides the data's shape. */
export type NewEvent = { [T in EventType]: { type: T; data: EventDataByType[T] } }[EventType];

/** The list at run time, in the order of the map above; `satisfies` and the test in test/domain keep it complete. */
export const EVENT_TYPES = [
  'received',
  'imported',
  'similar_linked',
  'qualified',
  'dispatched',
  'dispatch_returned',
  'urged',
  'acknowledged',
  'reported',
  'interim_replied',
  'improvement_submitted',
  'reply_submitted',
  'reply_approved',
  'reply_rejected',
  'replied',
  'confirmed',
  'disputed',
  'visited',
  'closed',
  'reopened',
  'contested',
  'level_changed',
  'facts_recorded',
  'clock_paused',
  'clock_resumed',
  'extension_requested',
  'extension_approved',
  'clocks_recomputed',
  'note_added',
  'clock_breached',
  'contact_viewed',
  'attachment_added',
  'customer_notified',
  'customer_message',
  'special_report_drafted',
  'special_report_edited',
  'special_report_approved',
  'progress_reported',
  'progress_reminder_sent',
  'emergency_opened',
  'crisis_started',
  'compensation_given',
  'responsibility_assigned',
  'emergency_action',
  'emergency_reviewed',
  'capa_opened',
  'capa_updated',
  'capa_action_added',
  'capa_action_done',
  'capa_verified',
  'improvement_plan_complete',
  'return_noticed',
  'return_inspected',
  'return_disposed',
  'case_created',
  'reinvestigated',
] as const satisfies readonly EventType[];

/** Fails to compile when EVENT_TYPES leaves out a type of the map. */
type Unlisted = Exclude<EventType, (typeof EVENT_TYPES)[number]>;
export const EVENT_TYPES_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;

/** The events a customer sees in the portal's timeline (type and time only, R-LC-5: nothing of their internal data). */
export const PUBLIC_EVENT_TYPES = [
  'received',
  'qualified',
  'dispatched',
  'replied',
  'confirmed',
  'disputed',
  'visited',
  'closed',
  'reopened',
] as const satisfies readonly EventType[];
export type PublicEventType = (typeof PUBLIC_EVENT_TYPES)[number];

export function isEventType(type: string): type is EventType {
  return (EVENT_TYPES as readonly string[]).includes(type);
}

export function isPublicEventType(type: string): type is PublicEventType {
  return (PUBLIC_EVENT_TYPES as readonly string[]).includes(type);
}
