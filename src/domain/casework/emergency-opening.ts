/**
 * The emergency plan opens by itself (#15 item 6, R-EM-1, S2 5.2.2 "重大投诉应当天呈送公司运营管理部进入处置程序"):
 * in the write that makes a complaint reach one of its pack's plan levels, never under a pack without a plan.
 * Pure: the write that stores the complaint's change stores the row and its event with it.
 */
import type { BusinessCalendar, NotificationDue } from '../contracts.ts';
import type { Pack } from '../../policies/pack-schema.ts';
import type { NewEvent } from '../events.ts';
import { chooseCommander, emergencyApplies, emergencyDeadlines, emergencyPlanFor } from './emergency.ts';

/** An emergency_responses row as the one-statement writes insert it. */
export interface EmergencyOpeningRow {
  id: string;
  complaint_id: string;
  status: 'open';
  rule_id: string;
  commander_role: string;
  commander_name: null;
  in_working_hours: boolean;
  team: string[];
  opened_at: string;
  opened_by: string | null;
  major_since: string;
  answer_due_at: string;
  conclusion_due_at: string;
}

export interface EmergencyOpening {
  row: EmergencyOpeningRow;
  event: Extract<NewEvent, { type: 'emergency_opened' }>;
  /** S2 4.1, 4.3 统一指挥: the commander on duty and the team are told at once, through their positions. */
  notifications: NotificationDue[];
}

export interface EmergencyOpeningInput {
  pack: Pick<Pack, 'emergency'>;
  calendar: BusinessCalendar;
  complaintId: string;
  /** The level before this write (null for a new complaint) and after it. */
  levelBefore: string | null;
  levelAfter: string | null;
  receivedAt: Date;
  now: Date;
  actorId: string | null;
  newId: () => string;
}

/** The response to open when this write brings the level into the plan's levels; otherwise null. */
export function planEmergencyOpening(p: EmergencyOpeningInput): EmergencyOpening | null {
  const plan = emergencyPlanFor(p.pack);
  if (!plan || !emergencyApplies(plan, p.levelAfter) || emergencyApplies(plan, p.levelBefore)) return null;
  const commander = chooseCommander(p.calendar, p.now, plan);
  const { answerDueAt, conclusionDueAt } = emergencyDeadlines(plan, { receivedAt: p.receivedAt, levelSetAt: p.now });
  const id = p.newId();
  const team = [...plan.teamRoles];
  return {
    row: {
      id,
      complaint_id: p.complaintId,
      status: 'open',
      rule_id: plan.ruleId,
      commander_role: commander.role,
      commander_name: null,
      in_working_hours: commander.inWorkingHours,
      team,
      opened_at: p.now.toISOString(),
      opened_by: p.actorId,
      major_since: p.now.toISOString(),
      answer_due_at: answerDueAt.toISOString(),
      conclusion_due_at: conclusionDueAt.toISOString(),
    },
    event: {
      type: 'emergency_opened',
      data: {
        emergencyId: id,
        ruleId: plan.ruleId,
        commanderRole: commander.role,
        commanderName: null,
        inWorkingHours: commander.inWorkingHours,
        team,
        answerDueAt: answerDueAt.toISOString(),
        conclusionDueAt: conclusionDueAt.toISOString(),
        calendarVersion: p.calendar.version,
      },
    },
    notifications: [commander.role, ...team].map((recipientRole) => ({
      recipientRole,
      dueAt: p.now.toISOString(),
      subject: plan.label,
      ruleId: plan.ruleId,
      kind: 'emergency_alert',
    })),
  };
}
