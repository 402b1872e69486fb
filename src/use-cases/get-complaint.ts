/** Loads a complaint with everything its page shows. */
import type { Deps } from './context.ts';
import { findComplaint, loadClocks, listEvents, listLinks, type ComplaintRow, type StoredEvent } from '../data/complaint-store.ts';
import { configSnapshot } from '../data/config-cache.ts';
import { findCustomer } from '../data/customer-store.ts';
import type { ClockRecord } from '../domain/contracts.ts';
import { DEFAULT_CALENDAR } from '../domain/calendar/index.ts';
import { deadlineStanding, type DeadlineStanding } from '../domain/clocks/index.ts';
import { notFound } from '../domain/errors.ts';
import { DEFAULT_REPLY_APPROVER_ROLES, packLifecycle } from '../domain/lifecycle/pack-lifecycle.ts';
import { complaintPackVia } from './policy/resolve-pack.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertComplaintId(id: string): void {
  // Not a uuid cannot name a complaint: that is "not found", not bad input.
  if (!UUID.test(id)) throw notFound(`complaint '${id}'`);
}

export interface ComplaintDetail {
  row: ComplaintRow;
  unitName: string;
  customer: { id: string; name: string; phone: string | null; email: string | null; type: string | null };
  clocks: ClockRecord[];
  /** Which running deadlines are provisional, and which could now be settled by recomputing (R-TL-1). */
  deadlines: DeadlineStanding;
  events: StoredEvent[];
  links: { id: string; code: string; kind: string; direction: 'to' | 'from' }[];
  /** What the complaint's pack decides about its lifecycle: close without a return visit, who approves a reply. */
  lifecycle: { returnVisitRequired: boolean; replyApproverRoles: readonly string[] };
}

/**
 * `known`: the row as the caller has just read it (the scope check reads it first), so the page does
 * not wait for a second read of the same row; it reads it itself otherwise.
 */
export async function getComplaint(deps: Deps, id: string, known?: ComplaintRow): Promise<ComplaintDetail> {
  assertComplaintId(id);
  const row = known ?? (await findComplaint(deps.db, id));
  if (!row) throw notFound(`complaint '${id}'`);
  const [config, customer, clocks, events, links, pack] = await Promise.all([
    // The unit's name and calendar from the per-process copy of the tree, current by the config counter (src/data/config-cache.ts).
    configSnapshot(deps.db),
    findCustomer(deps.db, row.customer_id),
    loadClocks(deps.db, id),
    listEvents(deps.db, id),
    listLinks(deps.db, id),
    complaintPackVia(deps.db, row),
  ]);
  const unit = config.node(row.unit_id);
  return {
    row,
    unitName: unit?.name ?? row.unit_id,
    customer: { id: customer.id, name: customer.name, phone: customer.phone, email: customer.email, type: customer.type },
    clocks,
    deadlines: deadlineStanding(clocks, config.latestCalendar(row.unit_id) ?? DEFAULT_CALENDAR),
    events,
    links,
    // A pack no longer installed offers no shortcut: the return visit stays required, the managers approve.
    lifecycle: pack ? packLifecycle(pack) : { returnVisitRequired: true, replyApproverRoles: DEFAULT_REPLY_APPROVER_ROLES },
  };
}
