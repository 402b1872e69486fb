/**
 * The queue's export (issue #17): one row per complaint with the columns the queue shows and the
 * record card's fields, under Chinese headings as in the report workbook. Pure: the names of units,
 * departments, categories and levels come in as look-ups, and the caller decides whether contact
 * details are shown (R-IN-4: masked unless the role may see them).
 */
import { DateTime } from 'luxon';
import { maskEmail, maskPhone } from '../contact-mask.ts';
import { CHANNEL_ZH, STATUS_ZH } from '../reports/periodic-report.ts';
import { REPORT_ZONE } from '../reports/periods.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What an exported row is made from: the complaint row as the queue reads it, its customer and unit joined. */
export interface ExportSource {
  id: string;
  code: string;
  policy_id: string;
  unit_name: string;
  channel: string;
  status: string;
  qualification: string | null;
  category_id: string | null;
  level: string | null;
  title: string;
  content: string;
  demands: string | null;
  customer_name: string;
  customer_phone: string | null;
  customer_email: string | null;
  complainant_count: number;
  lead_department_id: string | null;
  co_department_ids: string[];
  received_at: Date | string;
  next_due_at: Date | string | null;
  overdue: boolean;
  repeat_count: number;
  similar_count: number;
  incident_occurred_at: Date | string | null;
  incident_place: string | null;
  closed_at: Date | string | null;
  satisfaction: number | null;
}

export interface ExportNames {
  node: (id: string) => string;
  category: (policyId: string, categoryId: string | null) => string;
  level: (policyId: string, level: string | null) => string;
}

/** A cell: text, a number, or an instant (shown as Asia/Shanghai local time). */
export type ExportCell = string | number | { at: Date } | null;

export interface ExportColumn {
  heading: string;
  /** Width in characters for the workbook. */
  width: number;
  value: (r: ExportSource, ctx: { names: ExportNames; showContacts: boolean }) => ExportCell;
}

const QUALIFICATION_ZH: Record<string, string> = { valid: '有效投诉', invalid: '无效投诉', suggestion: '意见建议' };

const at = (d: Date | string | null): ExportCell => (d ? { at: new Date(d) } : null);

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { heading: '投诉编号', width: 20, value: (r) => r.code },
  { heading: '受理时间', width: 18, value: (r) => at(r.received_at) },
  { heading: '被投诉单位', width: 18, value: (r) => r.unit_name },
  { heading: '受理渠道', width: 10, value: (r) => CHANNEL_ZH[r.channel] ?? r.channel },
  { heading: '投诉类别', width: 16, value: (r, { names }) => names.category(r.policy_id, r.category_id) },
  { heading: '投诉级别', width: 12, value: (r, { names }) => names.level(r.policy_id, r.level) },
  { heading: '状态', width: 10, value: (r) => STATUS_ZH[r.status] ?? r.status },
  { heading: '定性', width: 10, value: (r) => (r.qualification ? (QUALIFICATION_ZH[r.qualification] ?? r.qualification) : '未定性') },
  { heading: '标题', width: 30, value: (r) => r.title },
  { heading: '投诉内容', width: 50, value: (r) => r.content },
  { heading: '客户诉求', width: 30, value: (r) => r.demands },
  { heading: '客户姓名', width: 12, value: (r) => r.customer_name },
  { heading: '联系电话', width: 16, value: (r, { showContacts }) => (showContacts ? r.customer_phone : maskPhone(r.customer_phone)) },
  { heading: '电子邮箱', width: 24, value: (r, { showContacts }) => (showContacts ? r.customer_email : maskEmail(r.customer_email)) },
  { heading: '投诉人数', width: 8, value: (r) => r.complainant_count },
  { heading: '主办部门', width: 16, value: (r, { names }) => (r.lead_department_id ? names.node(r.lead_department_id) : null) },
  {
    heading: '协办部门',
    width: 20,
    value: (r, { names }) => (r.co_department_ids.length ? r.co_department_ids.map(names.node).join('、') : null),
  },
  { heading: '最近时限', width: 18, value: (r) => at(r.next_due_at) },
  { heading: '是否超时', width: 8, value: (r) => (r.overdue ? '是' : '否') },
  { heading: '二次投诉次数', width: 10, value: (r) => r.repeat_count },
  { heading: '同类投诉数', width: 10, value: (r) => r.similar_count },
  { heading: '事发时间', width: 18, value: (r) => at(r.incident_occurred_at) },
  { heading: '事发地点', width: 20, value: (r) => r.incident_place },
  { heading: '关闭时间', width: 18, value: (r) => at(r.closed_at) },
  { heading: '满意度（5分制）', width: 10, value: (r) => r.satisfaction },
  // The record's id, as in the console's address of the complaint (/complaints/<id>).
  { heading: '系统编号', width: 38, value: (r) => r.id },
];

export function exportRow(r: ExportSource, ctx: { names: ExportNames; showContacts: boolean }): ExportCell[] {
  return EXPORT_COLUMNS.map((c) => c.value(r, ctx));
}

/** An instant as the wall-clock time in Asia/Shanghai, to the second. */
export function localTime(d: Date): string {
  return DateTime.fromJSDate(d, { zone: REPORT_ZONE }).toFormat('yyyy-MM-dd HH:mm:ss');
}

/**
 * The same wall-clock time as a Date whose UTC fields read Asia/Shanghai's: a workbook's date cell has
 * no zone, and Excel shows its fields as they are.
 */
export function localWallClock(d: Date): Date {
  const local = DateTime.fromJSDate(d, { zone: REPORT_ZONE });
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond));
}

/**
 * A text cell of a CSV that a spreadsheet would read as a formula (=, +, -, @, or a tab or carriage
 * return before one) gets a leading apostrophe, so a complaint's title cannot run as one in Excel
 * (OWASP "CSV injection"). The workbook stores text cells as text and needs none.
 */
export function csvSafeText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break, quotes doubled. */
export function csvField(cell: ExportCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  const text = typeof cell === 'string' ? csvSafeText(cell) : localTime(cell.at);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV record with its CRLF line end. */
export function csvLine(cells: readonly ExportCell[]): string {
  return cells.map(csvField).join(',') + '\r\n';
}

/** The BOM that makes Excel in a Chinese locale read the file as UTF-8 rather than GBK. */
export const UTF8_BOM = '\uFEFF';

export function exportFilename(format: ExportFormat, now: Date): string {
  return `complaints-${DateTime.fromJSDate(now, { zone: REPORT_ZONE }).toFormat('yyyyMMdd-HHmmss')}.${format}`;
}
