import { fenToYuan, formatYuan, splitByWeights, yuanToFen, type Fen } from './money.ts';

/**
 * Fuel-retail penalties (R-RS-3; S0 第五篇 加油站投訴處理管理辦法 §14 投訴的處罰, §15 處理時效逾期處罰).
 * Amounts are data so a pack can carry its own; the defaults below are the seed's.
 */

export type FuelLevel = 'level1' | 'level2' | 'level3';
export type FuelOverdue = 'none' | 'overdue' | 'overdue_12h';
export type FuelRole = 'direct' | 'station_manager' | 'area_manager';

export interface FuelPenaltyRules {
  /** §14.1 「二、三級投訴，每次分別罰款1000元，和800元」; level 1 carries dismissal, not a fine. */
  fineYuan: { level2: number; level3: number };
  /** §14.1 扣罰片區當月考核分值: 20 for level 1, 5 for levels 2 and 3 (negative = deducted). */
  areaPoints: Record<FuelLevel, number>;
  /** §14.2 直接責任人承擔50%，加油站經理承擔40%，片區經理承擔10%. Integers summing to 100. */
  splitPercent: Record<FuelRole, number>;
  /** §14.4 from the Nth valid complaint in the year at a station, the manager's amount is multiplied. */
  managerEscalation: { fromNthComplaint: number; multiplier: number };
  /** §15 逾期 / 逾期12小時: amounts per party (負責人 = station manager, 直接責任人 = direct person). */
  overdueYuan: Record<Exclude<FuelOverdue, 'none'>, { station_manager: number; direct: number }>;
}

export const FUEL_RETAIL_PENALTY_RULES: FuelPenaltyRules = {
  fineYuan: { level2: 1000, level3: 800 },
  areaPoints: { level1: -20, level2: -5, level3: -5 },
  splitPercent: { direct: 50, station_manager: 40, area_manager: 10 },
  managerEscalation: { fromNthComplaint: 2, multiplier: 2 },
  overdueYuan: { overdue: { station_manager: 200, direct: 100 }, overdue_12h: { station_manager: 500, direct: 200 } },
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
  ruleIds: string[];
  explanation: string;
  explanationZh: string;
}

const ROLE_ORDER: FuelRole[] = ['direct', 'station_manager', 'area_manager'];
const ROLE_EN: Record<FuelRole, string> = {
  direct: 'directly responsible person',
  station_manager: 'station manager',
  area_manager: 'area manager',
};
const ROLE_ZH: Record<FuelRole, string> = { direct: '直接责任人', station_manager: '加油站经理', area_manager: '片区经理' };
const LEVEL_ZH: Record<FuelLevel, string> = { level1: '一级', level2: '二级', level3: '三级' };

export function fuelPenalty(input: FuelPenaltyInput, rules: FuelPenaltyRules = FUEL_RETAIL_PENALTY_RULES): FuelPenalty {
  validate(input, rules);
  const { level, valid } = input;
  const holder: Record<FuelRole, string> = {
    direct: input.directPersonId,
    station_manager: input.stationManagerId,
    area_manager: input.areaManagerId,
  };
  const ruleIds: string[] = [];
  const en: string[] = [];
  const zh: string[] = [];
  const nth = input.priorValidComplaintsThisYearAtStation + 1;

  let baseFen = 0;
  let shareParts: { role: FuelRole; fen: Fen }[] = [];
  let escalated = false;
  if (valid && level === 'level1') {
    ruleIds.push('R-RS-3/fuel-14.1');
    en.push(
      `Level 1: the directly responsible person (${holder.direct}) is dismissed and held accountable; the area loses ${-rules.areaPoints.level1} points this month. The seed sets no fine for level 1.`,
    );
    zh.push(
      `一级投诉：对直接责任人（${holder.direct}）予以免职并追究相关责任，扣罚片区当月考核分值${-rules.areaPoints.level1}分；办法未规定一级投诉罚款。`,
    );
  } else if (valid) {
    baseFen = yuanToFen(level === 'level2' ? rules.fineYuan.level2 : rules.fineYuan.level3);
    const split = splitByWeights(
      baseFen,
      ROLE_ORDER.map((r) => rules.splitPercent[r]),
    );
    shareParts = ROLE_ORDER.map((role, i) => ({ role, fen: split[i] }));
    ruleIds.push('R-RS-3/fuel-14.1', 'R-RS-3/fuel-14.2');
    en.push(
      `${level === 'level2' ? 'Level 2' : 'Level 3'}: fine ${formatYuan(baseFen)} yuan, the area loses ${-rules.areaPoints[level]} points this month; split ${ROLE_ORDER.map((r) => `${rules.splitPercent[r]} % ${ROLE_EN[r]}`).join(', ')}.`,
    );
    zh.push(
      `${LEVEL_ZH[level]}投诉：罚款${formatYuan(baseFen)}元，扣罚片区当月考核分值${-rules.areaPoints[level]}分；${ROLE_ORDER.map((r) => `${ROLE_ZH[r]}承担${rules.splitPercent[r]}%`).join('，')}。`,
    );
    // §14.4 「同一加油站（年）內發生2次有效投訴，加油站經理承擔的罰款金額翻倍（其他責任人罰款金額不變）」:
    // only the manager's amount doubles and the others stay, so the total INCREASES rather than the
    // split shifting. The seed's 3rd-complaint clause adds demotion without lifting the doubling, so it
    // stays doubled from the 2nd complaint on.
    if (nth >= rules.managerEscalation.fromNthComplaint && rules.managerEscalation.multiplier !== 1) {
      escalated = true;
      const m = shareParts.find((p) => p.role === 'station_manager')!;
      const before = m.fen;
      m.fen = before * rules.managerEscalation.multiplier;
      ruleIds.push('R-RS-3/fuel-14.4');
      en.push(
        `Valid complaint no. ${nth} at this station this year: the station manager's share rises from ${formatYuan(before)} to ${formatYuan(m.fen)} yuan; the others' shares are unchanged.`,
      );
      zh.push(
        `本年同一加油站第${nth}次有效投诉：加油站经理承担的罚款由${formatYuan(before)}元翻倍为${formatYuan(m.fen)}元，其他责任人罚款金额不变。`,
      );
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
    const amounts = rules.overdueYuan[input.overdue];
    overdueParts.push({ personId: holder.station_manager, role: 'station_manager', fen: yuanToFen(amounts.station_manager) });
    overdueParts.push({ personId: holder.direct, role: 'direct', fen: yuanToFen(amounts.direct) });
    const is12 = input.overdue === 'overdue_12h';
    ruleIds.push(is12 ? 'R-RS-3/fuel-15.2' : 'R-RS-3/fuel-15.1');
    en.push(
      `${is12 ? 'Overdue by 12 h or more' : 'Overdue'}: station manager ${formatYuan(yuanToFen(amounts.station_manager))} yuan, directly responsible person ${formatYuan(yuanToFen(amounts.direct))} yuan.`,
    );
    zh.push(
      `${is12 ? '逾期12小时未有效处理' : '逾期未有效处理'}：扣罚责任加油站负责人${formatYuan(yuanToFen(amounts.station_manager))}元，直接责任人${formatYuan(yuanToFen(amounts.direct))}元。`,
    );
  }
  const overdueShares = mergeByPerson(overdueParts);
  const overdueFineFen = overdueShares.reduce((s, l) => s + l.fen, 0);
  const totalByPerson = mergeLines([...shares, ...overdueShares]);
  const totalFen = fineFen + overdueFineFen;

  return {
    kind: 'fuel_penalty',
    level,
    valid,
    dismissal: valid && level === 'level1',
    areaPoints: valid ? rules.areaPoints[level] : 0,
    baseFineYuan: fenToYuan(baseFen),
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
    sanctions: valid ? sanctions(input, holder, nth) : [],
    ruleIds: [...new Set(ruleIds)],
    explanation: en.join(' '),
    explanationZh: zh.join(''),
  };
}

function sanctions(input: FuelPenaltyInput, holder: Record<FuelRole, string>, nth: number): FuelSanction[] {
  const out: FuelSanction[] = [];
  if (input.level === 'level1') {
    out.push({
      kind: 'dismissal',
      personId: holder.direct,
      ruleId: 'R-RS-3/fuel-14.1',
      detail: 'Dismissal of the directly responsible person; further accountability pursued.',
      detailZh: '对直接责任人予以免职并追究相关责任。',
    });
  }
  out.push({
    kind: 'station_awards_revoked',
    ruleId: 'R-RS-3/fuel-14.3',
    detail: 'The station loses all collective award eligibility for this calendar year.',
    detailZh: '加油站取消本年所有集体评先评优资格。',
  });
  out.push({
    kind: 'awards_revoked',
    personId: holder.direct,
    ruleId: 'R-RS-3/fuel-14.5',
    detail: 'The directly responsible person loses award eligibility for this year.',
    detailZh: '直接责任人取消本年所有评先选优资格。',
  });
  if (nth >= 2) {
    out.push({
      kind: 'awards_revoked',
      personId: holder.station_manager,
      ruleId: 'R-RS-3/fuel-14.4',
      detail: 'Second valid complaint at the station this year: the station manager loses award eligibility for this year.',
      detailZh: '同一加油站本年发生2次有效投诉，加油站经理取消本年所有评先评优资格。',
    });
  }
  if (nth >= 3) {
    out.push({
      kind: 'demotion_to_trainee_manager',
      personId: holder.station_manager,
      ruleId: 'R-RS-3/fuel-14.4',
      detail: 'Third complaint at the station this year: the station manager is demoted to trainee manager, 6 months on standby.',
      detailZh: '同一加油站本年发生3次责任投诉，加油站经理降职为实习经理，待岗6个月。',
    });
  }
  const byPerson = input.priorComplaintsThisYearByDirectPerson;
  if (byPerson !== undefined) {
    const n = byPerson + 1;
    if (n === 2)
      out.push({
        kind: 'warning_and_transfer',
        personId: holder.direct,
        ruleId: 'R-RS-3/fuel-14.5',
        detail: 'Second responsibility complaint of this person this year: warning and transfer from the post.',
        detailZh: '同一直接责任人本年发生2次责任投诉，给予警告处分，调离原工作岗位。',
      });
    if (n >= 3)
      out.push({
        kind: 'contract_termination',
        personId: holder.direct,
        ruleId: 'R-RS-3/fuel-14.5',
        detail: 'Third responsibility complaint of this person this year: the labour contract is terminated.',
        detailZh: '同一直接责任人本年发生3次责任投诉，直接解除劳动合同。',
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

function validate(input: FuelPenaltyInput, rules: FuelPenaltyRules): void {
  if (!['level1', 'level2', 'level3'].includes(input.level)) throw new RangeError(`unknown fuel-retail level: ${String(input.level)}`);
  if (!['none', 'overdue', 'overdue_12h'].includes(input.overdue)) throw new RangeError(`unknown overdue state: ${String(input.overdue)}`);
  for (const id of [input.directPersonId, input.stationManagerId, input.areaManagerId]) {
    if (typeof id !== 'string' || id.length === 0) throw new RangeError('every role needs a person id');
  }
  const prior = input.priorValidComplaintsThisYearAtStation;
  if (!Number.isInteger(prior) || prior < 0)
    throw new RangeError(`priorValidComplaintsThisYearAtStation must be a non-negative integer, got ${prior}`);
  const byPerson = input.priorComplaintsThisYearByDirectPerson;
  if (byPerson !== undefined && (!Number.isInteger(byPerson) || byPerson < 0))
    throw new RangeError('priorComplaintsThisYearByDirectPerson must be a non-negative integer');
  const pct = ROLE_ORDER.reduce((s, r) => s + rules.splitPercent[r], 0);
  if (pct !== 100) throw new RangeError(`split percentages must sum to 100, got ${pct}`);
  if (!Number.isInteger(rules.managerEscalation.multiplier) || rules.managerEscalation.multiplier < 1)
    throw new RangeError('manager multiplier must be a positive integer');
}
