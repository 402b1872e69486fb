/**
 * Runs the pure rule modules over a complaint after its lifecycle events: clocks (start, meet, pause),
 * automatic severity (only ever raised, R-SV-4) and the notifications a new level calls for. No I/O:
 * the use cases load the inputs and store the outputs in their transaction.
 */
import type { BusinessCalendar, ClockRecord, ComplaintFacts, LifecycleEventForRules, NotificationDue, SeverityDecision } from '../domain/contracts.ts';
import { applyEvent } from '../domain/clocks/index.ts';
import type { NewEvent } from '../domain/events.ts';
import { evaluateSeverity } from '../domain/severity/index.ts';
import { notificationsFor } from '../domain/notifications/index.ts';
import { addBusinessDays } from '../domain/calendar/index.ts';
import type { Pack } from '../policies/index.ts';

export interface RulesInput {
  pack: Pack;
  calendar: BusinessCalendar;
  facts: ComplaintFacts;
  clocks: ClockRecord[];
  events: LifecycleEventForRules[];
  now: Date;
  /** Evaluate automatic severity after the events (false when a person has just set the level). */
  evaluateLevel: boolean;
}

export interface RulesOutput {
  clocks: ClockRecord[];
  facts: ComplaintFacts;
  levelChange: SeverityDecision | null;
  /** Extra events the rules produced (level changes), to append after the lifecycle events. */
  ruleEvents: NewEvent[];
  notifications: NotificationDue[];
}

export function runRules(input: RulesInput): RulesOutput {
  const definitions = input.pack.clocks;
  let clocks = input.clocks;
  let facts = input.facts;
  for (const event of input.events) {
    if (event.type === 'level_changed' && typeof event.data?.level === 'string') facts = { ...facts, level: event.data.level };
    clocks = applyEvent({ definitions, calendar: input.calendar, facts, clocks, event }).clocks;
  }
  if (input.events.some((e) => e.type === 'closed')) clocks = stopClocksAtClosure(clocks, input.now);
  const ruleEvents: RulesOutput['ruleEvents'] = [];
  let levelChange: SeverityDecision | null = null;
  let notifications: NotificationDue[] = [];
  if (input.evaluateLevel) {
    levelChange = evaluateSeverity(input.pack, facts, input.now, { level: facts.level });
    if (levelChange) {
      ruleEvents.push({
        type: 'level_changed',
        data: { level: levelChange.level, from: facts.level, ruleId: levelChange.ruleId, reason: levelChange.reason, reasonZh: levelChange.reasonZh ?? null, manual: false },
      });
      facts = { ...facts, level: levelChange.level };
      // A new level may start level-gated clocks (e.g. the 24 h first answer on a major complaint, R-TL-3).
      clocks = applyEvent({ definitions, calendar: input.calendar, facts, clocks, event: { type: 'level_changed', at: input.now, data: { level: levelChange.level } } }).clocks;
    }
  }
  const finalLevel = levelChange?.level ?? null;
  const manualLevel = input.events.find((e) => e.type === 'level_changed' && typeof e.data?.level === 'string')?.data?.level as string | undefined;
  const notifyLevel = finalLevel ?? manualLevel;
  if (notifyLevel) {
    notifications = notificationsFor(input.pack, notifyLevel, input.now, (start, days) => addBusinessDays(input.calendar, start, days).due);
  }
  return { clocks, facts, levelChange, ruleEvents, notifications };
}

/**
 * Closing a complaint ends what is still owed on it — an invalid complaint is never dispatched, so its
 * dispatch clock must not run on and breach. The improvement plan is the exception: corrective action
 * may continue after the customer is answered (R-LC-2), so its clock keeps running.
 */
export function stopClocksAtClosure(clocks: ClockRecord[], now: Date): ClockRecord[] {
  return clocks.map((c) => {
    if (c.name === 'improvement' || (c.state !== 'running' && c.state !== 'paused')) return c;
    return {
      ...c,
      state: 'met',
      metAt: now.toISOString(),
      pausedAt: null,
      trace: [...c.trace, { kind: 'stopped', detail: 'stopped: the complaint was closed', detailZh: '投诉已关闭，时限停止', from: now.toISOString() }],
    };
  });
}
