import type { PenaltyTable } from '../../policies/pack-schema.ts';
import { fenToYuan, formatYuan, multiplyFen, splitByWeights, yuanToFen, type Fen } from './money.ts';

/**
 * Fuel-retail penalties (R-RS-3; S0 第五篇 加油站投訴處理管理辦法 §14 投訴的處罰, §15 處理時效逾期處罰),
 * computed from the pack's penalty table (`pack.penalties`): the fines and dismissal per level, the area
 * points, the split between the roles, the repeat-at-station multiplier, the overdue tiers and the
 * sanctions are all read from it, so a tuned pack changes the answer. Nothing here holds an amount.
 */

/** A level id of the table (`level1` … in the shipped pack). */
export type FuelLevel = string;
/** 'none', or the id of one of the table's overdue tiers (`overdue`, `overdue_12h` in the shipped pack). */
export type FuelOverdue = string;
export type FuelRole = 'direct' | 'station_manager' | 'area_manager';

/** The table's role ids and the person each one names in an assessment. */
export const FUEL_PENALTY_ROLES: Readonly<Record<string, FuelRole>> = {
  direct_person: 'direct',
  station_manager: 'station_manager',
  area_manager: 'area_manager',
};

export interface FuelPenaltyInput {
  level: FuelLevel;
  /** Only a verified complaint is penalised (§14 「客戶投訴一經核實」). */
  valid: boolean;
  directPersonId: string;
  stationManagerId: string;
  areaManagerId: string;
  /** Valid complaints at the same station earlier in the same calendar year, this one excluded. */
  priorValidComplaintsThisYearAtStation: number;
  overdue: FuelOverdue;
  /** Responsibility complaints of the same direct person earlier in the year (§14.5); omit if unknown. */
  priorComplaintsThisYearByDirectPerson?: number;
}

export interface FineShare {
  personId: string;
  /** Every role this person holds in the case; one line per person (§14.2 「承擔的罰款比例疊加」). */
  roles: FuelRole[];
  fen: Fen;
  yuan: number;
}

export type FuelSanctionKind =
  | 'dismissal'
  | 'station_awards_revoked'
  | 'awards_revoked'
  | 'demotion_to_trainee_manager'
  | 'warning_and_transfer'
  | 'contract_termination';

export interface FuelSanction {
  kind: FuelSanctionKind;
  /** Absent for sanctions on the station itself. */
  personId?: string;
  ruleId: string;
  detail: string;
  detailZh: string;
}

export interface FuelPenalty {
  kind: 'fuel_penalty';
  level: FuelLevel;
  valid: boolean;
  /** §14.1 level 1: the directly responsible person is dismissed. */
  dismissal: boolean;
  /** Points deducted from the area's monthly assessment (negative), 0 when not valid. */
  areaPoints: number;
  /** The seed's fine for the level before the manager's escalation. */
  baseFineYuan: number;
  /** Sum of `shares`: the base fine plus any escalation of the manager's share. */
  fineFen: Fen;
  fineYuan: number;
  managerShareEscalated: boolean;
  shares: FineShare[];
  overdueFineFen: Fen;
  overdueFineYuan: number;
  overdueShares: FineShare[];
  /** `shares` and `overdueShares` merged by person. */
  totalByPerson: FineShare[];
  totalFen: Fen;
  totalYuan: number;
  sanctions: FuelSanction[];
  /** §14.5: the directly responsible person's responsibility complaints this year, this one included; null when not known. */
  directPersonComplaintsThisYear: number | null;
  ruleIds: string[];
  explanation: string;
  explanationZh: string;
}

const roleOf = (tableRole: string): FuelRole => {
  const role = FUEL_PENALTY_ROLES[tableRole];
  if (!role) throw new RangeError(`unknown penalty role '${tableRole}' (expected ${Object.keys(FUEL_PENALTY_ROLES).join(', ')})`);
  return role;
};
const ROLE_EN: Record<FuelRole, string> = {
  direct: 'directly responsible person',
  station_manager: 'station manager',
  area_manager: 'area manager',
};
const ROLE_ZH: Record<FuelRole, string> = { direct: '直接责任人', station_manager: '加油站经理', area_manager: '片区经理' };

/**
 * The overdue tier a lateness falls in: the tier with the highest `overdueHoursAtLeast` not above
 * `lateHours`; 'none' when the complaint is not late (`lateHours` null) or no tier applies.
 */
export function overdueTier(table: PenaltyTable, lateHours: number | null): FuelOverdue {
  if (lateHours === null || lateHours < 0) return 'none';
  let best: PenaltyTable['overdue'][number] | undefined;
  for (const t of table.overdue) {
    if (t.overdueHoursAtLeast <= lateHours && (!best || t.overdueHoursAtLeast > best.overdueHoursAtLeast)) best = t;
  }
  return best?.id ?? 'none';
}

/** The level's names for explanations (the pack's severity level names); the id when absent. */
export interface LevelNames {
  name: string;
  nameZh: string;
}

export function fuelPenalty(input: FuelPenaltyInput, table: PenaltyTable, names?: LevelNames): FuelPenalty {
  validate(input, table);
  const { level, valid } = input;
  const row = table.byLevel.find((b) => b.level === level)!;
  const cite = (clause: string) => `${table.ruleId}/fuel-${clause}`;
  const holder: Record<FuelRole, string> = {
    direct: input.directPersonId,
    station_manager: input.stationManagerId,
    area_manager: input.areaManagerId,
  };
  const ruleIds: string[] = [];
  const en: string[] = [];
  const zh: string[] = [];
  const nth = input.priorValidComplaintsThisYearAtStation + 1;
  const levelEn = names?.name ?? level;
  const levelZh = names?.nameZh ?? level;

  let baseFen = 0;
  let shareParts: { role: FuelRole; fen: Fen }[] = [];
  let escalated = false;
  if (valid) {
    ruleIds.push(cite('14.1'));
    if (row.dismissal) {
      en.push(`${levelEn}: the directly responsible person (${holder.direct}) is dismissed and held accountable.`);
      zh.push(`${levelZh}：对直接责任人（${holder.direct}）予以免职并追究相关责任。`);
    }
    baseFen = yuanToFen(row.fineYuan);
    if (baseFen > 0) {
      const parts = splitByWeights(
        baseFen,
        table.split.map((s) => s.percent),
      );
      shareParts = table.split.map((s, i) => ({ role: roleOf(s.role), fen: parts[i] }));
      ruleIds.push(cite('14.2'));
      en.push(
        `${levelEn}: fine ${formatYuan(baseFen)} yuan; split ${table.split.map((s) => `${s.percent} % ${ROLE_EN[roleOf(s.role)]}`).join(', ')}.`,
      );
      zh.push(
        `${levelZh}：罚款${formatYuan(baseFen)}元；${table.split.map((s) => `${ROLE_ZH[roleOf(s.role)]}承担${s.percent}%`).join('，')}。`,
      );
    } else if (!row.dismissal) {
      en.push(`${levelEn}: the table sets no fine for this level.`);
      zh.push(`${levelZh}：办法未规定罚款。`);
    }
    if (row.areaPointsDeducted > 0) {
      en.push(`The area loses ${row.areaPointsDeducted} points this month.`);
      zh.push(`扣罚片区当月考核分值${row.areaPointsDeducted}分。`);
    }
    // §14.4 「同一加油站（年）內發生2次有效投訴，加油站經理承擔的罰款金額翻倍（其他責任人罰款金額不變）」:
    // only the named role's amount is multiplied and the others stay, so the total INCREASES rather than
    // the split shifting. The seed's 3rd-complaint clause adds demotion without lifting the doubling, so
    // it stays multiplied from the nth complaint on.
    const repeat = table.repeatAtStation;
    if (repeat && nth >= repeat.nthValidComplaintInYear && repeat.multiplier !== 1) {
      const role = roleOf(repeat.role);
      const m = shareParts.find((p) => p.role === role);
      if (m) {
        escalated = true;
        const before = m.fen;
        m.fen = multiplyFen(before, repeat.multiplier);
        ruleIds.push(cite('14.4'));
        en.push(
          `Valid complaint no. ${nth} at this station this year: the ${ROLE_EN[role]}'s share rises from ${formatYuan(before)} to ${formatYuan(m.fen)} yuan (× ${repeat.multiplier}); the others' shares are unchanged.`,
        );
        zh.push(
          `本年同一加油站第${nth}次有效投诉：${ROLE_ZH[role]}承担的罚款由${formatYuan(before)}元增至${formatYuan(m.fen)}元（× ${repeat.multiplier}），其他责任人罚款金额不变。`,
        );
      }
    }
  } else {
    en.push('Not a valid complaint: no fine, points or sanctions under §14.');
    zh.push('非有效投诉：不适用第十四条处罚。');
  }

  const shares = mergeByPerson(shareParts.map((p) => ({ personId: holder[p.role], role: p.role, fen: p.fen })));
  const fineFen = shares.reduce((s, l) => s + l.fen, 0);
  if (shares.some((s) => s.roles.length > 1)) {
    en.push(
      `One person holding several roles pays the sum of those shares (${shares
        .filter((s) => s.roles.length > 1)
        .map((s) => `${s.personId}: ${formatYuan(s.fen)} yuan`)
        .join('; ')}).`,
    );
    zh.push('一人承担多项责任的，罚款比例叠加。');
  }

  // §15 judges the station's handling time, which runs whatever the qualification turns out to be,
  // so it is assessed independently of §14.
  const overdueParts: { personId: string; role: FuelRole; fen: Fen }[] = [];
  if (input.overdue !== 'none') {
    const tier = table.overdue.find((t) => t.id === input.overdue)!;
    const lines = tier.fines.map((f) => ({ role: roleOf(f.role), fen: yuanToFen(f.yuan) }));
    for (const l of lines) overdueParts.push({ personId: holder[l.role], role: l.role, fen: l.fen });
    ruleIds.push(cite(tier.clause ?? tier.id));
    const when = tier.overdueHoursAtLeast > 0 ? `Overdue by ${tier.overdueHoursAtLeast} h or more` : 'Overdue';
    const whenZh = tier.overdueHoursAtLeast > 0 ? `逾期${tier.overdueHoursAtLeast}小时未有效处理` : '逾期未有效处理';
    en.push(`${when}: ${lines.map((l) => `${ROLE_EN[l.role]} ${formatYuan(l.fen)} yuan`).join(', ')}.`);
    zh.push(`${whenZh}：${lines.map((l) => `扣罚${ROLE_ZH[l.role]}${formatYuan(l.fen)}元`).join('，')}。`);
  }
  const overdueShares = mergeByPerson(overdueParts);
  const overdueFineFen = overdueShares.reduce((s, l) => s + l.fen, 0);
  const totalByPerson = mergeLines([...shares, ...overdueShares]);
  const totalFen = fineFen + overdueFineFen;

  return {
    kind: 'fuel_penalty',
    level,
    valid,
    dismissal: valid && row.dismissal,
    // Written as a subtraction so that no deduction is 0, not -0.
    areaPoints: valid ? 0 - row.areaPointsDeducted : 0,
    baseFineYuan: fenToYuan(valid ? baseFen : 0),
    fineFen,
    fineYuan: fenToYuan(fineFen),
    managerShareEscalated: escalated,
    shares,
    overdueFineFen,
    overdueFineYuan: fenToYuan(overdueFineFen),
    overdueShares,
    totalByPerson,
    totalFen,
    totalYuan: fenToYuan(totalFen),
    sanctions: valid ? sanctions(input, table, holder, nth) : [],
    directPersonComplaintsThisYear:
      input.priorComplaintsThisYearByDirectPerson === undefined ? null : input.priorComplaintsThisYearByDirectPerson + (valid ? 1 : 0),
    ruleIds: [...new Set(ruleIds)],
    explanation: en.join(' '),
    explanationZh: zh.join(''),
  };
}

function inRange(n: number, range: { atLeast: number; atMost?: number } | undefined): boolean {
  return range === undefined || (n >= range.atLeast && (range.atMost === undefined || n <= range.atMost));
}

function sanctions(input: FuelPenaltyInput, table: PenaltyTable, holder: Record<FuelRole, string>, nth: number): FuelSanction[] {
  const out: FuelSanction[] = [];
  const cite = (clause: string) => `${table.ruleId}/fuel-${clause}`;
  if (table.byLevel.find((b) => b.level === input.level)?.dismissal) {
    out.push({
      kind: 'dismissal',
      personId: holder.direct,
      ruleId: cite('14.1'),
      detail: 'Dismissal of the directly responsible person; further accountability pursued.',
      detailZh: '对直接责任人予以免职并追究相关责任。',
    });
  }
  const byPerson = input.priorComplaintsThisYearByDirectPerson;
  for (const s of table.sanctions ?? []) {
    if (!inRange(nth, s.atStation)) continue;
    // A rule counting the person's complaints applies only when that count is known.
    if (s.byPerson && (byPerson === undefined || !inRange(byPerson + 1, s.byPerson))) continue;
    out.push({
      kind: s.kind,
      ...(s.role ? { personId: holder[roleOf(s.role)] } : {}),
      ruleId: s.clause ? cite(s.clause) : s.ruleId,
      detail: s.detail,
      detailZh: s.detailZh,
    });
  }
  return out;
}

function mergeByPerson(parts: { personId: string; role: FuelRole; fen: Fen }[]): FineShare[] {
  return mergeLines(parts.map((p) => ({ personId: p.personId, roles: [p.role], fen: p.fen, yuan: fenToYuan(p.fen) })));
}

function mergeLines(lines: FineShare[]): FineShare[] {
  const out = new Map<string, FineShare>();
  for (const l of lines) {
    const cur = out.get(l.personId);
    if (!cur) {
      out.set(l.personId, { personId: l.personId, roles: [...l.roles], fen: l.fen, yuan: fenToYuan(l.fen) });
      continue;
    }
    for (const r of l.roles) if (!cur.roles.includes(r)) cur.roles.push(r);
    cur.fen += l.fen;
    cur.yuan = fenToYuan(cur.fen);
  }
  return [...out.values()];
}

function validate(input: FuelPenaltyInput, table: PenaltyTable): void {
  if (!table.byLevel.some((b) => b.level === input.level)) {
    throw new RangeError(
      `unknown fuel-retail level: ${String(input.level)} (the table has ${table.byLevel.map((b) => b.level).join(', ')})`,
    );
  }
  if (input.overdue !== 'none' && !table.overdue.some((t) => t.id === input.overdue)) {
    throw new RangeError(`unknown overdue state: ${String(input.overdue)}`);
  }
  for (const id of [input.directPersonId, input.stationManagerId, input.areaManagerId]) {
    if (typeof id !== 'string' || id.length === 0) throw new RangeError('every role needs a person id');
  }
  const prior = input.priorValidComplaintsThisYearAtStation;
  if (!Number.isInteger(prior) || prior < 0)
    throw new RangeError(`priorValidComplaintsThisYearAtStation must be a non-negative integer, got ${prior}`);
  const byPerson = input.priorComplaintsThisYearByDirectPerson;
  if (byPerson !== undefined && (!Number.isInteger(byPerson) || byPerson < 0))
    throw new RangeError('priorComplaintsThisYearByDirectPerson must be a non-negative integer');
  const pct = table.split.reduce((s, r) => s + r.percent, 0);
  if (!table.split.every((r) => Number.isInteger(r.percent)) || pct !== 100) {
    throw new RangeError(`split percentages must be integers summing to 100, got ${pct}`);
  }
  for (const r of table.split) roleOf(r.role);
  if (table.repeatAtStation && !(table.repeatAtStation.multiplier >= 1)) throw new RangeError('repeat multiplier must be at least 1');
}
