/**
 * Runs the pure rule modules over a complaint after its lifecycle events: clocks (start, meet, pause),
 * automatic severity (only ever raised, R-SV-4) and the notifications a new level calls for, and plans
 * what a write stores besides the complaint's own columns. No I/O: the use cases load the inputs and
 * store the outputs in their transaction.
 */
import type {
  BusinessCalendar,
  ClockRecord,
  ComplaintFacts,
  LifecycleEventForRules,
  NotificationDue,
  SeverityDecision,
} from '../contracts.ts';
import { applyEvent } from '../clocks/index.ts';
import { clockSummary } from '../clocks/clock-summary.ts';
import { evaluateSeverity } from '../severity/index.ts';
import { nextSeverityCheck } from '../severity/next-severity-check.ts';
import { notificationsFor, resolveRecipients, type AddressBook, type AddressedNotification } from '../notifications/index.ts';
import { addBusinessDays } from '../calendar/index.ts';
import { chainEvents, type EventActor, type EventTail, type NewEvent, type StoredEvent } from '../chain-events.ts';
import type { Pack } from '../../policies/index.ts';
import { planEmergencyOpening, type EmergencyOpeningRow } from '../casework/emergency-opening.ts';
import { planCrisisStart } from './crisis-start.ts';
import { planResponsibility } from './responsibility-assignment.ts';
import type { ResponsibilityAssignment } from '../responsibility/responsible-departments.ts';

export interface RulesInput {
  pack: Pack;
  calendar: BusinessCalendar;
  facts: ComplaintFacts;
  clocks: ClockRecord[];
  events: LifecycleEventForRules[];
  now: Date;
  /** Evaluate automatic severity after the events (false when a person has just set the level). */
  evaluateLevel: boolean;
  /**
   * The complaint is being taken in: the level it starts at is notified even when no rule raised it (a
   * food class C complaint is the pack's default level and still goes to the direct superior, S0 food 7.1).
   */
  newComplaint?: boolean;
}

export interface RulesOutput {
  clocks: ClockRecord[];
  facts: ComplaintFacts;
  levelChange: SeverityDecision | null;
  /** Extra events the rules produced (level changes), to append after the lifecycle events. */
  ruleEvents: NewEvent[];
  notifications: NotificationDue[];
}

export function runRules(input: RulesInput): RulesOutput {
  const definitions = input.pack.clocks;
  let clocks = input.clocks;
  let facts = input.facts;
  for (const event of input.events) {
    if (event.type === 'level_changed' && typeof event.data?.level === 'string') facts = { ...facts, level: event.data.level };
    clocks = applyEvent({ definitions, calendar: input.calendar, facts, clocks, event }).clocks;
  }
  if (input.events.some((e) => e.type === 'closed')) clocks = stopClocksAtClosure(clocks, input.now);
  const ruleEvents: RulesOutput['ruleEvents'] = [];
  let levelChange: SeverityDecision | null = null;
  let notifications: NotificationDue[] = [];
  if (input.evaluateLevel) {
    levelChange = evaluateSeverity(input.pack, facts, input.now, { level: facts.level });
    if (levelChange) {
      ruleEvents.push({
        type: 'level_changed',
        data: {
          level: levelChange.level,
          from: facts.level,
          ruleId: levelChange.ruleId,
          reason: levelChange.reason,
          reasonZh: levelChange.reasonZh ?? null,
          manual: false,
        },
      });
      facts = { ...facts, level: levelChange.level };
      // A new level may start level-gated clocks (e.g. the 24 h first answer on a major complaint, R-TL-3).
      clocks = applyEvent({
        definitions,
        calendar: input.calendar,
        facts,
        clocks,
        event: { type: 'level_changed', at: input.now, data: { level: levelChange.level } },
      }).clocks;
    }
  }
  const finalLevel = levelChange?.level ?? null;
  const manualLevel = input.events.find((e) => e.type === 'level_changed' && typeof e.data?.level === 'string')?.data?.level as
    | string
    | undefined;
  // At intake the complaint's first level is set too, the default one included: a rule that tells someone
  // of every complaint (S3 5.1.2 item 01, 「收到客户投诉…都应即时提交…品质经理」; food class C to the direct
  // superior, §7.1) fires at receipt.
  const notifyLevel = finalLevel ?? manualLevel ?? (input.newComplaint ? (facts.level ?? undefined) : undefined);
  const addWorkingDays = (start: Date, days: number) => addBusinessDays(input.calendar, start, days).due;
  if (notifyLevel) notifications = notificationsFor(input.pack, notifyLevel, input.now, addWorkingDays);
  // What this step did can be due news too: the closure (R-NT-1: the special report of a hot or major complaint
  // at its close) and the events an `on_event` rule waits for (fuel §12.4: a re-investigation to the leader).
  const level = finalLevel ?? facts.level ?? null;
  const types = input.events.map((e) => e.type);
  if (level) {
    const more = [
      ...(types.includes('closed') ? notificationsFor(input.pack, level, input.now, addWorkingDays, { trigger: 'closed' }) : []),
      ...notificationsFor(input.pack, level, input.now, addWorkingDays, { trigger: 'event', events: types }),
    ];
    if (more.length) notifications = [...notifications, ...more];
  }
  return { clocks, facts, levelChange, ruleEvents, notifications };
}

/**
 * Closing a complaint ends what is still owed on it — an invalid complaint is never dispatched, so its
 * dispatch clock must not run on and breach. The improvement plan is the exception: corrective action
 * may continue after the customer is answered (R-LC-2), so its clock keeps running.
 */
export function stopClocksAtClosure(clocks: ClockRecord[], now: Date): ClockRecord[] {
  return clocks.map((c) => {
    if (c.name === 'improvement' || (c.state !== 'running' && c.state !== 'paused')) return c;
    return {
      ...c,
      state: 'met',
      metAt: now.toISOString(),
      pausedAt: null,
      trace: [
        ...c.trace,
        { kind: 'stopped', detail: 'stopped: the complaint was closed', detailZh: '投诉已关闭，时限停止', from: now.toISOString() },
      ],
    };
  });
}

export interface RulesArgs {
  /** The complaint as it is after this write's own columns (its status decides whether it still queues). */
  row: {
    id: string;
    status: string;
    level_rule: string | null;
    /** What the responsibility matrix reads besides the category (#15 item 5); absent reads as unknown. */
    report?: unknown;
    cases_affected?: number | null;
    responsibility?: ResponsibilityAssignment | null;
  };
  facts: ComplaintFacts;
  pack: Pack;
  calendar: BusinessCalendar;
  events: NewEvent[];
  actor: EventActor;
  now: Date;
  evaluateLevel?: boolean;
  /** The event log key (Deps.logKey) that chains the new events. */
  logKey: Buffer;
  /**
   * The facts before this write when `facts` carries new ones (a fact recorded after intake): the crisis
   * procedure starts when `facts` meet its condition and these did not. Absent: `facts` are the stored ones.
   */
  previousFacts?: ComplaintFacts;
  /** Who the complaint's unit can notify, and the ids of new notifications (the caller's randomUUID). */
  addressing: Addressing;
}

/** Positions to people at the complaint's unit (issue #14): from the configuration copy, ids from the caller. */
export interface Addressing {
  book: AddressBook;
  newId: () => string;
}

/** What a write to a complaint stores besides its own columns: computed without I/O. */
export interface RulesPlan {
  events: StoredEvent[];
  clocks: ClockRecord[];
  level: string | null;
  /** The complaint columns the rules decide. */
  columns: {
    level: string | null;
    level_rule: string | null;
    next_due_at: Date | null;
    overdue: boolean;
    next_severity_check_at: Date | null;
    /** The responsibility matrix's assignment (#15 item 5), kept until a different row applies. */
    responsibility: ResponsibilityAssignment | null;
  };
  /** Each with its id and the people its position resolved to (issue #14). */
  notifications: AddressedNotification[];
  /** The emergency response this write opens (#15 item 6), stored in the same statement. */
  emergencies: EmergencyOpeningRow[];
}

/** Runs the rules over the new events and chains the events after `eventTail`. */
export function planRules(args: RulesArgs & { clocks: ClockRecord[]; eventTail: EventTail }): RulesPlan {
  const lifecycleForRules = args.events.map((e) => ({
    type: e.type,
    // The 'received' event counts from receivedAt: a phone complaint logged after the call still runs
    // from the moment it was received (R-IN-2).
    at: e.type === 'received' ? args.facts.receivedAt : args.now,
    data: e.data,
  }));
  const out = runRules({
    pack: args.pack,
    calendar: args.calendar,
    facts: args.facts,
    clocks: args.clocks,
    events: lifecycleForRules,
    now: args.now,
    evaluateLevel: args.evaluateLevel ?? true,
    newComplaint: args.eventTail === null,
  });
  // A new complaint has no level before its intake, so one received major opens the plan too.
  const emergency = planEmergencyOpening({
    pack: args.pack,
    calendar: args.calendar,
    complaintId: args.row.id,
    levelBefore: args.eventTail === null ? null : args.facts.level,
    levelAfter: out.facts.level,
    receivedAt: args.facts.receivedAt,
    now: args.now,
    actorId: args.actor.id,
    newId: args.addressing.newId,
  });
  // #15 item 5: a new complaint has no facts before; a later write's are `previousFacts`, or the stored ones.
  const crisis = planCrisisStart(args.pack, args.eventTail === null ? null : (args.previousFacts ?? args.facts), out.facts, args.now);
  const responsibility = planResponsibility(args.pack, args.row, out.facts);
  const events = chainEvents(
    args.logKey,
    args.row.id,
    [
      ...args.events,
      ...out.ruleEvents,
      ...(responsibility.event ? [responsibility.event] : []),
      ...(crisis ? [crisis.event] : []),
      ...(emergency ? [emergency.event] : []),
    ],
    args.actor,
    args.now,
    args.eventTail,
  );
  const summary = clockSummary(out.clocks);
  return {
    events,
    clocks: out.clocks,
    level: out.facts.level,
    columns: {
      level: out.facts.level,
      level_rule: out.levelChange ? out.levelChange.ruleId : (manualRule(args.events) ?? args.row.level_rule),
      // A closed complaint no longer competes for the top of the queue, even while its improvement plan runs.
      next_due_at: args.row.status === 'closed' ? null : summary.nextDueAt,
      overdue: summary.overdue,
      next_severity_check_at: nextSeverityCheck(args.pack, out.facts, args.now),
      responsibility: responsibility.stored,
    },
    notifications: resolveRecipients(
      [...out.notifications, ...(crisis?.notifications ?? []), ...(emergency?.notifications ?? [])],
      args.addressing.book,
      args.addressing.newId,
    ),
    emergencies: emergency ? [emergency.row] : [],
  };
}

function manualRule(events: NewEvent[]): string | null {
  const manual = events.find(
    (e): e is Extract<NewEvent, { type: 'level_changed' }> => e.type === 'level_changed' && e.data.manual === true,
  );
  return manual ? `manual: ${manual.data.reason}` : null;
}
