/**
 * The major-complaint emergency plan (R-EM-1, S2 重大客户投诉应急预案 4.1, 5.2.3, 5.2.4): who commands,
 * which deadlines run, and whether they were met. Pure: the calendar and the instant are passed in.
 */
import type { BusinessCalendar } from '../contracts.ts';
import type { Pack } from '../../policies/pack-schema.ts';
import { isWorkingInstant } from '../calendar/index.ts';

/** A pack's emergency plan (S2 4.1, 5.2.3): only packs that have one open an emergency response. */
export type EmergencyPlan = NonNullable<Pack['emergency']>;

/** The pack's plan, or null: a pack without `emergency` never opens one (#15 item 6), whatever its levels. */
export function emergencyPlanFor(pack: Pick<Pack, 'emergency'>): EmergencyPlan | null {
  return pack.emergency ?? null;
}

/** Whether a complaint at `level` may open an emergency response under `plan`. */
export function emergencyApplies(plan: EmergencyPlan | null, level: string | null): boolean {
  return plan !== null && level !== null && plan.levels.includes(level);
}

export interface CommanderChoice {
  role: string;
  inWorkingHours: boolean;
}

/** S2 4.1: in working hours the plan's commander (项目经理); outside them its off-hours commander (当值秩序维护领班). */
export function chooseCommander(
  calendar: BusinessCalendar,
  at: Date,
  plan: Pick<EmergencyPlan, 'commanderRole' | 'offHoursCommanderRole'>,
): CommanderChoice {
  const inWorkingHours = isWorkingInstant(calendar, at);
  return { role: inWorkingHours ? plan.commanderRole : plan.offHoursCommanderRole, inWorkingHours };
}

/**
 * S2 5.2.3: the answer and the conclusion are due the plan's hours and days after the instant it counts
 * from — the receipt (#15 item 6: the resident's report time) or the moment the complaint became major.
 */
export function emergencyDeadlines(
  plan: Pick<EmergencyPlan, 'answerWithinHours' | 'concludeWithinDays' | 'countFrom'>,
  times: { receivedAt: Date; levelSetAt: Date },
): { answerDueAt: Date; conclusionDueAt: Date } {
  const from = plan.countFrom === 'receipt' ? times.receivedAt : times.levelSetAt;
  return {
    answerDueAt: new Date(from.getTime() + plan.answerWithinHours * 3_600_000),
    conclusionDueAt: new Date(from.getTime() + plan.concludeWithinDays * 24 * 3_600_000),
  };
}

export type DeadlineState = 'met' | 'met_late' | 'pending' | 'overdue';

export interface DeadlineStatus {
  dueAt: string;
  doneAt: string | null;
  state: DeadlineState;
  met: boolean;
}

export function deadlineStatus(dueAt: Date, doneAt: Date | null, now: Date): DeadlineStatus {
  const state: DeadlineState = doneAt
    ? doneAt.getTime() <= dueAt.getTime()
      ? 'met'
      : 'met_late'
    : now.getTime() > dueAt.getTime()
      ? 'overdue'
      : 'pending';
  return { dueAt: dueAt.toISOString(), doneAt: doneAt ? doneAt.toISOString() : null, state, met: state === 'met' };
}

/**
 * What an action-log entry marks (S2 5.2.3): the first 'answer' entry meets the 24 h deadline; the first
 * 'conclusion' meets the 3-day one and, when no answer came before it, the 24 h one too. Later entries
 * of a kind already met change nothing.
 */
export function emergencyEntryMarks(
  kind: 'action' | 'answer' | 'conclusion',
  done: { answeredAt: Date | null; concludedAt: Date | null },
  at: Date,
): { answeredAt?: Date; concludedAt?: Date } {
  if (kind === 'answer' && !done.answeredAt) return { answeredAt: at };
  if (kind === 'conclusion' && !done.concludedAt) return { concludedAt: at, ...(done.answeredAt ? {} : { answeredAt: at }) };
  return {};
}
