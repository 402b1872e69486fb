import { fenToYuan, formatYuan, percentOf, yuanToFen, type Fen } from './money.ts';

/**
 * Restaurant price discount (R-RS-2; S0 第三篇 顧客投訴處理辦法 14 c):
 *   「價格折扣：若客人在結賬時，提出菜餚質量問題，又是情況屬實，加上客人是主顧，
 *     一般應給予菜價折扣，以九折或九五折為妥。」
 * Three conditions must all hold — raised at checkout, confirmed, and a regular customer (主顧).
 * The seed names two acceptable discounts (九折 = 10 %, 九五折 = 5 %) but gives NO criterion
 * for choosing between them, so this module does not invent one: it returns both options and
 * applies the one a person chose (`ratePercent`), if any. 14 a (re-cook) and 14 b (replace the
 * dish, manager apologises) are the remedies when the conditions for a discount do not hold.
 */

export type RestaurantDiscountRate = 10 | 5;

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

const OPTIONS: { ratePercent: RestaurantDiscountRate; labelZh: string }[] = [
  { ratePercent: 10, labelZh: '九折' },
  { ratePercent: 5, labelZh: '九五折' },
];

export function restaurantDiscount(input: RestaurantDiscountInput): RestaurantDiscount {
  if (!(input.billYuan >= 0)) throw new RangeError(`billYuan must be >= 0, got ${input.billYuan}`);
  if (input.ratePercent !== undefined && input.ratePercent !== 10 && input.ratePercent !== 5) {
    throw new RangeError(`ratePercent must be 10 or 5 (九折 or 九五折), got ${String(input.ratePercent)}`);
  }
  const bill = yuanToFen(input.billYuan);
  const unmet: RestaurantDiscount['unmet'] = [];
  if (!input.raisedAtCheckout) unmet.push('raised_at_checkout');
  if (!input.qualityConfirmed) unmet.push('quality_confirmed');
  if (!input.regularCustomer) unmet.push('regular_customer');
  const ruleId = 'R-RS-2/restaurant-14c';

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

  const options = OPTIONS.map(({ ratePercent, labelZh }) => {
    const discountFen = percentOf(bill, ratePercent * 100);
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
