/**
 * The periodic complaint report (R-RP-1, R-NT-1; S0 Vanke 5.5.2, 5.6.1): intake by channel, category,
 * level and unit; qualification; open / overdue / closed; time-limit compliance per clock; closure,
 * repeat and satisfaction figures; important complaints itemised with a short account, hot and major
 * listed with their status. Pure: the use case hands in aggregate rows computed by SQL, this module
 * names, orders and divides.
 */
import type { ReportPeriod } from './periods.ts';

export interface CountRow {
  key: string | null;
  /** Pack the key belongs to (levels and categories are per pack). */
  policyId?: string | null;
  count: number;
  closed: number;
}

export interface ClockRow {
  name: string;
  total: number;
  metOnTime: number;
  breached: number;
}

export interface ReportTotals {
  received: number;
  valid: number;
  invalid: number;
  suggestion: number;
  /** Not yet qualified at the time of reading. */
  unqualified: number;
  /** Closed as of the period end (or now, while the period runs). */
  closed: number;
  /** Open and past a time limit as of the same instant. */
  overdue: number;
  repeat: number;
  satisfactionCount: number;
  satisfactionSum: number;
}

export interface ItemRow {
  id: string;
  code: string;
  title: string;
  unitId: string;
  policyId: string;
  level: string;
  /** The last status-bearing event type before the as-of instant. */
  lastEventType: string | null;
  receivedAt: Date;
  categoryId: string | null;
  /** Investigation conclusion and the reply, if any (for the short account). */
  conclusion: string | null;
  replyMessage: string | null;
}

export interface Naming {
  unitName(id: string): string;
  categoryName(policyId: string | null, id: string | null): string;
  /** A pack's root cause (S0 food §5) by id. */
  causeName(policyId: string | null, id: string | null): string;
  level(policyId: string | null, id: string | null): LevelInfo;
}

export interface ReportInput {
  node: { id: string; name: string };
  period: ReportPeriod;
  asOf: Date;
  generatedAt: Date;
  totals: ReportTotals;
  byChannel: CountRow[];
  byCategory: CountRow[];
  byLevel: CountRow[];
  byUnit: CountRow[];
  /** Complaints whose investigation report named one of the pack's causes (S0 food §5). */
  byCause?: CountRow[];
  clocks: ClockRow[];
  items: ItemRow[];
  naming: Naming;
}

export interface Breakdown {
  key: string | null;
  labelZh: string;
  count: number;
  closed: number;
  share: number | null;
}

export interface ReportItem {
  id: string;
  code: string;
  title: string;
  unitId: string;
  unitName: string;
  level: string;
  levelZh: string;
  status: string;
  statusZh: string;
  receivedAt: string;
  categoryZh: string;
  accountZh: string;
}

export interface PeriodicReport {
  ruleIds: string[];
  node: { id: string; name: string };
  period: {
    kind: ReportPeriod['kind'];
    key: string;
    startDate: string;
    endDate: string;
    start: string;
    end: string;
    /**
     * The date the report is due by, when every pack followed under the node that has a schedule for this
     * period says the same; null when none does or they differ (each pack's own date is in dueDates).
     */
    dueDate: string | null;
    /** Each pack's own due date for exactly this period (issue #15: no pack borrows another's date). */
    dueDates?: { policyId: string; scheduleId: string; dueDate: string }[];
    labelZh: string;
  };
  asOf: string;
  generatedAt: string;
  closedPeriod: boolean;
  totals: {
    received: number;
    valid: number;
    invalid: number;
    suggestion: number;
    unqualified: number;
    open: number;
    overdue: number;
    closed: number;
    repeat: number;
    closureRate: number | null;
    repeatRate: number | null;
    satisfactionAverage: number | null;
    satisfactionCount: number;
  };
  byChannel: Breakdown[];
  byCategory: Breakdown[];
  byLevel: Breakdown[];
  byUnit: Breakdown[];
  /** S0 food §5: complaints by the cause their investigation report named (shares of all received). */
  byCause: Breakdown[];
  timeLimits: {
    name: string;
    labelZh: string;
    total: number;
    metOnTime: number;
    breached: number;
    pending: number;
    complianceRate: number | null;
  }[];
  /** R-NT-1: every complaint above its pack's default level, with a short account. */
  important: ReportItem[];
  /** R-NT-1: hot and major complaints (Vanke), or the top level of any other pack, with status. */
  hotAndMajor: ReportItem[];
}

export const CHANNEL_ZH: Record<string, string> = {
  phone: '电话',
  email: '电子邮件',
  web: '网页表单',
  forum: '网络论坛',
  letter: '信函',
  walk_in: '来访',
  regulator: '监管部门转办',
  api: '系统接口',
};

export const STATUS_ZH: Record<string, string> = {
  received: '已受理',
  qualified: '已定性',
  dispatched: '已转达',
  acknowledged: '处理中',
  investigated: '已调查',
  awaiting_approval: '答复待审批',
  replied: '已答复',
  confirmed: '客户已确认',
  visited: '已回访',
  closed: '已关闭',
};

export const CLOCK_ZH: Record<string, string> = {
  dispatch: '转达时限',
  acknowledge: '书面确认时限',
  reply: '答复时限',
  resolve: '办结时限',
  verify: '结果核实时限',
  improvement: '改善计划时限',
  accept: '受理时限',
  mediate: '调解时限',
  courtesy: '礼节性回复时限',
  first_answer: '首次答复时限',
};

/** The status a complaint was in after its last status-bearing event (see lifecycle/state-machine.ts). */
const STATUS_AFTER_EVENT: Record<string, string> = {
  received: 'received',
  qualified: 'qualified',
  dispatched: 'dispatched',
  dispatch_returned: 'qualified',
  acknowledged: 'acknowledged',
  reported: 'investigated',
  reply_submitted: 'awaiting_approval',
  reply_rejected: 'investigated',
  replied: 'replied',
  confirmed: 'confirmed',
  disputed: 'acknowledged',
  visited: 'visited',
  closed: 'closed',
  reopened: 'acknowledged',
};
export const STATUS_EVENT_TYPES = Object.keys(STATUS_AFTER_EVENT);

export function statusAfterEvent(type: string | null): string {
  return (type && STATUS_AFTER_EVENT[type]) ?? 'received';
}

/** n / d, or null when there is nothing to divide; always within [0, 1] for 0 ≤ n ≤ d. */
export function rate(n: number, d: number): number | null {
  if (d <= 0) return null;
  return Math.min(1, Math.max(0, n / d));
}

export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const HOT_MAJOR = new Set(['hot', 'major']);

function breakdown(rows: CountRow[], total: number, label: (r: CountRow) => string): Breakdown[] {
  // Rows of different packs with the same key and label (e.g. "uncategorised") are one line.
  const merged = new Map<string, { key: string | null; labelZh: string; count: number; closed: number }>();
  for (const r of rows) {
    const labelZh = label(r);
    const id = `${r.key ?? ''}\u0000${labelZh}`;
    const m = merged.get(id);
    if (m) {
      m.count += r.count;
      m.closed += r.closed;
    } else merged.set(id, { key: r.key, labelZh, count: r.count, closed: r.closed });
  }
  return [...merged.values()]
    .map((r) => ({ ...r, share: rate(r.count, total) }))
    .sort((a, b) => b.count - a.count || a.labelZh.localeCompare(b.labelZh, 'zh'));
}

function shortAccount(item: ItemRow, status: string): string {
  const parts = [`${STATUS_ZH[status] ?? status}`];
  if (item.conclusion) parts.push(`调查结论：${item.conclusion}`);
  if (item.replyMessage) parts.push(`答复：${item.replyMessage}`);
  const text = parts.join('；');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export function assemblePeriodicReport(input: ReportInput): PeriodicReport {
  const { totals: t, naming } = input;
  const open = Math.max(0, t.received - t.closed);
  const items: (ReportItem & { rank: number; hotMajor: boolean })[] = input.items
    .map((r) => {
      const lv = naming.level(r.policyId, r.level);
      const status = statusAfterEvent(r.lastEventType);
      return {
        id: r.id,
        code: r.code,
        title: r.title,
        unitId: r.unitId,
        unitName: naming.unitName(r.unitId),
        level: r.level,
        levelZh: lv.nameZh,
        status,
        statusZh: STATUS_ZH[status] ?? status,
        receivedAt: r.receivedAt.toISOString(),
        categoryZh: naming.categoryName(r.policyId, r.categoryId),
        accountZh: shortAccount(r, status),
        rank: lv.rank,
        isDefault: lv.isDefault,
        // Vanke hot and major; in another pack its top level plays that part (fuel level 1, food class A).
        hotMajor: HOT_MAJOR.has(r.level) || (lv.isTop === true && r.level !== 'important'),
      };
    })
    .filter((i) => !i.isDefault)
    .sort((a, b) => b.rank - a.rank || a.receivedAt.localeCompare(b.receivedAt))
    .map(({ isDefault: _d, ...rest }) => rest);
  const strip = ({ rank: _r, hotMajor: _h, ...rest }: (typeof items)[number]): ReportItem => rest;
  return {
    ruleIds: ['R-RP-1', 'R-NT-1'],
    node: input.node,
    period: {
      kind: input.period.kind,
      key: input.period.key,
      startDate: input.period.startDate,
      endDate: input.period.endDate,
      start: input.period.start.toISOString(),
      end: input.period.end.toISOString(),
      dueDate: input.period.dueDate,
      labelZh: input.period.labelZh,
    },
    asOf: input.asOf.toISOString(),
    generatedAt: input.generatedAt.toISOString(),
    closedPeriod: input.asOf.getTime() >= input.period.end.getTime(),
    totals: {
      received: t.received,
      valid: t.valid,
      invalid: t.invalid,
      suggestion: t.suggestion,
      unqualified: t.unqualified,
      open,
      overdue: Math.min(t.overdue, open),
      closed: t.closed,
      repeat: t.repeat,
      closureRate: nullableRound(rate(t.closed, t.received)),
      repeatRate: nullableRound(rate(t.repeat, t.received)),
      satisfactionAverage: t.satisfactionCount > 0 ? round(t.satisfactionSum / t.satisfactionCount, 2) : null,
      satisfactionCount: t.satisfactionCount,
    },
    byChannel: breakdown(input.byChannel, t.received, (r) => (r.key ? (CHANNEL_ZH[r.key] ?? r.key) : '未填写')),
    byCategory: breakdown(input.byCategory, t.received, (r) => naming.categoryName(r.policyId ?? null, r.key)),
    byLevel: breakdown(input.byLevel, t.received, (r) => naming.level(r.policyId ?? null, r.key).nameZh),
    byUnit: breakdown(input.byUnit, t.received, (r) => (r.key ? naming.unitName(r.key) : '未填写')),
    byCause: breakdown(input.byCause ?? [], t.received, (r) => naming.causeName(r.policyId ?? null, r.key)),
    timeLimits: input.clocks
      .map((c) => ({
        name: c.name,
        labelZh: CLOCK_ZH[c.name] ?? c.name,
        total: c.total,
        metOnTime: c.metOnTime,
        breached: c.breached,
        pending: Math.max(0, c.total - c.metOnTime - c.breached),
        complianceRate: nullableRound(rate(c.metOnTime, c.metOnTime + c.breached)),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    important: items.map(strip),
    hotAndMajor: items.filter((i) => i.hotMajor).map(strip),
  };
}

/** The due date as the paper form states it: the one date, each pack's own, or none set (issue #15). */
export function dueText(period: Pick<PeriodicReport['period'], 'dueDate' | 'dueDates'>): string {
  if (period.dueDate) return period.dueDate;
  const each = period.dueDates ?? [];
  return each.length ? each.map((d) => `${d.dueDate}（${d.policyId}）`).join('；') : '未规定';
}

function nullableRound(x: number | null): number | null {
  return x === null ? null : round(x);
}

export interface LevelInfo {
  nameZh: string;
  rank: number;
  /** The pack's default (lowest) level: counted, not itemised (R-NT-1 general). */
  isDefault: boolean;
  /** The pack's highest level. */
  isTop?: boolean;
}
