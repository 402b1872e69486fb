/**
 * Restaurant / hotel dining pack: 顧客投訴處理辦法 (S0 第三篇), twenty situations with standard handling.
 * The seed names no severity levels; it names who steps in: the waiter, the 领班/主管 for a strongly
 * dissatisfied guest (4c, 12c, 13b), the 楼层经理 for spoiled ingredients or a serious cooking error (14b).
 * Those three are the levels here.
 */
import type { Pack } from '../pack-schema.ts';
import { regulatorClocks } from '../shared/regulator.ts';
import { INVALID_REASONS, VALID_COMPLAINT_CRITERIA } from '../shared/validity.ts';
import { RESTAURANT_GUIDES } from './restaurant-guides.ts';

export const restaurantPack: Pack = {
  id: 'restaurant',
  version: 1,
  name: 'Restaurant and hotel dining',
  nameZh: '顾客投诉处理办法(餐厅)',
  sources: [{ seed: 'S0', section: '第三篇 顾客投诉处理办法' }],
  // R-RP-3: each category opens the guide of its situation.
  taxonomy: [
    {
      id: 'dishes',
      name: 'Dishes',
      nameZh: '菜肴',
      children: [
        { id: 'wrong-dish', name: 'Wrong dish served', nameZh: '上错了菜', guideId: 'wrong-dish' },
        {
          id: 'dish-quality',
          name: 'Dish quality',
          nameZh: '菜肴质量不满',
          guideId: 'dish-quality',
          children: [
            {
              id: 'dish-quality-rework',
              name: 'Can be fixed by cooking again (bland, underdone)',
              nameZh: '可以重新加工解决(口味偏淡、成熟度不够)',
              guideId: 'dish-quality',
            },
            {
              id: 'dish-quality-spoiled',
              name: 'Spoiled ingredients or serious cooking error',
              nameZh: '菜肴原料的变质或烹饪的严重失误',
              guideId: 'dish-quality',
            },
          ],
        },
        {
          id: 'dish-not-as-expected',
          name: 'Not the dish the guest expected',
          nameZh: '所点的菜不是这样的',
          guideId: 'dish-not-as-expected',
        },
        { id: 'dish-sold-out', name: 'Dish sold out', nameZh: '点的菜已售完', guideId: 'dish-sold-out' },
        { id: 'off-menu-request', name: 'Dish not on the menu', nameZh: '点菜牌上没有的菜式', guideId: 'off-menu-request' },
      ],
    },
    {
      id: 'service',
      name: 'Service',
      nameZh: '服务',
      children: [
        { id: 'clothes-soiled', name: 'Clothes soiled by staff', nameZh: '弄脏客人衣服(物)', guideId: 'clothes-soiled' },
        { id: 'slow-service', name: 'Slow service', nameZh: '服务不及时', guideId: 'two-tables' },
        { id: 'double-booking', name: 'Banquet hall double-booked', nameZh: '两位客人订下同一个宴会厅', guideId: 'double-booking' },
        { id: 'power-cut', name: 'Power cut', nameZh: '突然停电', guideId: 'power-cut' },
      ],
    },
    {
      id: 'billing',
      name: 'Billing',
      nameZh: '结账',
      children: [{ id: 'price-dispute', name: 'Price thought unreasonable', nameZh: '认为价格不合理', guideId: 'price-dispute' }],
    },
    { id: 'other', name: 'Other', nameZh: '其他' },
  ],
  validity: { ruleId: 'R-Q-1', criteria: VALID_COMPLAINT_CRITERIA, invalidReasons: INVALID_REASONS },
  severity: {
    ruleId: 'R-SV-4',
    defaultLevel: 'general',
    levels: [
      { id: 'general', name: 'Handled by the waiter', nameZh: '服务员处理', rank: 1 },
      { id: 'supervisor', name: 'Supervisor steps in', nameZh: '领班、主管出面', rank: 2 },
      { id: 'floor-manager', name: 'Floor manager steps in', nameZh: '楼层经理出面', rank: 3 },
    ],
    rules: [
      // S0 第三篇 14b
      {
        ruleId: 'R-SV-4/restaurant-spoiled',
        level: 'floor-manager',
        label: 'Spoiled ingredients or serious cooking error',
        labelZh: '菜肴原料的变质或烹饪的严重失误,由楼层经理出面',
        when: { kind: 'category_in', categoryIds: ['dish-quality-spoiled'] },
      },
      // S0 第三篇 4c
      {
        ruleId: 'R-SV-4/restaurant-insistent',
        level: 'supervisor',
        label: 'Strongly dissatisfied guest',
        labelZh: '对强烈不满的客人,通知领班、主管灵活解决',
        when: { kind: 'flag', flag: 'insistent' },
      },
      // S0 第三篇 13b: dishes missing one after another
      {
        ruleId: 'R-SV-4/restaurant-repeat',
        level: 'supervisor',
        label: 'The same guest let down again',
        labelZh: '接二连三出现没有,则由主管、领班出面',
        when: { kind: 'repeat_count_at_least', n: 1 },
      },
    ],
  },
  clocks: [...regulatorClocks()],
  /** The positions its rules address (issue #14): users hold them at organisation nodes. */
  positions: [{ id: 'supervisor', name: 'Supervisor', nameZh: '主管' }],
  notifications: [],
  // R-RS-2, S0 第三篇 14c: confirmed quality complaint raised at payment by a regular guest.
  compensation: {
    ruleId: 'R-RS-2',
    entries: [],
    discounts: [
      {
        id: 'ten-percent',
        percentOff: 10,
        labelZh: '九折',
        condition: 'Quality complaint raised at payment, confirmed, regular guest',
        conditionZh: '客人在结账时提出菜肴质量问题,又是情况属实,加上客人是主顾',
      },
      {
        id: 'five-percent',
        percentOff: 5,
        labelZh: '九五折',
        condition: 'Quality complaint raised at payment, confirmed, regular guest',
        conditionZh: '客人在结账时提出菜肴质量问题,又是情况属实,加上客人是主顾',
      },
    ],
  },
  reports: [],
  guides: RESTAURANT_GUIDES,
  replyApproval: {
    ruleId: 'R-LC-5',
    requiredByDefault: false,
    note: 'Handled at the table; gifts and discounts are cleared with the supervisor (11b, 16b).',
    noteZh: '现场处理;赠送菜或优惠须上报主管或请示上司',
  },
  // S0 第三篇 handles the complaint at the table and sets no return visit: a confirmed result closes (issue #15 item 1).
  returnVisit: { ruleId: 'R-LC-2', required: false },
};
