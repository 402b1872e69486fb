/** Loads a complaint with everything its page shows. */
import type { Deps } from './context.ts';
import { findComplaint, loadClocks, listEvents, listLinks, type ComplaintRow, type StoredEvent } from '../data/complaint-store.ts';
import { findOrgNode } from '../data/org-store.ts';
import type { ClockRecord } from '../domain/contracts.ts';
import { notFound } from '../domain/errors.ts';

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
  events: StoredEvent[];
  links: { id: string; code: string; kind: string; direction: 'to' | 'from' }[];
}

export async function getComplaint(deps: Deps, id: string): Promise<ComplaintDetail> {
  assertComplaintId(id);
  const row = await findComplaint(deps.db, id);
  if (!row) throw notFound(`complaint '${id}'`);
  const [unit, customer, clocks, events, links] = await Promise.all([
    findOrgNode(deps.db, row.unit_id),
    deps.db.selectFrom('customers').selectAll().where('id', '=', row.customer_id).executeTakeFirstOrThrow(),
    loadClocks(deps.db, id),
    listEvents(deps.db, id),
    listLinks(deps.db, id),
  ]);
  return {
    row,
    unitName: unit?.name ?? row.unit_id,
    customer: { id: customer.id, name: customer.name, phone: customer.phone, email: customer.email, type: customer.type },
    clocks,
    events,
    links,
  };
}
