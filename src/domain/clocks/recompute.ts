/**
 * Explicit recomputation after a calendar edit. Stored deadlines are never rewritten silently (each
 * clock keeps the calendar version it was computed on); a person asks for this, and it is recorded.
 * Only running clocks that were never paused or extended are recomputed: a pause shift or an approved
 * extension is a decision about that deadline that a new calendar must not undo.
 */
import type { BusinessCalendar, ClockDefinition, ClockRecord, ComplaintFacts } from '../contracts.ts';
import { computeDue } from './compute-due.ts';
import { flaggedYears } from './provisional.ts';
import { selectDefinitions, ruleFor } from './select-definitions.ts';

export interface Recomputed {
  clocks: ClockRecord[];
  changed: { name: string; from: string; to: string }[];
  kept: { name: string; why: string }[];
}

export function recomputeClocks(
  definitions: ClockDefinition[],
  cal: BusinessCalendar,
  facts: ComplaintFacts,
  clocks: ClockRecord[],
): Recomputed {
  const applicable = selectDefinitions(definitions, facts, cal);
  const changed: Recomputed['changed'] = [];
  const kept: Recomputed['kept'] = [];
  const out = clocks.map((c) => {
    if (c.state !== 'running') return c;
    if (c.pausedMs > 0 || c.trace.some((s) => s.kind === 'extension' || s.kind === 'extended')) {
      kept.push({ name: c.name, why: 'paused or extended' });
      return c;
    }
    const def = applicable.find((d) => d.name === c.name);
    if (!def) {
      kept.push({ name: c.name, why: 'no definition applies any more' });
      return c;
    }
    const { due, trace } = computeDue(cal, ruleFor(def, facts), new Date(c.startedAt));
    const dueAt = due.toISOString();
    // A provisional deadline whose year is now published may keep its instant; it still changes,
    // because its trace no longer says "provisional" (R-TL-1, #15 item 8).
    const sameFlags = flaggedYears(c.trace).join() === flaggedYears(trace).join();
    if (dueAt === c.dueAt && c.calendarVersion === cal.version && sameFlags) return c;
    changed.push({ name: c.name, from: c.dueAt, to: dueAt });
    return { ...c, dueAt, calendarVersion: cal.version, trace };
  });
  return { clocks: out, changed, kept };
}
