/**
 * Who must be told what, and by when, once a complaint reaches a severity level (R-NT-1, S0 Vanke
 * 5.5.2; R-NT-2, S0 gas §8). Working days are counted by the caller's calendar function, so this
 * module stays pure and independent of the calendar implementation.
 */
import type { NotificationDue } from '../contracts.ts';
import type { NotificationRule, Pack } from '../../policies/pack-schema.ts';

/**
 * What just happened: the level was set, a weekly progress report went out, the complaint closed, or a step
 * logged events (`events`: their types) that an `on_event` rule waits for.
 */
export type NotificationTrigger = 'level_set' | 'progress_sent' | 'closed' | 'event';

export interface NotificationOptions {
  trigger?: NotificationTrigger;
  /** With trigger 'event': the types of the events the step logged. */
  events?: readonly string[];
}

const WEEK_MS = 7 * 24 * 3_600_000;

function dueFor(
  rule: NotificationRule,
  trigger: NotificationTrigger,
  at: Date,
  addWorkingDays: (start: Date, days: number) => Date,
  events: readonly string[],
): Date | null {
  switch (rule.when.kind) {
    case 'immediately':
      return trigger === 'level_set' ? at : null;
    case 'within_working_days':
      return trigger === 'level_set' ? addWorkingDays(at, rule.when.days) : null;
    // "至少每周一次": the next report is due a week after the last one, or after the level was set.
    case 'weekly':
      return trigger === 'level_set' || trigger === 'progress_sent' ? new Date(at.getTime() + WEEK_MS) : null;
    case 'at_closure':
      return trigger === 'closed' ? at : null;
    case 'on_event':
      return trigger === 'event' && rule.when.events.some((e) => events.includes(e)) ? at : null;
    // Itemised in a periodic report instead of a message; see reportItemsFor.
    case 'in_report':
      return null;
  }
}

/**
 * Notifications due because the complaint is at `level`, given what happened at `at`. One entry per
 * recipient role. Returns [] for a level the pack does not notify on.
 */
export function notificationsFor(
  pack: Pack,
  level: string,
  at: Date,
  addWorkingDays: (start: Date, days: number) => Date,
  options: NotificationOptions = {},
): NotificationDue[] {
  const trigger = options.trigger ?? 'level_set';
  const out: NotificationDue[] = [];
  for (const rule of pack.notifications) {
    if (!rule.levels.includes(level)) continue;
    const due = dueFor(rule, trigger, at, addWorkingDays, options.events ?? []);
    if (due === null) continue;
    for (const recipientRole of rule.recipientRoles) {
      out.push({ recipientRole, dueAt: due.toISOString(), subject: rule.subject, ruleId: rule.ruleId, kind: rule.kind });
    }
  }
  return out;
}

/** Periodic reports in which a complaint at `level` must be listed (R-NT-1: general → monthly, …). */
export function reportItemsFor(pack: Pack, level: string): string[] {
  const reports = new Set<string>();
  for (const rule of pack.notifications) {
    if (rule.levels.includes(level) && rule.when.kind === 'in_report') for (const r of rule.when.reports) reports.add(r);
  }
  return [...reports];
}
