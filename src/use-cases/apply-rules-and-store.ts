/**
 * The common tail of every write to a complaint: append the lifecycle events, run the rules over
 * them, store the clocks, the level, the rule events and the notifications — all in the caller's
 * transaction, so a complaint is never left with events but without their clocks.
 */
import type { Db, ComplaintRow, Actor, NewEvent, StoredEvent } from '../data/complaint-store.ts';
import { chainEvents, eventTail, insertEvents, loadClocks, saveClocks, clockSummary } from '../data/complaint-store.ts';
import type { BusinessCalendar, ClockRecord, ComplaintFacts, NotificationDue } from '../domain/contracts.ts';
import type { Pack } from '../policies/index.ts';
import { runRules } from './rules.ts';
import { nextSeverityCheck } from './severity-schedule.ts';

export interface RulesArgs {
  row: Pick<ComplaintRow, 'id' | 'status' | 'level_rule'>;
  facts: ComplaintFacts;
  pack: Pack;
  calendar: BusinessCalendar;
  events: NewEvent[];
  actor: Actor;
  now: Date;
  evaluateLevel?: boolean;
  /** The event log key (Deps.logKey) that chains the new events. */
  logKey: Buffer;
}

/** What a write to a complaint stores besides its own columns: computed without I/O. */
export interface RulesPlan {
  events: StoredEvent[];
  clocks: ClockRecord[];
  level: string | null;
  /** The complaint columns the rules decide. */
  columns: { level: string | null; level_rule: string | null; next_due_at: Date | null; overdue: boolean; next_severity_check_at: Date | null };
  notifications: NotificationDue[];
}

/** Runs the rules over the new events and chains the events after `eventTail` (pure). */
export function planRules(args: RulesArgs & { clocks: ClockRecord[]; eventTail: { seq: number; hash: string } | null }): RulesPlan {
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
  });
  const events = chainEvents(args.logKey, args.row.id, [...args.events, ...out.ruleEvents], args.actor, args.now, args.eventTail);
  const summary = clockSummary(out.clocks);
  return {
    events,
    clocks: out.clocks,
    level: out.facts.level,
    columns: {
      level: out.facts.level,
      level_rule: out.levelChange ? out.levelChange.ruleId : manualRule(args.events) ?? args.row.level_rule,
      // A closed complaint no longer competes for the top of the queue, even while its improvement plan runs.
      next_due_at: args.row.status === 'closed' ? null : summary.nextDueAt,
      overdue: summary.overdue,
      next_severity_check_at: nextSeverityCheck(args.pack, out.facts, args.now),
    },
    notifications: out.notifications,
  };
}

export async function applyRulesAndStore(
  trx: Db,
  args: RulesArgs & {
    row: ComplaintRow;
    /** Clocks already loaded by the caller (a new complaint has none). */
    clocks?: ClockRecord[];
    /** The event chain's tail when known (null for a complaint created in this transaction). */
    eventTail?: { seq: number; hash: string } | null;
  },
): Promise<{ events: StoredEvent[]; clocks: ClockRecord[]; level: string | null; row: ComplaintRow }> {
  const before = args.clocks ?? (await loadClocks(trx, args.row.id));
  const tail = args.eventTail !== undefined ? args.eventTail : await eventTail(trx, args.row.id);
  const plan = planRules({ ...args, clocks: before, eventTail: tail });
  await insertEvents(trx, args.row.id, plan.events);
  await saveClocks(trx, args.row.id, before, plan.clocks);
  const row = await trx
    .updateTable('complaints')
    .set({ ...plan.columns, updated_at: args.now })
    .where('id', '=', args.row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (plan.notifications.length > 0) {
    await trx.insertInto('notifications').values(notificationRows(plan.notifications, args.row)).execute();
  }
  return { events: plan.events, clocks: plan.clocks, level: plan.level, row };
}

export function notificationRows(notifications: NotificationDue[], row: Pick<ComplaintRow, 'id' | 'unit_id' | 'code'>) {
  return notifications.map((n) => ({
    complaint_id: row.id,
    recipient_role: n.recipientRole,
    org_node_id: row.unit_id,
    kind: n.kind,
    rule_id: n.ruleId,
    subject: `${row.code} ${n.subject}`,
    due_at: n.dueAt,
  }));
}

function manualRule(events: NewEvent[]): string | null {
  const manual = events.find((e): e is Extract<NewEvent, { type: 'level_changed' }> => e.type === 'level_changed' && e.data.manual === true);
  return manual ? `manual: ${manual.data.reason}` : null;
}
