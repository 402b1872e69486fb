import type { CompensationTable } from '../../policies/pack-schema.ts';
import { fenToYuan, formatYuan, percentOfAmount, yuanToFen, type Fen } from './money.ts';

/**
 * Restaurant price discount (R-RS-2; S0 第三篇 顧客投訴處理辦法 14 c):
 *   「價格折扣：若客人在結賬時，提出菜餚質量問題，又是情況屬實，加上客人是主顧，
 *     一般應給予菜價折扣，以九折或九五折為妥。」
 * Three conditions must all hold — raised at checkout, confirmed, and a regular customer (主顧).
 * The discounts offered are the pack's (`compensation.discounts`: the seed's 九折 and 九五折), never
 * numbers written here. The seed gives NO criterion for choosing between them, so this module does
 * not invent one: it returns every option and applies the one a person chose (`ratePercent`), if any. 14 a (re-cook) and 14 b (replace the
 * dish, manager apologises) are the remedies when the conditions for a discount do not hold.
 */

/** Percent off, one of the pack's discounts (10 = 九折, 5 = 九五折 in the shipped pack). */
export type RestaurantDiscountRate = number;

export interface RestaurantDiscountInput {
  /** The food amount the discount applies to (菜價), in yuan. */
  billYuan: number;
  /** The complaint about the dishes was made when paying (在結賬時). */
  raisedAtCheckout: boolean;
  /** The quality problem was checked and found true (情況屬實). */
  qualityConfirmed: boolean;
  /** The guest is a regular customer (主顧). */
  regularCustomer: boolean;
  /** The discount chosen by the person handling it; the seed leaves the choice to them. */
  ratePercent?: RestaurantDiscountRate;
}

export interface RestaurantDiscountOption {
  ratePercent: RestaurantDiscountRate;
  /** 九折 / 九五折 */
  labelZh: string;
  discountFen: Fen;
  discountYuan: number;
  payableFen: Fen;
  payableYuan: number;
}

export interface RestaurantDiscount {
  kind: 'restaurant_discount';
  eligible: boolean;
  /** Conditions of 14 c that do not hold (empty when eligible). */
  unmet: ('raised_at_checkout' | 'quality_confirmed' | 'regular_customer')[];
  options: RestaurantDiscountOption[];
  chosen?: RestaurantDiscountOption;
  ruleId: string;
  explanation: string;
  explanationZh: string;
}

export function restaurantDiscount(input: RestaurantDiscountInput, table: CompensationTable): RestaurantDiscount {
  if (!(input.billYuan >= 0)) throw new RangeError(`billYuan must be >= 0, got ${input.billYuan}`);
  const offered = (table.discounts ?? []).map((d) => ({ ratePercent: d.percentOff, labelZh: d.labelZh }));
  if (input.ratePercent !== undefined && !offered.some((o) => o.ratePercent === input.ratePercent)) {
    throw new RangeError(
      `ratePercent must be one of the pack's discounts (${offered.map((o) => `${o.ratePercent} ${o.labelZh}`).join(', ')}), got ${String(input.ratePercent)}`,
    );
  }
  const bill = yuanToFen(input.billYuan);
  const unmet: RestaurantDiscount['unmet'] = [];
  if (!input.raisedAtCheckout) unmet.push('raised_at_checkout');
  if (!input.qualityConfirmed) unmet.push('quality_confirmed');
  if (!input.regularCustomer) unmet.push('regular_customer');
  const ruleId = `${table.ruleId}/restaurant-14c`;

  if (unmet.length > 0) {
    return {
      kind: 'restaurant_discount',
      eligible: false,
      unmet,
      options: [],
      ruleId,
      explanation: `No price discount under 14 c: it needs a quality complaint raised at checkout, confirmed, from a regular customer; not met: ${unmet.join(', ')}. Re-cook (14 a) or replace the dish (14 b) instead.`,
      explanationZh: `不符合14c价格折扣条件（须结账时提出菜肴质量问题、情况属实且为主顾），未满足：${unmet.map((u) => UNMET_ZH[u]).join('、')}。可按14a重新加工或14b换菜处理。`,
    };
  }

  const options = offered.map(({ ratePercent, labelZh }) => {
    const discountFen = percentOfAmount(bill, ratePercent);
    const payableFen = bill - discountFen;
    return { ratePercent, labelZh, discountFen, discountYuan: fenToYuan(discountFen), payableFen, payableYuan: fenToYuan(payableFen) };
  });
  const chosen = options.find((o) => o.ratePercent === input.ratePercent);
  const list = options.map((o) => `${o.ratePercent} % off = ${formatYuan(o.discountFen)} yuan`).join(' or ');
  const listZh = options.map((o) => `${o.labelZh}（减${formatYuan(o.discountFen)}元）`).join('或');
  return {
    kind: 'restaurant_discount',
    eligible: true,
    unmet,
    options,
    ...(chosen ? { chosen } : {}),
    ruleId,
    explanation:
      `Confirmed quality complaint raised at checkout by a regular customer: a discount on the food of ${formatYuan(bill)} yuan is appropriate, ${list}` +
      (chosen
        ? `; ${chosen.ratePercent} % chosen, payable ${formatYuan(chosen.payableFen)} yuan.`
        : '; the seed leaves the choice to the person handling it.'),
    explanationZh:
      `主顾结账时提出菜肴质量问题且情况属实：菜价${formatYuan(bill)}元，一般应给予折扣，${listZh}为妥` +
      (chosen ? `；已选${chosen.labelZh}，应付${formatYuan(chosen.payableFen)}元。` : '；具体由经办人选择。'),
  };
}

const UNMET_ZH: Record<RestaurantDiscount['unmet'][number], string> = {
  raised_at_checkout: '结账时提出',
  quality_confirmed: '情况属实',
  regular_customer: '主顾',
};
