/** What the complaint row keeps of its clocks, for the queue's order and its overdue filter. */
import type { ClockRecord } from '../contracts.ts';

/** The earliest due instant among running clocks, and whether any clock is breached and unmet. */
export function clockSummary(clocks: ClockRecord[]): { nextDueAt: Date | null; overdue: boolean } {
  let next: number | null = null;
  let overdue = false;
  for (const c of clocks) {
    if (c.state === 'running') {
      const t = Date.parse(c.dueAt);
      if (next === null || t < next) next = t;
    }
    if (c.state === 'breached' && !c.metAt) overdue = true;
  }
  return { nextDueAt: next === null ? null : new Date(next), overdue };
}
