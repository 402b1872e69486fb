/** Walks every complaint's hash-chained event log and reports the first broken link of each (R-LC-1). */
import type { Deps } from './context.ts';
import { listEvents } from '../data/complaint-store.ts';
import { firstBrokenLink } from '../domain/event-chain.ts';

export interface ChainReport {
  complaints: number;
  events: number;
  broken: { complaintId: string; code: string; seq: number; reason: string }[];
}

export async function verifyEventLog(deps: Deps, opts: { complaintId?: string } = {}): Promise<ChainReport> {
  const report: ChainReport = { complaints: 0, events: 0, broken: [] };
  let lastId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    let q = deps.db.selectFrom('complaints').select(['id', 'code']).where('id', '>', lastId).orderBy('id').limit(500);
    if (opts.complaintId) q = q.where('id', '=', opts.complaintId);
    const page = await q.execute();
    if (page.length === 0) break;
    for (const c of page) {
      const events = await listEvents(deps.db, c.id);
      report.complaints++;
      report.events += events.length;
      // Every complaint starts with its 'received' event; none at all means the log was deleted.
      const broken = events.length === 0 ? { seq: 1, reason: 'no events: the log of this complaint is missing' } : firstBrokenLink(events.map((e) => ({ ...e, complaintId: c.id })));
      if (broken) report.broken.push({ complaintId: c.id, code: c.code, ...broken });
    }
    lastId = page[page.length - 1].id;
  }
  return report;
}
