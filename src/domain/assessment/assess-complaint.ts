import type { Pack } from '../../policies/pack-schema.ts';
import type { Qualification } from '../contracts.ts';
import {
  compensationEntriesFor,
  compensationNeedsHarm,
  foodCompensation,
  type FoodCompensation,
  type FoodHarm,
} from './food-compensation.ts';
import { fuelPenalty, type FuelOverdue, type FuelPenalty } from './fuel-penalty.ts';
import { restaurantDiscount, type RestaurantDiscount, type RestaurantDiscountRate } from './restaurant-discount.ts';

/**
 * Applies the tables of a complaint's (effective) pack to one complaint (backs GET
 * /api/complaints/:id/assessment): the compensation entries (food §9.2), the discounts (restaurant
 * 14 c) and the penalty table (fuel §14–15). Which calculators run follows from which tables the
 * pack carries, not from its id. Missing facts are reported as notes rather than thrown, because an
 * assessment is usually asked for while the investigation is still filling them in.
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

/** The parts of a pack the assessment reads: its tables and its level names. */
export type AssessmentPack = Pick<Pack, 'id' | 'compensation' | 'penalties'> & {
  severity: { levels: readonly { id: string; name: string; nameZh: string }[] };
};

export interface AssessComplaintInput {
  /** The complaint's effective pack (tuned at the complaint's policy version), whose tables are applied. */
  pack: AssessmentPack;
  /** The complaint's level as the pack names it ('A' / 'class_a', 'level2' / '二级' …). */
  level: string | null;
  qualification?: Qualification | null;
  facts: AssessmentFacts;
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

/** The level id of `ids` that `level` names: 'class_b' → 'B', '二级' / 'L2' → 'level2'; null when none. */
export function matchLevel(level: string | null, ids: readonly string[]): string | null {
  if (level === null) return null;
  const key = (s: string) =>
    s
      .trim()
      .toLowerCase()
      .replace(/^(?:class|level|l)[-_ ]?/, '')
      .replace(/(?:类|類|级|級)$/, '')
      .replace(/[一二三四五]/, (d) => String('一二三四五'.indexOf(d) + 1));
  const want = key(level);
  return ids.find((id) => id === level) ?? ids.find((id) => key(id) === want) ?? null;
}

/**
 * Whether the assessment will read `priorValidComplaintsThisYearAtStation`: only a penalty table does,
 * and only once the three responsible persons are given (without them it answers "missing facts",
 * whatever the count). Counting a year of a unit's complaints is the dearest part of an assessment, and
 * the complaint page first asks with no facts, so it is counted only where it is read.
 */
export function readsPriorValidComplaints(pack: Pick<Pack, 'penalties'>, supplied: AssessmentFacts): boolean {
  return (
    pack.penalties !== undefined &&
    supplied.priorValidComplaintsThisYearAtStation === undefined &&
    supplied.directPersonId !== undefined &&
    supplied.stationManagerId !== undefined &&
    supplied.areaManagerId !== undefined
  );
}

/** Whether the assessment will read the directly responsible person's count (§14.5): a sanction counts it and the person is known. */
export function readsPersonComplaints(pack: Pick<Pack, 'penalties'>, given: AssessmentFacts): boolean {
  return (
    (pack.penalties?.sanctions ?? []).some((s) => s.byPerson !== undefined) &&
    given.priorComplaintsThisYearByDirectPerson === undefined &&
    given.directPersonId !== undefined
  );
}

export function assessComplaint(input: AssessComplaintInput): AssessmentResult {
  const { pack } = input;
  const result: AssessmentResult = { packId: pack.id, assessments: [], notes: [] };
  const comp = pack.compensation;
  if (comp && comp.entries.length > 0) assessGift(input, comp, result);
  if (comp?.discounts && comp.discounts.length > 0) assessDiscount(input, comp, result);
  if (pack.penalties) assessPenalty(input, pack.penalties, result);
  if (result.assessments.length === 0 && result.notes.length === 0) {
    result.notes.push({
      code: 'no_rules_for_pack',
      message: `Pack '${pack.id}' has no written compensation or penalty standard; assess the case individually within the unit's authority (R-LC-5).`,
      messageZh: `策略包“${pack.id}”没有成文的赔付或处罚标准，请在本单位权限内个案处理（R-LC-5）。`,
    });
  }
  return result;
}

type Tables = NonNullable<Pack['compensation']>;

function assessGift(input: AssessComplaintInput, table: Tables, result: AssessmentResult): void {
  const levels = [...new Set(table.entries.map((e) => e.level))];
  const cls = matchLevel(input.level, levels);
  if (!cls) {
    result.notes.push(unknownLevel(input.level, levels.join(', ')));
    return;
  }
  if (input.qualification && input.qualification !== 'valid') {
    result.notes.push(notValid(input.qualification));
    return;
  }
  const f = input.facts;
  const missing = [
    f.productValueYuan === undefined ? 'productValueYuan' : null,
    f.harm === undefined && f.seriousHarm === undefined && compensationNeedsHarm(table, cls) ? 'harm' : null,
  ].filter(isString);
  if (missing.length) {
    result.notes.push(missingFacts(missing));
    return;
  }
  if (compensationEntriesFor(table, cls).length === 0) return;
  result.assessments.push(
    foodCompensation({ cls, harm: f.harm, seriousHarm: f.seriousHarm, productValueYuan: f.productValueYuan! }, table, input.pack.id),
  );
}

function assessDiscount(input: AssessComplaintInput, table: Tables, result: AssessmentResult): void {
  if (input.qualification && input.qualification !== 'valid') {
    result.notes.push(notValid(input.qualification));
    return;
  }
  const f = input.facts;
  const missing = (['billYuan', 'raisedAtCheckout', 'qualityConfirmed', 'regularCustomer'] as const).filter((k) => f[k] === undefined);
  if (missing.length) {
    result.notes.push(missingFacts([...missing]));
    return;
  }
  result.assessments.push(
    restaurantDiscount(
      {
        billYuan: f.billYuan!,
        raisedAtCheckout: f.raisedAtCheckout!,
        qualityConfirmed: f.qualityConfirmed!,
        regularCustomer: f.regularCustomer!,
        ...(f.discountRatePercent !== undefined ? { ratePercent: f.discountRatePercent } : {}),
      },
      table,
    ),
  );
}

function assessPenalty(input: AssessComplaintInput, table: NonNullable<Pack['penalties']>, result: AssessmentResult): void {
  const ids = table.byLevel.map((b) => b.level);
  const level = matchLevel(input.level, ids);
  if (!level) {
    result.notes.push(unknownLevel(input.level, ids.join(', ')));
    return;
  }
  const f = input.facts;
  const valid = f.valid ?? (input.qualification ? input.qualification === 'valid' : undefined);
  const missing = [
    valid === undefined ? 'valid' : null,
    ...(['directPersonId', 'stationManagerId', 'areaManagerId', 'priorValidComplaintsThisYearAtStation'] as const).map((k) =>
      f[k] === undefined ? k : null,
    ),
  ].filter(isString);
  if (missing.length) {
    result.notes.push(missingFacts(missing));
    return;
  }
  const overdue = f.overdue ?? 'none';
  const names = input.pack.severity.levels.find((l) => l.id === level);
  result.assessments.push(
    fuelPenalty(
      {
        level,
        valid: valid!,
        directPersonId: f.directPersonId!,
        stationManagerId: f.stationManagerId!,
        areaManagerId: f.areaManagerId!,
        priorValidComplaintsThisYearAtStation: f.priorValidComplaintsThisYearAtStation!,
        overdue: overdue === 'none' || table.overdue.some((t) => t.id === overdue) ? overdue : 'none',
        ...(f.priorComplaintsThisYearByDirectPerson !== undefined
          ? { priorComplaintsThisYearByDirectPerson: f.priorComplaintsThisYearByDirectPerson }
          : {}),
      },
      table,
      names ? { name: names.name, nameZh: names.nameZh } : undefined,
    ),
  );
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
