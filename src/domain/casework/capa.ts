/**
 * Corrective and preventive action (R-CA-1: food 6.7 / 7.4, S3 CAR / 8D, gas §12.5) and the
 * improvement-plan deadline (R-TL-4: 3 working days on the unit's calendar). Pure.
 */
import type { BusinessCalendar } from '../contracts.ts';
import { addBusinessDays } from '../calendar/index.ts';
import { deadlineStatus, type DeadlineState } from './emergency.ts';

export const PLAN_WORKING_DAYS = 3;

export function capaPlanDue(calendar: BusinessCalendar, openedAt: Date): Date {
  return addBusinessDays(calendar, openedAt, PLAN_WORKING_DAYS).due;
}

export interface CapaRecord {
  department: { id: string; name: string | null };
  team: string[];
  problem: string | null;
  containment: string | null;
  rootCause: string | null;
  prevention: string | null;
  status: 'open' | 'verified';
  planDueAt: string;
  planSubmittedAt: string | null;
  verifications: { at: string; by: string; effective: boolean; evidence: string }[];
  verifiedAt: string | null;
  actions: CapaAction[];
}

export interface CapaAction {
  id: string;
  kind: 'corrective' | 'preventive';
  description: string;
  owner: string;
  dueDate: string;
  doneAt: string | null;
}

/**
 * The improvement plan's deadline (R-TL-4): met when the plan was complete by its due instant, met late
 * after it; while it is not complete, pending until the due instant passes, overdue from then on.
 */
export function capaPlanState(plan: { dueAt: string; submittedAt: string | null }, now: Date): DeadlineState {
  return deadlineStatus(new Date(plan.dueAt), plan.submittedAt ? new Date(plan.submittedAt) : null, now).state;
}

/** The written plan is in once the root cause is named and at least one corrective action has an owner. */
export function planComplete(c: Pick<CapaRecord, 'rootCause' | 'containment'>, actions: Pick<CapaAction, 'kind'>[]): boolean {
  return !!c.rootCause?.trim() && !!c.containment?.trim() && actions.some((a) => a.kind === 'corrective');
}

/** What is still missing before effectiveness can be verified (empty: ready). */
export function missingForVerification(
  c: Pick<CapaRecord, 'rootCause' | 'containment' | 'prevention'>,
  actions: Pick<CapaAction, 'kind' | 'doneAt'>[],
): string[] {
  const missing: string[] = [];
  if (!c.containment?.trim()) missing.push('containment');
  if (!c.rootCause?.trim()) missing.push('rootCause');
  if (!actions.some((a) => a.kind === 'corrective')) missing.push('actions');
  if (actions.some((a) => !a.doneAt)) missing.push('actions.done');
  if (!c.prevention?.trim()) missing.push('prevention');
  return missing;
}

export interface EightDStep {
  step: 'D1' | 'D2' | 'D3' | 'D4' | 'D5' | 'D6' | 'D7' | 'D8';
  title: string;
  titleZh: string;
  content: unknown;
  done: boolean;
}

/** The 8D report (S3 6.6.2 客户投诉回复8D-Report) mapped from the same CAPA record. */
export function eightD(c: CapaRecord, complaint: { code: string; title: string; content: string; batchNo: string | null }): EightDStep[] {
  const corrective = c.actions.filter((a) => a.kind === 'corrective');
  const preventive = c.actions.filter((a) => a.kind === 'preventive');
  const lastEffective = [...c.verifications].reverse().find((v) => v.effective) ?? null;
  return [
    { step: 'D1', title: 'Team', titleZh: '成立小组', content: { department: c.department, members: c.team }, done: c.team.length > 0 },
    {
      step: 'D2',
      title: 'Problem description',
      titleZh: '问题描述',
      content:
        c.problem ??
        `${complaint.code} ${complaint.title}：${complaint.content}${complaint.batchNo ? `（批号 ${complaint.batchNo}）` : ''}`,
      done: true,
    },
    { step: 'D3', title: 'Containment', titleZh: '临时围堵措施', content: c.containment, done: !!c.containment },
    { step: 'D4', title: 'Root cause', titleZh: '根本原因分析', content: c.rootCause, done: !!c.rootCause },
    {
      step: 'D5',
      title: 'Permanent corrective actions',
      titleZh: '制定永久纠正措施',
      content: corrective.map(({ description, owner, dueDate }) => ({ description, owner, dueDate })),
      done: corrective.length > 0,
    },
    {
      step: 'D6',
      title: 'Implement and validate',
      titleZh: '实施并验证纠正措施',
      content: { actions: corrective.map(({ description, doneAt }) => ({ description, doneAt })), verifications: c.verifications },
      done: corrective.length > 0 && corrective.every((a) => a.doneAt) && lastEffective !== null,
    },
    {
      step: 'D7',
      title: 'Prevent recurrence',
      titleZh: '预防再发生',
      content: {
        prevention: c.prevention,
        actions: preventive.map(({ description, owner, dueDate, doneAt }) => ({ description, owner, dueDate, doneAt })),
      },
      done: !!c.prevention,
    },
    {
      step: 'D8',
      title: 'Congratulate the team',
      titleZh: '小组祝贺、结案',
      content: c.status === 'verified' ? { closedAt: c.verifiedAt, verifiedBy: lastEffective?.by ?? null, team: c.team } : null,
      done: c.status === 'verified',
    },
  ];
}
