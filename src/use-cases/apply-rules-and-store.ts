/**
 * The common tail of every write to a complaint: append the lifecycle events, run the rules over
 * them, store the clocks, the level, the rule events and the notifications — all in the caller's
 * transaction, so a complaint is never left with events but without their clocks.
 */
import type { Db, ComplaintRow, Actor, NewEvent, StoredEvent } from '../data/complaint-store.ts';
import { appendEvents, loadClocks, saveClocks, clockSummary } from '../data/complaint-store.ts';
import type { BusinessCalendar, ClockRecord, ComplaintFacts } from '../domain/contracts.ts';
import type { Pack } from '../policies/index.ts';
import { runRules } from './rules.ts';
import { nextSeverityCheck } from './severity-schedule.ts';

export async function applyRulesAndStore(
  trx: Db,
  args: {
    row: ComplaintRow;
    facts: ComplaintFacts;
    pack: Pack;
    calendar: BusinessCalendar;
    events: NewEvent[];
    actor: Actor;
    now: Date;
    evaluateLevel?: boolean;
    /** Clocks already loaded by the caller (a new complaint has none). */
    clocks?: ClockRecord[];
    /** The event chain's tail when known (null for a complaint created in this transaction). */
    eventTail?: { seq: number; hash: string } | null;
  },
): Promise<{ events: StoredEvent[]; clocks: ClockRecord[]; level: string | null; row: ComplaintRow }> {
  const before = args.clocks ?? (await loadClocks(trx, args.row.id));
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
    clocks: before,
    events: lifecycleForRules,
    now: args.now,
    evaluateLevel: args.evaluateLevel ?? true,
  });
  const stored = await appendEvents(trx, args.row.id, [...args.events, ...out.ruleEvents], args.actor, args.now, args.eventTail);
  await saveClocks(trx, args.row.id, before, out.clocks);
  const summary = clockSummary(out.clocks);
  const level = out.facts.level;
  const row = await trx
    .updateTable('complaints')
    .set({
      level,
      level_rule: out.levelChange ? out.levelChange.ruleId : manualRule(args.events) ?? args.row.level_rule,
      // A closed complaint no longer competes for the top of the queue, even while its improvement plan runs.
      next_due_at: args.row.status === 'closed' ? null : summary.nextDueAt,
      overdue: summary.overdue,
      next_severity_check_at: nextSeverityCheck(args.pack, out.facts, args.now),
      updated_at: args.now,
    })
    .where('id', '=', args.row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (out.notifications.length > 0) {
    await trx
      .insertInto('notifications')
      .values(
        out.notifications.map((n) => ({
          complaint_id: args.row.id,
          recipient_role: n.recipientRole,
          org_node_id: args.row.unit_id,
          kind: n.kind,
          rule_id: n.ruleId,
          subject: `${args.row.code} ${n.subject}`,
          due_at: n.dueAt,
        })),
      )
      .execute();
  }
  return { events: stored, clocks: out.clocks, level, row };
}

function manualRule(events: NewEvent[]): string | null {
  const manual = events.find((e) => e.type === 'level_changed' && e.data.manual === true);
  return manual ? `manual: ${String(manual.data.reason)}` : null;
}
