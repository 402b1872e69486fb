import type { BusinessCalendar, ClockDefinition, ClockRecord, ComplaintFacts, LifecycleEventForRules } from '../contracts.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import { addBusinessMinutes, businessMinutesBetween, endOfLocalDay, localWallTime } from '../calendar/index.ts';
import { isWallClockRule, resolveRule } from './compute-due.ts';
import { ruleFor } from './select-definitions.ts';

/** Pause, resume and extension of one clock (R-TL-8). Each returns the updated record. */

interface Context {
  definitions: ClockDefinition[];
  calendar: BusinessCalendar;
  facts: ComplaintFacts;
}

const wall = (cal: BusinessCalendar, ms: number) => localWallTime(cal, new Date(ms));

export function clockNameOf(event: LifecycleEventForRules, clocks: ClockRecord[]): ClockRecord {
  const name = event.data?.name;
  if (typeof name !== 'string' || name === '') throw invalid('name', `${event.type} needs the clock name`);
  const clock = clocks.find((c) => c.name === name);
  if (!clock) throw notFound(`clock "${name}"`);
  return clock;
}

function reasonOf(event: LifecycleEventForRules): string {
  const reason = event.data?.reason;
  if (typeof reason !== 'string' || reason.trim() === '') throw invalid('reason', `${event.type} needs a stated reason (R-TL-8)`);
  return reason.trim();
}

/**
 * Moves a due instant later by `minutes` in the rule's own measure: wall-clock minutes for wall-clock
 * rules, working minutes otherwise. A day-granular deadline (due at the end of a local day) stays
 * day-granular: it moves to the end of the day the shifted instant falls on.
 */
function shiftDue(ctx: Context, clock: ClockRecord, minutes: { wall: number; business: number }): Date {
  const due = new Date(clock.dueAt);
  const def =
    ctx.definitions.find((d) => d.name === clock.name && d.ruleId === clock.ruleId) ?? ctx.definitions.find((d) => d.name === clock.name);
  const leaf = def ? resolveRule(ctx.calendar, ruleFor(def, ctx.facts), new Date(clock.startedAt)).rule : null;
  if (leaf && isWallClockRule(leaf)) return new Date(due.getTime() + minutes.wall * 60_000);
  if (minutes.business === 0) return due;
  const shifted = addBusinessMinutes(ctx.calendar, due, minutes.business).due;
  return endOfLocalDay(ctx.calendar, due).getTime() === due.getTime() ? endOfLocalDay(ctx.calendar, shifted) : shifted;
}

export function pauseClock(clock: ClockRecord, event: LifecycleEventForRules): ClockRecord {
  const reason = reasonOf(event);
  if (clock.state !== 'running') {
    throw new DomainError('ILLEGAL_TRANSITION', `clock "${clock.name}" is ${clock.state}; only a running clock can be paused`);
  }
  const at = event.at.toISOString();
  return {
    ...clock,
    state: 'paused',
    pausedAt: at,
    pauseReason: reason,
    trace: [...clock.trace, { kind: 'pause', detail: `Paused: ${reason}`, detailZh: `暂停计时：${reason}`, from: at }],
  };
}

export function resumeClock(ctx: Context, clock: ClockRecord, event: LifecycleEventForRules): ClockRecord {
  if (clock.state !== 'paused' || !clock.pausedAt) {
    throw new DomainError('ILLEGAL_TRANSITION', `clock "${clock.name}" is ${clock.state}; only a paused clock can be resumed`);
  }
  const pausedAt = new Date(clock.pausedAt);
  const resumedAt = event.at.getTime() < pausedAt.getTime() ? pausedAt : event.at;
  const wallMs = resumedAt.getTime() - pausedAt.getTime();
  const business = businessMinutesBetween(ctx.calendar, pausedAt, resumedAt);
  const due = shiftDue(ctx, clock, { wall: wallMs / 60_000, business });
  const from = pausedAt.toISOString();
  const to = resumedAt.toISOString();
  const dueLabel = wall(ctx.calendar, due.getTime());
  return {
    ...clock,
    state: 'running',
    pausedAt: null,
    pauseReason: null,
    pausedMs: clock.pausedMs + wallMs,
    dueAt: due.toISOString(),
    trace: [
      ...clock.trace,
      {
        kind: 'resume',
        detail: `Resumed after a pause of ${(wallMs / 60_000).toFixed(0)} min (${business.toFixed(0)} working min, reason: ${clock.pauseReason ?? '—'}); due moved to ${dueLabel}`,
        detailZh: `恢复计时：暂停 ${(wallMs / 60_000).toFixed(0)} 分钟（其中工作时间 ${business.toFixed(0)} 分钟，原因：${clock.pauseReason ?? '—'}），截止顺延至 ${dueLabel}`,
        from,
        to,
      },
    ],
  };
}

export function extendClock(ctx: Context, clock: ClockRecord, event: LifecycleEventForRules): ClockRecord {
  const reason = reasonOf(event);
  if (clock.state !== 'running' && clock.state !== 'paused') {
    throw new DomainError('ILLEGAL_TRANSITION', `clock "${clock.name}" is ${clock.state}; only an open clock can be extended`);
  }
  const { minutes, dueAt } = event.data ?? {};
  if ((minutes === undefined) === (dueAt === undefined)) throw invalid('minutes', 'an extension gives either minutes or dueAt');
  let due: Date;
  if (minutes !== undefined) {
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0) throw invalid('minutes', 'must be a positive number');
    due = shiftDue(ctx, clock, { wall: minutes, business: minutes });
  } else {
    due = dueAt instanceof Date ? dueAt : new Date(typeof dueAt === 'string' ? dueAt : NaN);
    if (Number.isNaN(due.getTime())) throw invalid('dueAt', 'must be an ISO instant');
  }
  if (due.getTime() <= Date.parse(clock.dueAt)) throw invalid('dueAt', 'an extension must move the due instant later');
  const dueLabel = wall(ctx.calendar, due.getTime());
  const how = minutes !== undefined ? `by ${minutes} min` : 'to an explicit instant';
  const howZh = minutes !== undefined ? `${minutes} 分钟` : '至指定时间';
  return {
    ...clock,
    dueAt: due.toISOString(),
    trace: [
      ...clock.trace,
      {
        kind: 'extension',
        detail: `Extension approved at ${wall(ctx.calendar, event.at.getTime())} ${how} (${reason}); now due ${dueLabel}`,
        detailZh: `批准延期${howZh}（${reason}），新截止时间 ${dueLabel}`,
        from: clock.dueAt,
        to: due.toISOString(),
      },
    ],
  };
}
