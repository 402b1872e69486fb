/**
 * The common tail of every write to a complaint: append the lifecycle events, run the rules over
 * them, store the clocks, the level, the rule events and the notifications — all in the caller's
 * transaction, so a complaint is never left with events but without their clocks.
 */
import type { Db, ComplaintRow } from '../data/complaint-store.ts';
import { eventTail, loadClocks } from '../data/complaint-store.ts';
import { writeComplaintChange, type ComplaintChangeColumns } from '../data/complaint-write.ts';
import type { ClockRecord } from '../domain/contracts.ts';
import type { StoredEvent } from '../domain/chain-events.ts';
import { planRules, type RulesArgs, type RulesPlan } from '../domain/rules/plan-rules.ts';
import { changedClocks, clockRow, eventRows, notificationRows, recipientRows } from '../domain/stored-rows.ts';
import { configCache } from '../data/config-cache.ts';
import { addressed, outboxFor, type DeliveryContext } from './outbox-for.ts';

// Where these lived before the pure planning moved to src/domain (issue #18), for their importers.
export { planRules, type RulesArgs, type RulesPlan } from '../domain/rules/plan-rules.ts';
export { notificationRows } from '../domain/stored-rows.ts';

/** The write that stores `plan` with the complaint's own `columns` (pure: the store sends it as is). */
export function changeOf(
  row: Pick<ComplaintRow, 'id' | 'unit_id' | 'code' | 'level'>,
  before: ClockRecord[],
  plan: RulesPlan,
  columns: ComplaintChangeColumns,
  now: Date,
  delivery?: DeliveryContext,
) {
  const notifications = addressed(plan.notifications);
  const level = plan.columns.level !== undefined ? plan.columns.level : columns.level !== undefined ? columns.level : row.level;
  return {
    id: row.id,
    columns: { ...columns, ...plan.columns, updated_at: now },
    events: eventRows(row.id, plan.events),
    clocks: changedClocks(before, plan.clocks).map((c) => clockRow(row.id, c)),
    notifications: notificationRows(notifications, row),
    recipients: recipientRows(notifications),
    emergencies: plan.emergencies,
    // Issue #14: the notifications' messages, in the same statement.
    outbox: outboxFor(delivery, { ...row, level: level ?? null }, notifications, now),
  };
}

export async function applyRulesAndStore(
  trx: Db,
  args: RulesArgs & {
    row: ComplaintRow;
    /** Clocks already loaded by the caller (a new complaint has none). */
    clocks?: ClockRecord[];
    /** The clocks as stored, when `clocks` already carries changes of the caller's (the sweeper's breaches). */
    storedClocks?: ClockRecord[];
    /** The event chain's tail when known (null for a complaint created in this transaction). */
    eventTail?: { seq: number; hash: string } | null;
    /** Columns of the complaint this write changes besides those the rules decide. */
    columns?: ComplaintChangeColumns;
    /** The console's address for message links (Deps.publicUrl). */
    baseUrl?: string;
  },
): Promise<{ events: StoredEvent[]; clocks: ClockRecord[]; level: string | null; row: ComplaintRow }> {
  const before = args.clocks ?? (await loadClocks(trx, args.row.id));
  const tail = args.eventTail !== undefined ? args.eventTail : await eventTail(trx, args.row.id);
  const plan = planRules({ ...args, clocks: before, eventTail: tail });
  // The channels from the configuration copy as this process holds it: reading it again inside the
  // transaction would cost a statement (issue #18's counts).
  const delivery: DeliveryContext = { config: configCache(trx).peek(), pack: args.pack, baseUrl: args.baseUrl ?? '' };
  const row = await writeComplaintChange(
    trx,
    changeOf(args.row, args.storedClocks ?? before, plan, args.columns ?? {}, args.now, delivery),
  );
  return { events: plan.events, clocks: plan.clocks, level: plan.level, row };
}
