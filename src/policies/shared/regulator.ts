/**
 * Time limits for complaints forwarded by the market regulator (12315), shared by every pack
 * (R-TL-7). The law changes, so each limit is a versioned clock chosen by the complaint's local
 * receipt date, [from, to):
 *  - 2014 rules (原工商总局《工商行政管理部门处理消费者投诉办法》): accept or refuse within 7 working
 *    days, mediation concluded within 60 days — the numbers S1 quotes ("七个工作日之内受理", "在60日内").
 *  - SAMR Order 20 (《市场监督管理投诉举报处理暂行办法》, in force 2020-01-01, amended 2022): 7 working days
 *    to accept, mediation within 45 working days from acceptance.
 *  - SAMR Order 121 (in force 2026-04-15): the seeds say nothing about it; 7 working days and 45
 *    working days are carried over. These numbers are configuration, NOT verified against the
 *    Order's text here — check them before relying on them and change only this data.
 * Mediation starts when the complaint is accepted ('qualified') and stops when it is concluded.
 */
import type { ClockDefinition } from '../../domain/contracts.ts';

const SAMR_ORDER_20_FROM = '2020-01-01';
const SAMR_ORDER_121_FROM = '2026-04-15';

interface RuleSet {
  slug: string;
  nameZh: string;
  effective: { from?: string; to?: string };
  acceptWorkingDays: number;
  mediate: ClockDefinition['due'];
}

const RULE_SETS: RuleSet[] = [
  {
    slug: 'saic-2014',
    nameZh: '2014年投诉办法',
    effective: { to: SAMR_ORDER_20_FROM },
    acceptWorkingDays: 7,
    mediate: { kind: 'calendar_days', days: 60 },
  },
  {
    slug: 'samr-order-20',
    nameZh: '市场监管总局令第20号',
    effective: { from: SAMR_ORDER_20_FROM, to: SAMR_ORDER_121_FROM },
    acceptWorkingDays: 7,
    mediate: { kind: 'business_days', days: 45 },
  },
  {
    slug: 'samr-order-121',
    nameZh: '市场监管总局令第121号',
    effective: { from: SAMR_ORDER_121_FROM },
    acceptWorkingDays: 7,
    mediate: { kind: 'business_days', days: 45 },
  },
];

/** A fresh copy of the regulator clocks for one pack. */
export function regulatorClocks(): ClockDefinition[] {
  return RULE_SETS.flatMap((set): ClockDefinition[] => [
    {
      name: 'accept',
      ruleId: `R-TL-7/${set.slug}`,
      label: `Regulator-forwarded complaint accepted or refused (${set.slug})`,
      labelZh: `12315转办投诉决定受理或不予受理(${set.nameZh})`,
      startOn: ['received'],
      stopOn: ['qualified'],
      due: { kind: 'business_days', days: set.acceptWorkingDays },
      channels: ['regulator'],
      effective: { ...set.effective },
    },
    {
      name: 'mediate',
      ruleId: `R-TL-7/${set.slug}`,
      label: `Regulator mediation concluded (${set.slug})`,
      labelZh: `调解终结(${set.nameZh})`,
      startOn: ['qualified'],
      stopOn: ['closed'],
      due: structuredClone(set.mediate),
      channels: ['regulator'],
      effective: { ...set.effective },
    },
  ]);
}

/** Every channel but the regulator's, for a pack clock that the regulator block replaces. */
export const NON_REGULATOR_CHANNELS: ClockDefinition['channels'] = ['phone', 'email', 'web', 'forum', 'letter', 'walk_in', 'api'];
