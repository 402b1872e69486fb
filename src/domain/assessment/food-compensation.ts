import { fenToYuan, formatYuan, yuanToFen, type Fen } from './money.ts';

/**
 * Food compensation standard (R-RS-2; S0 第四篇 客訴處理管理辦法 §9.2).
 *
 * The seed grades class A by harm in THREE steps, not two:
 *   9.2.1 a) 對消費者健康造成嚴重傷害 → 誠摯拜訪, 必要時支付實際醫療檢查費用, 贈送慰問品 (需由公司同意後方可執行)
 *   9.2.1 b) 對消費者健康未造成嚴重傷害 → 誠摯拜訪, 必要時支付實際醫療檢查費用 (需由公司同意後方可執行)
 *   9.2.1 c) 對消費者健康未造成傷害 → 致電致函道歉, 原則上可 1:10 贈送禮品豆製品
 *   9.2.2 B → 致電致函道歉, 原則上可 1:2 贈送禮品豆製品
 *   9.2.3 C → 致電致函道歉, 原則上可 1:1 送禮品豆製品
 * Every clause ends with 以上特例可機動考慮, so the result is a standard, not a cap: `flexible` says so.
 */

export type FoodClass = 'A' | 'B' | 'C';
/** 'minor' = harm to health that is not serious (9.2.1 b). */
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
  /** 1:N gift of the company's own products (禮品豆製品); absent when the gift is a consolation gift (慰問品). */
  giftRatio?: 10 | 2 | 1;
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

const RATIO: Record<FoodClass, 10 | 2 | 1> = { A: 10, B: 2, C: 1 };

export function foodCompensation(input: FoodCompensationInput): FoodCompensation {
  const { cls } = input;
  if (cls !== 'A' && cls !== 'B' && cls !== 'C') throw new RangeError(`unknown food class: ${String(cls)}`);
  if (!(input.productValueYuan >= 0)) throw new RangeError(`productValueYuan must be >= 0, got ${input.productValueYuan}`);
  const harm: FoodHarm = input.harm ?? (input.seriousHarm ? 'serious' : 'none');
  const productFen = yuanToFen(input.productValueYuan);

  // Harm to health only changes the remedy for class A: B and C describe packaging and
  // appearance defects (9.1.2, 9.1.3), for which the seed has no harm branch.
  if (cls === 'A' && harm === 'serious') {
    return {
      kind: 'food_compensation',
      cls,
      harm,
      method: 'visit_medical_gift',
      coversMedicalCosts: true,
      apology: 'visit',
      needsCompanyApproval: true,
      flexible: true,
      ruleId: 'R-RS-2/food-9.2.1a',
      explanation:
        'Class A with serious harm to health: visit the consumer in person, pay actual medical examination costs where needed and give a consolation gift; requires company approval before it is carried out.',
      explanationZh: 'A类客诉，对消费者健康造成严重伤害：诚挚拜访，必要时支付实际医疗检查费用，赠送慰问品（需由公司同意后方可执行）。',
    };
  }
  if (cls === 'A' && harm === 'minor') {
    return {
      kind: 'food_compensation',
      cls,
      harm,
      method: 'visit_medical',
      coversMedicalCosts: true,
      apology: 'visit',
      needsCompanyApproval: true,
      flexible: true,
      ruleId: 'R-RS-2/food-9.2.1b',
      explanation:
        'Class A with harm to health that is not serious: visit the consumer in person and pay actual medical examination costs where needed; requires company approval before it is carried out.',
      explanationZh: 'A类客诉，对消费者健康未造成严重伤害：诚挚拜访，必要时支付实际医疗检查费用（需由公司同意后方可执行）。',
    };
  }

  const ratio = RATIO[cls];
  // 1:N reads as N units of gift product for each unit complained about; by value, N × the product value.
  const giftFen = productFen * ratio;
  const clause = cls === 'A' ? '9.2.1c' : cls === 'B' ? '9.2.2' : '9.2.3';
  const who = cls === 'A' ? 'Class A without harm to health' : `Class ${cls}`;
  const whoZh = cls === 'A' ? 'A类客诉，对消费者健康未造成伤害' : `${cls}类客诉`;
  return {
    kind: 'food_compensation',
    cls,
    harm,
    method: 'apology_gift',
    giftRatio: ratio,
    giftValueFen: giftFen,
    giftValueYuan: fenToYuan(giftFen),
    coversMedicalCosts: false,
    apology: 'phone_or_letter',
    needsCompanyApproval: false,
    flexible: true,
    ruleId: `R-RS-2/food-${clause}`,
    explanation: `${who}: apologise by phone or letter and, as a rule, give gift products at 1:${ratio} — ${formatYuan(productFen)} yuan of product × ${ratio} = ${formatYuan(giftFen)} yuan (special cases may be handled flexibly).`,
    explanationZh: `${whoZh}：致电致函道歉，原则上可1:${ratio}赠送礼品豆制品——产品价值${formatYuan(productFen)}元 × ${ratio} = ${formatYuan(giftFen)}元（特例可机动考虑）。`,
  };
}
