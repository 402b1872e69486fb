/**
 * Special reports for hot and major complaints (R-NT-1, Vanke 5.5.2.3 / 5.5.2.4): A. the course of
 * events, B. the causes of escalation, C. the measures against recurrence — drafted from the record.
 * Pure: everything it reads is passed in; times are shown in Asia/Shanghai.
 */
import type { Pack } from '../../policies/pack-schema.ts';
import { wallLabel } from '../calendar/local-time.ts';
import type { EventType } from '../events.ts';

export const REPORT_ZONE = 'Asia/Shanghai';

/** Levels that call for a special report: the pack's at-closure special report / notification levels, else hot and major. */
export function specialReportLevels(pack: Pick<Pack, 'reports' | 'notifications' | 'severity'>): string[] {
  const fromReports = pack.reports.flatMap((r) => (r.due.kind === 'at_closure' ? r.due.levels : []));
  const fromRules = pack.notifications.filter((n) => n.kind === 'special_report').flatMap((n) => n.levels);
  const found = [...new Set([...fromReports, ...fromRules])];
  if (found.length) return found;
  const ids = new Set(pack.severity.levels.map((l) => l.id));
  return ['hot', 'major'].filter((l) => ids.has(l));
}

export interface ReportEvent {
  seq: number;
  type: string;
  at: Date;
  actorLabel: string;
  data: Record<string, unknown>;
}

export interface SpecialReportInput {
  complaint: {
    code: string;
    title: string;
    content: string;
    unitName: string;
    categoryName: string | null;
    level: string;
    receivedAt: Date;
    closedAt: Date | null;
    status: string;
  };
  levelNames: Record<string, string>;
  departmentNames: Record<string, string>;
  events: ReportEvent[];
  report: Record<string, string> | null;
  capa: {
    containment: string | null;
    rootCause: string | null;
    prevention: string | null;
    actions: { kind: string; description: string; owner: string; dueDate: string; doneAt: string | null }[];
  } | null;
  emergencyReview: { findings: string; planChanges: string } | null;
  progress: { at: Date; text: string; author: string }[];
}

export interface CourseEntry {
  seq: number;
  at: string;
  local: string;
  type: string;
  label: string;
  actor: string;
  text: string;
}

export interface EscalationEntry {
  at: string;
  local: string;
  from: string | null;
  to: string;
  toName: string;
  ruleId: string;
  reason: string;
}

export interface SpecialReportContent {
  kind: 'brief' | 'detailed';
  title: string;
  header: {
    code: string;
    title: string;
    unit: string;
    category: string | null;
    level: string;
    levelName: string;
    receivedAt: string;
    receivedLocal: string;
    closedAt: string | null;
    closedLocal: string | null;
    status: string;
  };
  summary: string;
  course: CourseEntry[];
  escalation: EscalationEntry[];
  causeAnalysis: string;
  measures: { source: string; text: string }[];
  progress: { at: string; local: string; author: string; text: string }[];
}

/** Event types that are bookkeeping, not part of the story told to the group. */
const NOT_IN_COURSE = new Set([
  'contact_viewed',
  'special_report_drafted',
  'special_report_edited',
  'special_report_approved',
  'progress_reminder_sent',
]);

/** Labels of the events a special report lists; `satisfies` refuses a key that is not an event type (src/domain/events.ts). */
export const EVENT_LABELS: Record<string, string> = {
  received: '受理登记',
  qualified: '定性',
  dispatched: '派单至责任部门',
  dispatch_returned: '责任部门退单',
  urged: '催办',
  acknowledged: '责任部门签收',
  reported: '提交调查处理报告',
  interim_replied: '阶段性答复客户',
  improvement_submitted: '提交改进计划',
  reply_submitted: '答复待审批',
  reply_approved: '答复审批通过',
  reply_rejected: '答复退回',
  replied: '答复客户',
  confirmed: '客户确认',
  disputed: '客户异议',
  visited: '回访',
  closed: '结案',
  reopened: '重新处理',
  contested: '客户对定性提出异议',
  level_changed: '级别调整',
  clock_paused: '时限暂停',
  clock_resumed: '时限恢复',
  clock_breached: '超时',
  extension_requested: '申请延期',
  extension_approved: '延期批准',
  clocks_recomputed: '时限重算',
  note_added: '备注',
  similar_linked: '关联同类投诉',
  progress_reported: '进展快报',
  emergency_opened: '启动重大投诉应急预案',
  emergency_action: '应急处置记录',
  emergency_reviewed: '应急处置总结',
  capa_opened: '启动纠正预防措施',
  capa_updated: '更新纠正预防措施',
  capa_action_added: '新增纠正措施',
  capa_action_done: '纠正措施完成',
  capa_verified: '验证纠正措施有效性',
  return_noticed: '退货通知',
  return_inspected: '退货检验',
  return_disposed: '退货处置',
  case_created: '收入案例库',
} satisfies Partial<Record<EventType, string>>;

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

function describe(e: ReportEvent, levelNames: Record<string, string>, depts: Record<string, string>): string {
  const d = e.data;
  switch (e.type) {
    case 'qualified':
      return [`定性为 ${str(d.result)}`, d.reason ? `（${str(d.reason)}）` : ''].join('');
    case 'dispatched':
      return `主办：${depts[str(d.leadDepartmentId)] ?? str(d.leadDepartmentId)}${d.note ? `；${str(d.note)}` : ''}`;
    case 'reported':
      return [
        d.cause && `原因：${str(d.cause)}`,
        d.conclusion && `结论：${str(d.conclusion)}`,
        d.countermeasures && `措施：${str(d.countermeasures)}`,
      ]
        .filter(Boolean)
        .join('；');
    case 'level_changed':
      return `${d.from ? `${levelNames[str(d.from)] ?? str(d.from)} → ` : ''}${levelNames[str(d.level)] ?? str(d.level)}：${str(d.reasonZh || d.reason)}`;
    case 'visited':
      return `满意度 ${str(d.score)}${d.comment ? `，${str(d.comment)}` : ''}`;
    case 'clock_breached':
    case 'clock_paused':
    case 'clock_resumed':
      return `${str(d.name)}${d.reason ? `：${str(d.reason)}` : ''}`;
    case 'emergency_opened':
      return `总指挥：${str(d.commanderName) || str(d.commanderRole)}；小组：${Array.isArray(d.team) ? d.team.join('、') : ''}`;
    default:
      return str(d.message ?? d.text ?? d.reason ?? d.plan ?? d.note ?? d.description ?? d.findings ?? '');
  }
}

export function draftSpecialReport(input: SpecialReportInput): SpecialReportContent {
  const c = input.complaint;
  const local = (t: Date) => wallLabel(REPORT_ZONE, t.getTime());
  const levelName = (id: string) => input.levelNames[id] ?? id;
  const events = [...input.events].sort((a, b) => a.seq - b.seq);
  const course: CourseEntry[] = events
    .filter((e) => !NOT_IN_COURSE.has(e.type))
    .map((e) => ({
      seq: e.seq,
      at: e.at.toISOString(),
      local: local(e.at),
      type: e.type,
      label: EVENT_LABELS[e.type] ?? e.type,
      actor: e.actorLabel,
      text: describe(e, input.levelNames, input.departmentNames),
    }));
  const escalation: EscalationEntry[] = events
    .filter((e) => e.type === 'level_changed')
    .map((e) => ({
      at: e.at.toISOString(),
      local: local(e.at),
      from: (e.data.from as string | null | undefined) ?? null,
      to: str(e.data.level),
      toName: levelName(str(e.data.level)),
      ruleId: e.data.manual === true ? 'manual' : str(e.data.ruleId),
      reason: str(e.data.reasonZh || e.data.reason),
    }));
  const measures: { source: string; text: string }[] = [];
  if (input.report?.countermeasures) measures.push({ source: 'investigation.countermeasures', text: input.report.countermeasures });
  if (input.report?.prevention) measures.push({ source: 'investigation.prevention', text: input.report.prevention });
  if (input.capa?.containment) measures.push({ source: 'capa.containment', text: input.capa.containment });
  for (const a of input.capa?.actions ?? [])
    measures.push({
      source: `capa.${a.kind}`,
      text: `${a.description}（负责人：${a.owner}，完成期限：${a.dueDate}${a.doneAt ? '，已完成' : ''}）`,
    });
  if (input.capa?.prevention) measures.push({ source: 'capa.prevention', text: input.capa.prevention });
  if (input.emergencyReview?.planChanges) measures.push({ source: 'emergency.planChanges', text: input.emergencyReview.planChanges });
  const causes = [input.report?.cause, input.capa?.rootCause].filter((s): s is string => !!s?.trim());
  return {
    kind: c.level === 'major' ? 'detailed' : 'brief',
    title: `${c.code} ${c.title} ${c.level === 'major' ? '详细专题报告' : '简要专题报告'}`,
    header: {
      code: c.code,
      title: c.title,
      unit: c.unitName,
      category: c.categoryName,
      level: c.level,
      levelName: levelName(c.level),
      receivedAt: c.receivedAt.toISOString(),
      receivedLocal: local(c.receivedAt),
      closedAt: c.closedAt ? c.closedAt.toISOString() : null,
      closedLocal: c.closedAt ? local(c.closedAt) : null,
      status: c.status,
    },
    summary: c.content,
    course,
    escalation,
    causeAnalysis: [...new Set(causes)].join('；'),
    measures,
    progress: [...input.progress]
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((p) => ({ at: p.at.toISOString(), local: local(p.at), author: p.author, text: p.text })),
  };
}
