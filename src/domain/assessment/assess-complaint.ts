import type { Qualification } from '../contracts.ts';
import { foodCompensation, type FoodClass, type FoodCompensation, type FoodHarm } from './food-compensation.ts';
import { fuelPenalty, type FuelLevel, type FuelOverdue, type FuelPenalty, type FuelPenaltyRules } from './fuel-penalty.ts';
import { restaurantDiscount, type RestaurantDiscount, type RestaurantDiscountRate } from './restaurant-discount.ts';

/**
 * Picks the compensation / penalty rules of a policy pack and applies them to one complaint
 * (backs GET /api/complaints/:id/assessment). Missing facts are reported as notes rather than
 * thrown, because an assessment is usually asked for while the investigation is still filling
 * them in.
 */

export type Assessment = FoodCompensation | RestaurantDiscount | FuelPenalty;

export interface AssessmentFacts {
  // food (S0 第四篇 §9.2)
  harm?: FoodHarm;
  seriousHarm?: boolean;
  productValueYuan?: number;
  // restaurant (S0 第三篇 14 c)
  billYuan?: number;
  raisedAtCheckout?: boolean;
  qualityConfirmed?: boolean;
  regularCustomer?: boolean;
  discountRatePercent?: RestaurantDiscountRate;
  // fuel retail (S0 第五篇 §14–15)
  valid?: boolean;
  directPersonId?: string;
  stationManagerId?: string;
  areaManagerId?: string;
  priorValidComplaintsThisYearAtStation?: number;
  priorComplaintsThisYearByDirectPerson?: number;
  overdue?: FuelOverdue;
}

export interface AssessComplaintInput {
  packId: string;
  /** The complaint's level as the pack names it ('A' / 'class_a', 'level2' / 'level_2' …). */
  level: string | null;
  qualification?: Qualification | null;
  facts: AssessmentFacts;
  fuelRules?: FuelPenaltyRules;
}

export type AssessmentNoteCode = 'no_rules_for_pack' | 'unknown_level' | 'missing_facts' | 'not_valid';

export interface AssessmentNote {
  code: AssessmentNoteCode;
  message: string;
  messageZh: string;
  /** For 'missing_facts': the fact names to supply. */
  fields?: string[];
}

export interface AssessmentResult {
  packId: string;
  assessments: Assessment[];
  notes: AssessmentNote[];
}

export const PACKS_WITH_ASSESSMENT = ['food', 'restaurant', 'fuel-retail'] as const;

const packKey = (packId: string) => packId.trim().toLowerCase().replace(/_/g, '-');

/**
 * Whether the assessment will read `priorValidComplaintsThisYearAtStation`: only the fuel-retail penalty
 * does, and only once the three responsible persons are given (without them it answers "missing facts",
 * whatever the count). Counting a year of a unit's complaints is the dearest part of an assessment, and
 * the complaint page first asks with no facts, so it is counted only where it is read.
 */
export function readsPriorValidComplaints(packId: string, supplied: AssessmentFacts): boolean {
  return (
    packKey(packId) === 'fuel-retail' &&
    supplied.priorValidComplaintsThisYearAtStation === undefined &&
    supplied.directPersonId !== undefined &&
    supplied.stationManagerId !== undefined &&
    supplied.areaManagerId !== undefined
  );
}

export function assessComplaint(input: AssessComplaintInput): AssessmentResult {
  const pack = packKey(input.packId);
  const result: AssessmentResult = { packId: input.packId, assessments: [], notes: [] };
  const note = (n: AssessmentNote) => {
    result.notes.push(n);
    return result;
  };

  if (pack === 'food') {
    const cls = foodClass(input.level);
    if (!cls) return note(unknownLevel(input.level, 'A, B or C'));
    if (input.qualification && input.qualification !== 'valid') return note(notValid(input.qualification));
    const f = input.facts;
    const missing = [
      f.productValueYuan === undefined ? 'productValueYuan' : null,
      f.harm === undefined && f.seriousHarm === undefined && cls === 'A' ? 'harm' : null,
    ].filter(isString);
    if (missing.length) return note(missingFacts(missing));
    result.assessments.push(foodCompensation({ cls, harm: f.harm, seriousHarm: f.seriousHarm, productValueYuan: f.productValueYuan! }));
    return result;
  }

  if (pack === 'restaurant') {
    if (input.qualification && input.qualification !== 'valid') return note(notValid(input.qualification));
    const f = input.facts;
    const missing = (['billYuan', 'raisedAtCheckout', 'qualityConfirmed', 'regularCustomer'] as const).filter((k) => f[k] === undefined);
    if (missing.length) return note(missingFacts([...missing]));
    result.assessments.push(
      restaurantDiscount({
        billYuan: f.billYuan!,
        raisedAtCheckout: f.raisedAtCheckout!,
        qualityConfirmed: f.qualityConfirmed!,
        regularCustomer: f.regularCustomer!,
        ...(f.discountRatePercent !== undefined ? { ratePercent: f.discountRatePercent } : {}),
      }),
    );
    return result;
  }

  if (pack === 'fuel-retail') {
    const level = fuelLevel(input.level);
    if (!level) return note(unknownLevel(input.level, 'level1, level2 or level3'));
    const f = input.facts;
    const valid = f.valid ?? (input.qualification ? input.qualification === 'valid' : undefined);
    const missing = [
      valid === undefined ? 'valid' : null,
      ...(['directPersonId', 'stationManagerId', 'areaManagerId', 'priorValidComplaintsThisYearAtStation'] as const).map((k) =>
        f[k] === undefined ? k : null,
      ),
    ].filter(isString);
    if (missing.length) return note(missingFacts(missing));
    result.assessments.push(
      fuelPenalty(
        {
          level,
          valid: valid!,
          directPersonId: f.directPersonId!,
          stationManagerId: f.stationManagerId!,
          areaManagerId: f.areaManagerId!,
          priorValidComplaintsThisYearAtStation: f.priorValidComplaintsThisYearAtStation!,
          overdue: f.overdue ?? 'none',
          ...(f.priorComplaintsThisYearByDirectPerson !== undefined
            ? { priorComplaintsThisYearByDirectPerson: f.priorComplaintsThisYearByDirectPerson }
            : {}),
        },
        input.fuelRules,
      ),
    );
    return result;
  }

  return note({
    code: 'no_rules_for_pack',
    message: `Pack '${input.packId}' has no written compensation or penalty standard; assess the case individually within the unit's authority (R-LC-5).`,
    messageZh: `策略包“${input.packId}”没有成文的赔付或处罚标准，请在本单位权限内个案处理（R-LC-5）。`,
  });
}

function foodClass(level: string | null): FoodClass | null {
  const m = /^(?:class[-_ ]?)?([abc])(?:类|類)?$/i.exec((level ?? '').trim());
  return m ? (m[1].toUpperCase() as FoodClass) : null;
}

function fuelLevel(level: string | null): FuelLevel | null {
  const s = (level ?? '').trim().toLowerCase();
  const m = /^(?:level[-_ ]?|l)?([123])$/.exec(s);
  if (m) return `level${m[1]}` as FuelLevel;
  const zh: Record<string, FuelLevel> = { 一级: 'level1', 二级: 'level2', 三级: 'level3', 一級: 'level1', 二級: 'level2', 三級: 'level3' };
  return zh[s] ?? null;
}

function isString(x: string | null): x is string {
  return x !== null;
}

function unknownLevel(level: string | null, expected: string): AssessmentNote {
  return {
    code: 'unknown_level',
    message: `Level ${level === null ? 'not set' : `'${level}' not recognised`}; expected ${expected}. Qualify the complaint first.`,
    messageZh: `投诉等级${level === null ? '未设定' : `“${level}”无法识别`}（应为${expected}），请先完成定性。`,
  };
}

function notValid(q: Qualification): AssessmentNote {
  return {
    code: 'not_valid',
    message: `The complaint is qualified as ${q}; compensation standards apply to valid complaints only.`,
    messageZh: `该投诉定性为${q === 'invalid' ? '无效投诉' : '意见建议'}，赔付标准仅适用于有效投诉。`,
  };
}

function missingFacts(fields: string[]): AssessmentNote {
  return {
    code: 'missing_facts',
    message: `Facts needed for the assessment: ${fields.join(', ')}.`,
    messageZh: `评估所需事实尚缺：${fields.join('、')}。`,
    fields,
  };
}
