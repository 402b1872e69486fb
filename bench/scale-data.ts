/**
 * Bulk data for the scale benchmark: BENCH_SCALE complaints (default 1,000,000) over the year before
 * `now`, written as CSV files and loaded with server-side `COPY … FROM '/tmp/…'` (the PostgreSQL
 * server runs on this machine and reads the files as the postgres user).
 *
 * Deterministic from the complaint number (no Math.random), so two runs load the same data.
 * What is realistic and what is not:
 * - Texts: the unit's vocabulary from complaint-samples.ts (subject × problem × place × consequence)
 *   plus slots for a date, an amount, a quantity or order number and one of many follow-up phrases
 *   (some with 退款, 12315, English words at the manufacturer), so words occur with varied frequency.
 * - Units weighted as a real group is: the hotline busiest (30 %), the manufacturer least (5 %).
 * - Status by age: ~95 % of the last 30 days still open, ~35 % of 30–90 days, ~10 % older (a backlog),
 *   which gives ~20 % (≈200,000 of 1,000,000) open; open statuses spread over the lifecycle.
 * - Levels: the pack's default 90 %, then each higher level rarer; categories from the pack's taxonomy.
 * - Clocks: one per complaint (the pack's first clock started on 'received'); open ones: ~12 % already
 *   breached (and `overdue`), the rest running and due within the next 14 days; closed ones met.
 * - Events: 'received' for every complaint, 'closed' for closed ones, hash-chained like any other
 *   (verify-log passes on the loaded data).
 * - Signatures (similar-complaint features) are computed with the real signature() for every row.
 * - Customers: 60 % as many as complaints, so repeat customers exist; phones unique per customer.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { sampleComplaint, BENCH_UNITS } from './complaint-samples.ts';
import { complaintText, signature } from '../src/domain/similarity/index.ts';
import { PACKS } from '../src/policies/index.ts';
import { DEMO_NODES } from '../src/seed/demo-org.ts';
import { GENESIS_HASH, eventHash } from '../src/domain/event-chain.ts';

/** The event log key of the generated data (keyed chains, like the server's since 0017); scale.ts runs with it. */
export const BENCH_LOG_KEY = Buffer.alloc(32, 0x5a);

export const NOW = new Date('2026-11-23T06:00:00.000Z');
const DAY = 24 * 3600 * 1000;
const YEAR_MS = 365 * DAY;

function mix(n: number, field: number): number {
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(field + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13), 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15), 0x165667b1);
  return (h ^ (h >>> 16)) >>> 0;
}
/** A uniform number in [0, 1) from (n, field). */
const u01 = (n: number, field: number) => mix(n, field) / 2 ** 32;
const pick = <T>(xs: readonly T[], n: number, field: number): T => xs[mix(n, field) % xs.length];

export const UNIT_WEIGHTS: [string, number][] = [
  ['u-svc', 0.3],
  ['u-fuel-s1', 0.2],
  ['u-prop-jx', 0.15],
  ['u-re-garden', 0.12],
  ['u-food-plant', 0.1],
  ['u-rest-zs', 0.08],
  ['u-mfg-qa', 0.05],
];
export const BUSY_UNIT = 'u-svc';

const OPEN_STATUSES: [string, number][] = [
  ['received', 0.15],
  ['qualified', 0.15],
  ['dispatched', 0.25],
  ['acknowledged', 0.15],
  ['investigated', 0.15],
  ['awaiting_approval', 0.03],
  ['replied', 0.07],
  ['confirmed', 0.03],
  ['visited', 0.02],
];
const CHANNELS: [string, number][] = [
  ['phone', 0.45],
  ['web', 0.2],
  ['walk_in', 0.1],
  ['email', 0.08],
  ['api', 0.1],
  ['letter', 0.02],
  ['regulator', 0.05],
];

function weighted<T>(table: [T, number][], x: number): T {
  let acc = 0;
  for (const [v, w] of table) {
    acc += w;
    if (x < acc) return v;
  }
  return table[table.length - 1][0];
}

const MONTHS = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'];
const FOLLOW_UPS = [
  '要求退款',
  '希望尽快退款并道歉',
  '已拨打12315反映',
  '请给出书面答复',
  '客服说三天内回电至今没有消息',
  '这是第二次反映同样的问题',
  '如不处理将向媒体曝光',
  '附上照片和发票',
  '请安排专人上门查看',
  '希望领导重视',
  '已经影响正常生活',
  '工作人员态度冷漠',
  '要求赔偿误工费',
  '希望给个说法',
  '保留追究责任的权利',
  '家里有老人小孩',
  '要求更换新品',
  '邻居也有同样情况',
  '请核实后退还多收的费用',
  '要求开具发票',
  '已在网上发帖',
  '请尽快联系我',
  '等了一个多星期',
  '之前投诉过没有结果',
];
const EN_FOLLOW_UPS = [
  'Please issue an RMA and a replacement shipment.',
  'Root cause report (8D) requested.',
  'Customer line stopped; urgent containment needed.',
  'PPAP documents missing for this lot.',
];
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '建国',
  '丽',
  '强',
  '平',
  '刚',
  '桂英',
  '玉兰',
  '海燕',
];

interface PackInfo {
  policyId: string;
  levels: string[];
  categories: string[];
  clock: { name: string; ruleId: string };
}
function leafIds(nodes: any[]): string[] {
  return nodes.flatMap((n) => (n.children?.length ? leafIds(n.children) : [n.id]));
}
function packInfo(): Map<string, PackInfo> {
  const out = new Map<string, PackInfo>();
  for (const unit of DEMO_NODES.filter((n) => n.kind === 'unit')) {
    const pack = PACKS.find((p) => p.id === unit.policyId)!;
    const levels = [...pack.severity.levels].sort((a: any, b: any) => a.rank - b.rank).map((l: any) => l.id);
    const clock = pack.clocks.find((c: any) => (c.startOn as string[]).includes('received')) ?? pack.clocks[0];
    out.set(unit.id, {
      policyId: pack.id,
      levels,
      categories: leafIds(pack.taxonomy as any[]),
      clock: { name: clock.name, ruleId: clock.ruleId },
    });
  }
  return out;
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
const arr = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
const iso = (ms: number) => new Date(ms).toISOString();

export interface GeneratedFiles {
  customers: string;
  complaints: string;
  events: string;
  clocks: string;
  counts: { complaints: number; customers: number; open: number; events: number; clocks: number; overdueOpen: number };
  /** Samples the benchmark searches for. */
  samples: { code: string; phone: string };
  generateMs: number;
}

/** Writes with back-pressure, so memory stays flat whatever the scale. */
class Out {
  private s: WriteStream;
  private buf: string[] = [];
  private size = 0;
  constructor(path: string) {
    this.s = createWriteStream(path, { mode: 0o644 });
  }
  async line(l: string) {
    this.buf.push(l);
    this.size += l.length;
    if (this.size > 1 << 20) await this.flush();
  }
  async flush() {
    if (!this.buf.length) return;
    const chunk = this.buf.join('\n') + '\n';
    this.buf = [];
    this.size = 0;
    if (!this.s.write(chunk)) await new Promise<void>((r) => this.s.once('drain', () => r()));
  }
  async close() {
    await this.flush();
    await new Promise<void>((r, j) => this.s.end((e?: Error | null) => (e ? j(e) : r())));
  }
}

export async function generate(scale: number, dir: string): Promise<GeneratedFiles> {
  const t0 = performance.now();
  const packs = packInfo();
  const nCustomers = Math.max(1, Math.round(scale * 0.6));
  const customerIds: string[] = new Array(nCustomers);
  const customerPhone = (k: number) =>
    `1${3 + (k % 7)}${String(10_000_000 + ((k * 7_919_993) % 89_999_999))
      .padStart(9, '0')
      .slice(-9)}`;
  const files = {
    customers: `${dir}/customers.csv`,
    complaints: `${dir}/complaints.csv`,
    events: `${dir}/events.csv`,
    clocks: `${dir}/clocks.csv`,
  };
  const cu = new Out(files.customers);
  for (let k = 0; k < nCustomers; k++) {
    customerIds[k] = randomUUID();
    const name = `${pick(SURNAMES, k, 40)}${pick(GIVEN, k, 41)}`;
    const email = k % 10 === 0 ? `c${k}@example.cn` : '';
    await cu.line(`${customerIds[k]},${q(name)},${customerPhone(k)},${email},,${iso(NOW.getTime() - YEAR_MS)}`);
  }
  await cu.close();

  const co = new Out(files.complaints);
  const ev = new Out(files.events);
  const cl = new Out(files.clocks);
  const counts = { complaints: scale, customers: nCustomers, open: 0, events: 0, clocks: 0, overdueOpen: 0 };
  let sampleCode = '';
  let samplePhone = '';
  const unitIndex = new Map(BENCH_UNITS.map((u, i) => [u, i]));
  for (let i = 0; i < scale; i++) {
    const id = randomUUID();
    const unitId = weighted(UNIT_WEIGHTS, u01(i, 1));
    const p = packs.get(unitId)!;
    const receivedMs = NOW.getTime() - Math.floor(u01(i, 2) * YEAR_MS);
    const age = NOW.getTime() - receivedMs;
    const openP = age < 30 * DAY ? 0.95 : age < 90 * DAY ? 0.35 : 0.1;
    const open = u01(i, 3) < openP;
    const status = open ? weighted(OPEN_STATUSES, u01(i, 4)) : 'closed';
    const lv = u01(i, 5);
    const levelIdx = lv < 0.9 ? 0 : lv < 0.97 ? 1 : lv < 0.995 ? 2 : 3;
    const level = p.levels[Math.min(levelIdx, p.levels.length - 1)];
    const qualRoll = u01(i, 6);
    const qualification =
      status === 'received' ? null : status !== 'closed' ? 'valid' : qualRoll < 0.85 ? 'valid' : qualRoll < 0.95 ? 'invalid' : 'suggestion';
    const categoryId = qualification ? pick(p.categories, i, 7) : null;
    const channel = weighted(CHANNELS, u01(i, 8));
    const k = mix(i, 9) % 1_000_000;
    const s = sampleComplaint(k * BENCH_UNITS.length + unitIndex.get(unitId)!);
    const d = new Date(receivedMs - Math.floor(u01(i, 10) * 10) * DAY);
    const date = `${MONTHS[d.getUTCMonth()]}${d.getUTCDate()}日`;
    const amount = 20 + (mix(i, 11) % 4980);
    const slot = mix(i, 12) % 4;
    const detail =
      slot === 0
        ? `涉及金额${amount}元`
        : slot === 1
          ? `订单号${100000 + (mix(i, 13) % 900000)}`
          : slot === 2
            ? `共${1 + (amount % 12)}次`
            : `已等待${1 + (amount % 30)}天`;
    const follow = unitId === 'u-mfg-qa' && u01(i, 14) < 0.5 ? pick(EN_FOLLOW_UPS, i, 15) : pick(FOLLOW_UPS, i, 15);
    const title = s.title;
    const content = `${date}${s.content}${detail}，${follow}。`;
    const sig = signature(complaintText({ title, content }));
    const day = iso(receivedMs).slice(0, 10).replace(/-/g, '');
    const code = `TS-${day}-${String(i + 1).padStart(7, '0')}`;
    const custK = u01(i, 16) < 0.3 ? mix(i, 17) % Math.max(1, Math.floor(nCustomers / 10)) : mix(i, 18) % nCustomers;
    const customerId = customerIds[custK];
    if (i === Math.floor(scale / 2)) {
      sampleCode = code;
      samplePhone = customerPhone(custK);
    }
    // The clock. Closed: due 1–15 days after receipt, met. Open: the clock of the current step, started
    // at most 10 days ago; ~12 % already past due (breached and `overdue`, as the sweeper left them), the
    // rest running with a due instant up to 14 days ahead.
    let dueMs = receivedMs + DAY + Math.floor(u01(i, 19) * 14 * DAY);
    let startedMs = receivedMs;
    let clockState: string;
    let metAt = '';
    let breachedAt = '';
    let overdue = false;
    let nextDue = '';
    let closedMs = 0;
    if (open) {
      counts.open++;
      startedMs = Math.max(receivedMs, NOW.getTime() - 10 * DAY);
      if (u01(i, 23) < 0.12) {
        dueMs = Math.max(startedMs + 3600_000, NOW.getTime() - Math.floor(u01(i, 24) * 20 * DAY));
        if (dueMs >= NOW.getTime()) dueMs = NOW.getTime() - 60_000;
        clockState = 'breached';
        breachedAt = iso(dueMs + 60_000);
        overdue = true;
        counts.overdueOpen++;
      } else {
        dueMs = NOW.getTime() + 600_000 + Math.floor(u01(i, 24) * 14 * DAY);
        clockState = 'running';
        nextDue = iso(dueMs);
      }
    } else {
      closedMs = Math.min(receivedMs + DAY + Math.floor(u01(i, 20) * 20 * DAY), NOW.getTime() - 3600_000);
      clockState = 'met';
      metAt = iso(Math.min(dueMs, closedMs));
    }
    const satisfaction = !open && qualification === 'valid' && u01(i, 21) < 0.6 ? String(1 + (mix(i, 22) % 5)) : '';
    const checkMs = receivedMs + 7 * DAY;
    const nextCheck = open && checkMs > NOW.getTime() ? iso(checkMs) : '';
    // id, code, unit_id, policy_id, channel, status, qualification, category_id, level, title, content, demands, customer_id,
    // received_at, created_at, updated_at, closed_at, close_reason, satisfaction, signature, next_due_at, next_severity_check_at, overdue, batch_no
    await co.line(
      [
        id,
        code,
        unitId,
        p.policyId,
        channel,
        status,
        qualification ?? '',
        categoryId ?? '',
        level,
        q(title),
        q(content),
        q(s.demands ?? ''),
        customerId,
        iso(receivedMs),
        iso(receivedMs),
        iso(closedMs || receivedMs),
        closedMs ? iso(closedMs) : '',
        closedMs ? q('已处理完毕') : '',
        satisfaction,
        q(arr(sig)),
        nextDue,
        nextCheck,
        overdue ? 't' : 'f',
        'scale',
      ].join(','),
    );
    // A valid hash chain (src/domain/event-chain.ts), so verify-log passes on the bulk data too.
    const received = { complaintId: id, seq: 1, type: 'received', actorId: null, actorLabel: 'system', at: new Date(receivedMs), data: {} };
    const h1 = eventHash(BENCH_LOG_KEY, GENESIS_HASH, received);
    await ev.line(`${id},1,received,system,${iso(receivedMs)},{},${GENESIS_HASH},${h1}`);
    counts.events++;
    if (closedMs) {
      const closed = { complaintId: id, seq: 2, type: 'closed', actorId: null, actorLabel: 'system', at: new Date(closedMs), data: {} };
      await ev.line(`${id},2,closed,system,${iso(closedMs)},{},${h1},${eventHash(BENCH_LOG_KEY, h1, closed)}`);
      counts.events++;
    }
    await cl.line(`${id},${p.clock.name},${p.clock.ruleId},${iso(startedMs)},${iso(dueMs)},${clockState},${metAt},${breachedAt},1,[]`);
    counts.clocks++;
  }
  await Promise.all([co.close(), ev.close(), cl.close()]);
  return { ...files, counts, samples: { code: sampleCode, phone: samplePhone }, generateMs: Math.round(performance.now() - t0) };
}

export const COPY_SQL = (f: GeneratedFiles) => ({
  customers: `COPY customers (id, name, phone, email, type, created_at) FROM '${f.customers}' WITH (FORMAT csv)`,
  complaints: `COPY complaints (id, code, unit_id, policy_id, channel, status, qualification, category_id, level, title, content, demands, customer_id,
      received_at, created_at, updated_at, closed_at, close_reason, satisfaction, signature, next_due_at, next_severity_check_at, overdue, batch_no)
    FROM '${f.complaints}' WITH (FORMAT csv)`,
  events: `COPY complaint_events (complaint_id, seq, type, actor_label, at, data, prev_hash, hash) FROM '${f.events}' WITH (FORMAT csv)`,
  clocks: `COPY complaint_clocks (complaint_id, name, rule_id, started_at, due_at, state, met_at, breached_at, calendar_version, trace) FROM '${f.clocks}' WITH (FORMAT csv)`,
});
