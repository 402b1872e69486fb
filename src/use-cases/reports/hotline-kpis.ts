/** The hotline KPIs of the quarter over a subtree's units (issue #15 item 7; definitions in domain/kpi/hotline.ts). */
import type { Db } from '../../data/complaint-store.ts';
import { hotlineRows } from '../../data/reports/hotline-store.ts';
import { answerClockNames, hotlineKpis, type HotlineKpis } from '../../domain/kpi/hotline.ts';
import { PACKS } from '../../policies/index.ts';
import type { OrgNodeRow } from './report-context.ts';

export async function hotlineFor(
  db: Db,
  nodes: readonly OrgNodeRow[],
  quarter: { start: Date; end: Date },
  asOf: Date,
): Promise<HotlineKpis> {
  const r = await hotlineRows(db, {
    unitIds: nodes.map((x) => x.id),
    start: quarter.start,
    end: quarter.end,
    asOf,
    answerClocks: answerClockNames(PACKS),
  });
  const n = (v: unknown) => Number(v ?? 0);
  return hotlineKpis({
    received: n(r.received),
    answerDecided: n(r.answer_decided),
    answerOnTime: n(r.answer_on_time),
    closed: n(r.closed),
    handlingHoursSum: n(r.handling_hours),
    validClosed: n(r.valid_closed),
    firstContact: n(r.first_contact),
  });
}
