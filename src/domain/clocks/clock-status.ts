import type { ClockName, ClockRecord, ClockState } from '../contracts.ts';

/** Running clocks past their due instant. Paused, met and already breached clocks are not reported. */
export function findBreaches(clocks: ClockRecord[], now: Date): ClockName[] {
  return clocks.filter((c) => c.state === 'running' && Date.parse(c.dueAt) < now.getTime()).map((c) => c.name);
}

/**
 * Marks a running clock as breached at `at`. Anything else — a paused or finished clock, or one not
 * yet due — comes back unchanged, so a sweeper that runs twice never breaches a clock twice.
 */
export function markBreached(clock: ClockRecord, at: Date): ClockRecord {
  if (clock.state !== 'running' || Date.parse(clock.dueAt) >= at.getTime()) return clock;
  return {
    ...clock,
    state: 'breached',
    breachedAt: at.toISOString(),
    trace: [
      ...clock.trace,
      {
        kind: 'breach',
        detail: `Breached: still open at ${at.toISOString()}, due ${clock.dueAt}`,
        detailZh: `超时：截止 ${clock.dueAt}，${at.toISOString()} 时仍未完成`,
        to: at.toISOString(),
      },
    ],
  };
}

export type ClockTone = 'green' | 'amber' | 'red' | 'done';

export interface ClockStatus {
  state: ClockState;
  /** Due minus now (frozen at the pause for a paused clock, at metAt for a met one); negative when late. */
  remainingMs: number;
  /** Due minus start: the whole span the clock grants, extensions and pause shifts included. */
  spanMs: number;
  /** 'amber' when less than a quarter of the span is left; 'red' when late; 'done' once met on time. */
  tone: ClockTone;
}

export const AMBER_FRACTION = 0.25;

export function clockStatusAt(clock: ClockRecord, now: Date): ClockStatus {
  const due = Date.parse(clock.dueAt);
  const spanMs = Math.max(0, due - Date.parse(clock.startedAt));
  const reference =
    clock.state === 'paused' && clock.pausedAt
      ? Date.parse(clock.pausedAt)
      : (clock.state === 'met' || clock.state === 'breached') && clock.metAt
        ? Date.parse(clock.metAt)
        : now.getTime();
  const remainingMs = due - reference;
  let tone: ClockTone;
  if (clock.state === 'breached' || remainingMs < 0) tone = 'red';
  else if (clock.state === 'met') tone = 'done';
  else if (remainingMs < spanMs * AMBER_FRACTION) tone = 'amber';
  else tone = 'green';
  return { state: clock.state, remainingMs, spanMs, tone };
}
