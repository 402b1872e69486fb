import type { CompensationTable } from '../../policies/pack-schema.ts';
import { fenToYuan, formatYuan, multiplyFen, yuanToFen, type Fen } from './money.ts';

/**
 * Food compensation (R-RS-2; S0 第四篇 客訴處理管理辦法 §9.2), computed from the pack's compensation
 * table (`pack.compensation.entries`), never from numbers written here: a tuned pack changes the answer.
 *
 * The shipped food pack grades class A by harm in THREE steps, not two:
 *   9.2.1 a) 對消費者健康造成嚴重傷害 → 誠摯拜訪, 必要時支付實際醫療檢查費用, 贈送慰問品 (需由公司同意後方可執行)
 *   9.2.1 b) 對消費者健康未造成嚴重傷害 → 誠摯拜訪, 必要時支付實際醫療檢查費用 (需由公司同意後方可執行)
 *   9.2.1 c) 對消費者健康未造成傷害 → 致電致函道歉, 原則上可 1:10 贈送禮品豆製品
 *   9.2.2 B → 1:2, 9.2.3 C → 1:1
 * Every clause ends with 以上特例可機動考慮, so the result is a standard, not a cap: `flexible` says so.
 * A level whose entries name no harm (B, C) ignores the harm given.
 */

/** The level as the pack names it ('A', 'B', 'C' in the food pack). */
export type FoodClass = string;
/** 'minor' = harm to health that is not serious (9.2.1 b; the table's 'not_serious'). */
export type FoodHarm = 'serious' | 'minor' | 'none';
export type FoodCompensationMethod = 'visit_medical_gift' | 'visit_medical' | 'apology_gift';

export interface FoodCompensationInput {
  cls: FoodClass;
  /** The seed's three harm grades; wins over `seriousHarm` when both are given. */
  harm?: FoodHarm;
  /** Shorthand: true → 'serious', false → 'none'. Use `harm: 'minor'` for 9.2.1 b. */
  seriousHarm?: boolean;
  /** Value of the product complained about (the purchase the gift ratio applies to), in yuan. */
  productValueYuan: number;
}

export interface FoodCompensation {
  kind: 'food_compensation';
  cls: FoodClass;
  harm: FoodHarm;
  method: FoodCompensationMethod;
  /** 1:N gift of the company's own products (禮品豆製品); absent when the entry has no ratio. */
  giftRatio?: number;
  giftValueFen?: Fen;
  giftValueYuan?: number;
  /** 必要時支付實際醫療檢查費用: actual medical examination costs, when needed. */
  coversMedicalCosts: boolean;
  /** 誠摯拜訪 (in person) vs 致電致函道歉 (phone or letter). */
  apology: 'visit' | 'phone_or_letter';
  needsCompanyApproval: boolean;
  /** 以上特例可機動考慮: special cases may depart from the standard. */
  flexible: true;
  ruleId: string;
  explanation: string;
  explanationZh: string;
}

type Entry = CompensationTable['entries'][number];
const TABLE_HARM: Record<FoodHarm, NonNullable<Entry['harm']>> = { serious: 'serious', minor: 'not_serious', none: 'none' };

/** The table's entries for a level (case-insensitive), empty when the table has none. */
export function compensationEntriesFor(table: CompensationTable, level: string): Entry[] {
  return table.entries.filter((e) => e.level.toLowerCase() === level.toLowerCase());
}

/** Whether the level's entries differ by harm, so the harm must be known to pick one. */
export function compensationNeedsHarm(table: CompensationTable, level: string): boolean {
  return compensationEntriesFor(table, level).some((e) => e.harm !== undefined);
}

export function foodCompensation(input: FoodCompensationInput, table: CompensationTable, packId = 'food'): FoodCompensation {
  if (!(input.productValueYuan >= 0)) throw new RangeError(`productValueYuan must be >= 0, got ${input.productValueYuan}`);
  const entries = compensationEntriesFor(table, input.cls);
  if (entries.length === 0) throw new RangeError(`no compensation entry for level ${String(input.cls)}`);
  const harm: FoodHarm = input.harm ?? (input.seriousHarm ? 'serious' : 'none');
  const graded = entries.some((e) => e.harm !== undefined);
  const entry = graded ? entries.find((e) => e.harm === TABLE_HARM[harm]) : entries[0];
  if (!entry) throw new RangeError(`no compensation entry for level ${input.cls} and harm ${harm}`);
  const cls = entry.level;
  const productFen = yuanToFen(input.productValueYuan);
  const ruleId = entry.clause ? `${table.ruleId}/${packId}-${entry.clause}` : `${table.ruleId}/${entry.id}`;
  const visit = entry.visit === true;
  const method: FoodCompensationMethod = visit ? (entry.consolationGift ? 'visit_medical_gift' : 'visit_medical') : 'apology_gift';
  const approval = entry.approvalRequired ? ' Requires company approval before it is carried out.' : '';
  const approvalZh = entry.approvalRequired ? '（需由公司同意后方可执行）' : '';
  const common = {
    kind: 'food_compensation' as const,
    cls,
    harm,
    method,
    coversMedicalCosts: entry.coversMedicalCosts === true,
    apology: visit ? ('visit' as const) : ('phone_or_letter' as const),
    needsCompanyApproval: entry.approvalRequired,
    flexible: true as const,
    ruleId,
  };
  if (entry.giftRatio === undefined) {
    return {
      ...common,
      explanation: `Class ${cls}${graded ? ` (harm: ${harm})` : ''}: ${entry.remedy}.${approval}`,
      explanationZh: `${cls}类客诉：${entry.remedyZh}${approvalZh}。`,
    };
  }
  const ratio = entry.giftRatio;
  // 1:N reads as N units of gift product for each unit complained about; by value, N × the product value.
  const giftFen = multiplyFen(productFen, ratio);
  return {
    ...common,
    giftRatio: ratio,
    giftValueFen: giftFen,
    giftValueYuan: fenToYuan(giftFen),
    explanation: `Class ${cls}${graded ? ` (harm: ${harm})` : ''}: ${entry.remedy} — ${formatYuan(productFen)} yuan of product × ${ratio} = ${formatYuan(giftFen)} yuan (special cases may be handled flexibly).${approval}`,
    explanationZh: `${cls}类客诉：${entry.remedyZh}——产品价值${formatYuan(productFen)}元 × ${ratio} = ${formatYuan(giftFen)}元（特例可机动考虑）${approvalZh}。`,
  };
}
