/**
 * The hotline KPIs of the S3 sheet that Plaint can compute from its own data (issue #15 item 7; S3
 * 「坐席电话平均接通率、报案通话平均时长、接报案平均调度响应时长」 are call-centre figures Plaint has no call
 * data for, so each is defined on the complaint record instead). Over the complaints received in the
 * quarter, as of the quarter's end (or now, while it runs):
 *
 * - answerWithinLimit: of the complaints with an answer clock decided (met, or its due instant passed),
 *   the share whose every decided answer clock was met by its due instant. Answer clocks are the pack
 *   clocks that a reply or an interim reply to the customer stops (the 24 h first answer of S3 5.1.2,
 *   Vanke's reply limits, …): `answerClockNames`.
 * - averageHandlingHours: the mean of received → closed, in calendar hours, over the complaints closed
 *   (and not reopened since).
 * - firstContactResolution: of the valid complaints closed, the share closed on their first answer — the
 *   customer never disputed it and the complaint was never reopened. Dispatch does not count against it:
 *   every valid complaint is investigated by a department before it is answered (R-LC-2), so "never
 *   dispatched" would be no complaint at all.
 *
 * Pure: the counts come from SQL (data/reports/hotline-store.ts).
 */
import type { Pack } from '../../policies/index.ts';

export interface HotlineCounts {
  received: number;
  answerDecided: number;
  answerOnTime: number;
  closed: number;
  handlingHoursSum: number;
  validClosed: number;
  firstContact: number;
}

export interface HotlineKpis {
  ruleIds: string[];
  received: number;
  answerWithinLimit: { rate: number | null; onTime: number; decided: number };
  averageHandlingHours: { hours: number | null; closed: number };
  firstContactResolution: { rate: number | null; firstContact: number; validClosed: number };
}

const ANSWER_EVENTS = new Set(['replied', 'interim_replied']);

/** The clocks that an answer to the customer stops, across the given packs. */
export function answerClockNames(packs: readonly Pack[]): string[] {
  const names = new Set<string>();
  for (const p of packs) for (const c of p.clocks) if (c.stopOn.some((e) => ANSWER_EVENTS.has(e))) names.add(c.name);
  return [...names].sort();
}

const ratio = (n: number, d: number) => (d > 0 ? Math.round((Math.min(n, d) / d) * 10_000) / 10_000 : null);

export function hotlineKpis(c: HotlineCounts): HotlineKpis {
  return {
    ruleIds: ['R-RS-4'],
    received: c.received,
    answerWithinLimit: { rate: ratio(c.answerOnTime, c.answerDecided), onTime: c.answerOnTime, decided: c.answerDecided },
    averageHandlingHours: { hours: c.closed > 0 ? Math.round((c.handlingHoursSum / c.closed) * 10) / 10 : null, closed: c.closed },
    firstContactResolution: { rate: ratio(c.firstContact, c.validClosed), firstContact: c.firstContact, validClosed: c.validClosed },
  };
}
