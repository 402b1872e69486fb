/**
 * The major-complaint emergency plan (R-EM-1, S2 重大客户投诉应急预案 4.1, 5.2.3, 5.2.4): who commands,
 * which deadlines run, and whether they were met. Pure: the calendar and the instant are passed in.
 */
import type { BusinessCalendar } from '../contracts.ts';
import type { Pack } from '../../policies/pack-schema.ts';
import { isWorkingInstant } from '../calendar/index.ts';

export interface EmergencyPlan {
  ruleId: string;
  levels: string[];
  commanderRole: string;
  offHoursCommanderRole: string;
  teamRoles: string[];
  reviewAfterClosure: boolean;
}

/** S2 4.1: 组长:项目经理 … 非标准工作时间内由当值秩序维护领班担任应急处理小组负责人. */
export const DEFAULT_EMERGENCY_PLAN: EmergencyPlan = {
  ruleId: 'R-EM-1',
  levels: ['major'],
  commanderRole: 'project_manager',
  offHoursCommanderRole: 'security_shift_lead',
  teamRoles: ['customer_service_supervisor', 'order_maintenance_supervisor', 'engineering_supervisor'],
  reviewAfterClosure: true,
};

export const ANSWER_WITHIN_MS = 24 * 3600 * 1000;
export const CONCLUDE_WITHIN_MS = 3 * 24 * 3600 * 1000;

/** The pack's plan, or the S2 default for a pack that has a 'major' level but no plan of its own. */
export function emergencyPlanFor(pack: Pick<Pack, 'emergency' | 'severity'>): EmergencyPlan | null {
  if (pack.emergency) return { ...pack.emergency, levels: [...pack.emergency.levels], teamRoles: [...pack.emergency.teamRoles] };
  return pack.severity.levels.some((l) => l.id === 'major') ? DEFAULT_EMERGENCY_PLAN : null;
}

/** Whether a complaint at `level` may open an emergency response under `plan`. */
export function emergencyApplies(plan: EmergencyPlan | null, level: string | null): boolean {
  return plan !== null && level !== null && plan.levels.includes(level);
}

export interface CommanderChoice {
  role: string;
  inWorkingHours: boolean;
}

/** In working hours the project manager commands; outside them the on-duty security lead. */
export function chooseCommander(
  calendar: BusinessCalendar,
  at: Date,
  plan: Pick<EmergencyPlan, 'commanderRole' | 'offHoursCommanderRole'> = DEFAULT_EMERGENCY_PLAN,
): CommanderChoice {
  const inWorkingHours = isWorkingInstant(calendar, at);
  return { role: inWorkingHours ? plan.commanderRole : plan.offHoursCommanderRole, inWorkingHours };
}

/** S2 5.2.3: answered within 24 h, concluded within 3 days, both counted from when the complaint became major. */
export function emergencyDeadlines(majorSince: Date): { answerDueAt: Date; conclusionDueAt: Date } {
  return {
    answerDueAt: new Date(majorSince.getTime() + ANSWER_WITHIN_MS),
    conclusionDueAt: new Date(majorSince.getTime() + CONCLUDE_WITHIN_MS),
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
