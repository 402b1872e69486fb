import type { BusinessCalendar, ClockDefinition, ClockName, ClockRecord, ComplaintFacts, LifecycleEventForRules } from '../contracts.ts';
import { computeDue } from './compute-due.ts';
import { clockNameOf, extendClock, pauseClock, resumeClock } from './clock-adjustments.ts';
import { ruleFor, selectDefinitions } from './select-definitions.ts';
import { policyLabel } from '../policy/effective-pack.ts';

export type ClockChangeKind = 'started' | 'met' | 'paused' | 'resumed' | 'restarted' | 'extended';

export interface ApplyEventInput {
  definitions: ClockDefinition[];
  calendar: BusinessCalendar;
  facts: ComplaintFacts;
  clocks: ClockRecord[];
  event: LifecycleEventForRules;
}

export interface ApplyEventResult {
  clocks: ClockRecord[];
  changes: { name: ClockName; change: ClockChangeKind }[];
}

/** A dispute or a reopening begins a new cycle: clocks that start on it start over (R-LC-3). */
const RESTARTING_EVENTS = new Set(['reopened', 'disputed']);

/**
 * Applies one lifecycle event to a complaint's clocks. Pause, resume and extension events act on the
 * named clock and throw a DomainError when they are not allowed (no reason, wrong state, unknown
 * clock). Any other event first meets the clocks it stops, then starts the clocks it starts, so one
 * event can close one cycle and open the next.
 */
export function applyEvent(input: ApplyEventInput): ApplyEventResult {
  const { definitions, calendar, facts, event } = input;
  const ctx = { definitions, calendar, facts };
  const clocks = [...input.clocks];
  const changes: ApplyEventResult['changes'] = [];
  const replace = (updated: ClockRecord) => {
    clocks[clocks.findIndex((c) => c.name === updated.name)] = updated;
  };

  if (event.type === 'clock_paused' || event.type === 'clock_resumed' || event.type === 'extension_approved') {
    const clock = clockNameOf(event, clocks);
    if (event.type === 'clock_paused') {
      replace(pauseClock(clock, event));
      changes.push({ name: clock.name, change: 'paused' });
    } else if (event.type === 'clock_resumed') {
      replace(resumeClock(ctx, clock, event));
      changes.push({ name: clock.name, change: 'resumed' });
    } else {
      replace(extendClock(ctx, clock, event));
      changes.push({ name: clock.name, change: 'extended' });
    }
    return { clocks, changes };
  }

  for (const clock of clocks) {
    if (clock.state === 'met') continue;
    const def = definitionOf(definitions, clock);
    if (!def?.stopOn.includes(event.type)) continue;
    replace(meet(clock, event));
    changes.push({ name: clock.name, change: 'met' });
  }

  for (const def of selectDefinitions(definitions, facts, calendar)) {
    if (!def.startOn.includes(event.type)) continue;
    const existing = clocks.find((c) => c.name === def.name);
    if (existing && !RESTARTING_EVENTS.has(event.type)) continue;
    const started = start(def, calendar, facts, event);
    if (existing) {
      replace(started);
      changes.push({ name: def.name, change: 'restarted' });
    } else {
      clocks.push(started);
      changes.push({ name: def.name, change: 'started' });
    }
  }
  return { clocks, changes };
}

function definitionOf(definitions: ClockDefinition[], clock: ClockRecord): ClockDefinition | undefined {
  return definitions.find((d) => d.name === clock.name && d.ruleId === clock.ruleId) ?? definitions.find((d) => d.name === clock.name);
}

/** A breached clock stays breached (the breach is history) but records when it was finally met. */
function meet(clock: ClockRecord, event: LifecycleEventForRules): ClockRecord {
  const at = event.at.toISOString();
  const pausedMs =
    clock.state === 'paused' && clock.pausedAt
      ? clock.pausedMs + Math.max(0, event.at.getTime() - Date.parse(clock.pausedAt))
      : clock.pausedMs;
  const late = event.at.getTime() > Date.parse(clock.dueAt);
  return {
    ...clock,
    state: clock.state === 'breached' ? 'breached' : 'met',
    metAt: at,
    pausedAt: null,
    pauseReason: null,
    pausedMs,
    trace: [
      ...clock.trace,
      {
        kind: 'met',
        detail: `Met by '${event.type}' at ${at}${late ? ' (late)' : ''}`,
        detailZh: `已由「${event.type}」完成，时间 ${at}${late ? '（已超时）' : ''}`,
        to: at,
      },
    ],
  };
}

function start(def: ClockDefinition, calendar: BusinessCalendar, facts: ComplaintFacts, event: LifecycleEventForRules): ClockRecord {
  // A phone complaint is logged after the call; its clock runs from when it was received (R-IN-2).
  // A clock counted from receipt (countFrom) runs from then whichever later event starts it.
  const startedAt = event.type === 'received' || def.countFrom === 'receipt' ? facts.receivedAt : event.at;
  const { due, trace } = computeDue(calendar, ruleFor(def, facts), startedAt);
  const policy = def.policy ? policyLabel(def.policy.id, def.policy.version) : null;
  return {
    name: def.name,
    ruleId: def.ruleId,
    startedAt: startedAt.toISOString(),
    dueAt: due.toISOString(),
    state: 'running',
    pausedMs: 0,
    pausedAt: null,
    pauseReason: null,
    metAt: null,
    breachedAt: null,
    calendarVersion: calendar.version,
    trace: [
      {
        kind: 'clock',
        detail: `${def.label} (${def.ruleId}) started by '${event.type}'${facts.channel ? `, channel ${facts.channel}` : ''}${policy ? `, ${policy.en}` : ''}`,
        detailZh: `${def.labelZh}（${def.ruleId}）由「${event.type}」开始计时，渠道 ${facts.channel}${policy ? `，${policy.zh}` : ''}`,
        from: startedAt.toISOString(),
      },
      ...trace,
    ],
  };
}
