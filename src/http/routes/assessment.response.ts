/**
 * What GET /api/complaints/:id/assessment answers (src/domain/assessment): one assessment per rule that
 * applies to the complaint's pack — food compensation, a restaurant discount or a fuel-station penalty —
 * and notes on what could not be assessed. Sent as built (SERIALIZE_AS_IS).
 */
import { Type } from 'typebox';
import { Nullable, StringEnum } from '../schema-helpers.ts';

const Explained = { ruleId: Type.String(), explanation: Type.String(), explanationZh: Type.String() };
const Fen = Type.Integer({ description: 'an amount in fen (1/100 yuan)' });

const FoodCompensationSchema = Type.Object({
  kind: Type.Literal('food_compensation'),
  cls: Type.String({ description: "the level as the pack's compensation table names it (A, B, C)" }),
  harm: StringEnum(['serious', 'minor', 'none'] as const),
  method: StringEnum(['visit_medical_gift', 'visit_medical', 'apology_gift'] as const),
  giftRatio: Type.Optional(Type.Number({ description: "1:N gift ratio from the pack's table (1:10 → 10)" })),
  giftValueFen: Type.Optional(Fen),
  giftValueYuan: Type.Optional(Type.Number()),
  coversMedicalCosts: Type.Boolean(),
  apology: StringEnum(['visit', 'phone_or_letter'] as const),
  needsCompanyApproval: Type.Boolean(),
  flexible: Type.Literal(true),
  ...Explained,
});

const DiscountRate = Type.Number({ description: "percent off, one of the pack's discounts (shipped: 10 = 九折, 5 = 九五折)" });
const DiscountOption = Type.Object({
  ratePercent: DiscountRate,
  labelZh: Type.String(),
  discountFen: Fen,
  discountYuan: Type.Number(),
  payableFen: Fen,
  payableYuan: Type.Number(),
});

const RestaurantDiscountSchema = Type.Object({
  kind: Type.Literal('restaurant_discount'),
  eligible: Type.Boolean(),
  unmet: Type.Array(StringEnum(['raised_at_checkout', 'quality_confirmed', 'regular_customer'] as const)),
  options: Type.Array(DiscountOption),
  chosen: Type.Optional(DiscountOption),
  ...Explained,
});

const FUEL_ROLES = ['direct', 'station_manager', 'area_manager'] as const;
const FineShare = Type.Object({ personId: Type.String(), roles: Type.Array(StringEnum(FUEL_ROLES)), fen: Fen, yuan: Type.Number() });
const FuelSanction = Type.Object({
  kind: StringEnum([
    'dismissal',
    'station_awards_revoked',
    'awards_revoked',
    'demotion_to_trainee_manager',
    'warning_and_transfer',
    'contract_termination',
  ] as const),
  personId: Type.Optional(Type.String()),
  ruleId: Type.String(),
  detail: Type.String(),
  detailZh: Type.String(),
});

const FuelPenaltySchema = Type.Object({
  kind: Type.Literal('fuel_penalty'),
  level: Type.String({ description: "a level of the pack's penalty table (level1 …)" }),
  valid: Type.Boolean(),
  dismissal: Type.Boolean(),
  areaPoints: Type.Number(),
  baseFineYuan: Type.Number(),
  fineFen: Fen,
  fineYuan: Type.Number(),
  managerShareEscalated: Type.Boolean(),
  shares: Type.Array(FineShare),
  overdueFineFen: Fen,
  overdueFineYuan: Type.Number(),
  overdueShares: Type.Array(FineShare),
  totalByPerson: Type.Array(FineShare),
  totalFen: Fen,
  totalYuan: Type.Number(),
  sanctions: Type.Array(FuelSanction),
  directPersonComplaintsThisYear: Nullable(Type.Integer({ description: 'S0 fuel §14.5: this one included; null when unknown' })),
  ruleIds: Type.Array(Type.String()),
  explanation: Type.String(),
  explanationZh: Type.String(),
});

export const AssessmentResultSchema = Type.Object({
  packId: Type.String(),
  assessments: Type.Array(Type.Union([FoodCompensationSchema, RestaurantDiscountSchema, FuelPenaltySchema])),
  notes: Type.Array(
    Type.Object({
      code: StringEnum(['no_rules_for_pack', 'unknown_level', 'missing_facts', 'not_valid'] as const),
      message: Type.String(),
      messageZh: Type.String(),
      fields: Type.Optional(Type.Array(Type.String(), { description: "for 'missing_facts': the facts to supply" })),
    }),
  ),
});
