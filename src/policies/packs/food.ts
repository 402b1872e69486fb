/**
 * Food manufacturer pack: 客诉处理管理办法 (S0 第四篇, a soy-products maker). Section numbers are the seed's.
 * Complaint categories are the defects of 9.1 and 10.1, grouped by the class the seed gives them.
 */
import type { Pack } from '../pack-schema.ts';
import { regulatorClocks } from '../shared/regulator.ts';
import { INVALID_REASONS, VALID_COMPLAINT_CRITERIA } from '../shared/validity.ts';

const CLASS_A = [
  'class-a',
  'spoiled',
  'foreign-matter',
  'abnormal-colour',
  'burnt-or-rancid',
  'batch-underweight',
  'batch-equipment',
  'design-nonconformity',
  'rain-damage-in-transport',
  'inconsistent-dates',
  'distributor-storage',
];
const CLASS_B = [
  'class-b',
  'empty-or-missing-pack',
  'dirty-or-damaged-surface',
  'missing-production-date',
  'packaging-misaligned',
  'poor-seal',
  'black-spots',
  'case-missing-packs',
  'promotional-material',
];
const CLASS_C = [
  'class-c',
  'packaging-damaged',
  'underweight',
  'broken',
  'water-leakage',
  'cutting-defect',
  'colour-difference',
  'date-print-error',
  'bag-torn-by-corner',
];

export const foodPack: Pack = {
  id: 'food',
  version: 1,
  name: 'Food manufacturer',
  nameZh: '客诉处理管理办法(食品)',
  sources: [{ seed: 'S0', section: '第四篇 客诉处理管理办法' }],
  // R-SV-3, S0 food 9.1 (with the consumer and channel items of 10.1.1–10.1.2 under the same class).
  taxonomy: [
    {
      id: 'class-a',
      name: 'Must never happen to food',
      nameZh: '作为食物绝对不应发生的质量事故',
      children: [
        { id: 'spoiled', name: 'Fermented, mouldy or spoiled', nameZh: '产品发酵、发霉变质' },
        {
          id: 'foreign-matter',
          name: 'Foreign matter or insects',
          nameZh: '有异物杂质',
          // 10.1.1.1a and e hold different departments responsible for the two kinds (10 responsibility).
          children: [
            {
              id: 'foreign-matter-equipment-part',
              name: 'Foreign matter: a machine part that came off',
              nameZh: '生产设备零件脱落造成的异物客诉',
            },
            {
              id: 'foreign-matter-sealed',
              name: 'Insects or other foreign matter in an unopened pack',
              nameZh: '虫类或其它异物存在于产品中(包装未打开)',
            },
          ],
        },
        { id: 'abnormal-colour', name: 'Abnormal colour (e.g. reddish tofu)', nameZh: '豆制品颜色异常,如发红' },
        {
          id: 'same-batch-symptoms',
          name: 'Several people with the same symptoms from one batch',
          nameZh: '多人次食用同批号产品出现相同不良症状',
        },
        { id: 'burnt-or-rancid', name: 'Strong burnt or rancid smell', nameZh: '产品(油货)有严重的焦糊味或油蛤味' },
        { id: 'batch-underweight', name: 'A whole batch underweight', nameZh: '批量产品重量偏轻' },
        { id: 'batch-equipment', name: 'Batch complaint caused by equipment (> 20 cases)', nameZh: '设备原因造成的批量客诉(>20箱为批量)' },
        { id: 'design-nonconformity', name: 'Product design not meeting national standards', nameZh: '产品设计标准不符合国家相关标准' },
        { id: 'rain-damage-in-transport', name: 'Wet, mouldy or contaminated in transport', nameZh: '运输中被雨淋湿、霉变或异物进入' },
        { id: 'inconsistent-dates', name: 'Inner and outer dates differ after re-boxing', nameZh: '换纸箱造成的内外打印日期不一致' },
        { id: 'distributor-storage', name: 'Spoiled by poor distributor storage', nameZh: '经销商库存环境恶劣造成的成品变质、纸箱变形' },
      ],
    },
    {
      id: 'class-b',
      name: 'Must not happen to food (quality incident)',
      nameZh: '作为食物不能有的质量事故',
      children: [
        { id: 'empty-or-missing-pack', name: 'Empty bag or missing pack', nameZh: '空袋、少包' },
        { id: 'dirty-or-damaged-surface', name: 'Dirty or damaged surface', nameZh: '豆干表面较脏、残缺' },
        { id: 'missing-production-date', name: 'Some packs without production date', nameZh: '少量包装无生产日期' },
        { id: 'packaging-misaligned', name: 'Packaging badly misaligned, product exposed', nameZh: '包装严重错位、产品外漏' },
        { id: 'poor-seal', name: 'Poor or false seal', nameZh: '封口不严、假封、端封开口' },
        { id: 'black-spots', name: 'Many black spots on tofu', nameZh: '豆腐表面黑星较多' },
        { id: 'case-missing-packs', name: 'Whole case short of packs', nameZh: '整箱缺包' },
        { id: 'promotional-material', name: 'Complaint caused by promotional material', nameZh: '促销品、广宣品导致有客诉' },
        {
          id: 'compensation-not-delivered',
          name: 'Compensation product not delivered in time',
          nameZh: '对客户补偿的成品未及时配送至客户处',
        },
      ],
    },
    {
      id: 'class-c',
      name: 'Must not happen to food (quality problem)',
      nameZh: '作为食物不能有的质量问题',
      children: [
        { id: 'packaging-damaged', name: 'Damaged packaging', nameZh: '包装破损' },
        { id: 'underweight', name: 'Underweight', nameZh: '产品重量轻' },
        { id: 'broken', name: 'Broken product', nameZh: '破碎' },
        { id: 'water-leakage', name: 'Water leakage', nameZh: '出水' },
        { id: 'cutting-defect', name: 'Cutting defect or collapsed corner', nameZh: '豆干走刀、坍角' },
        { id: 'colour-difference', name: 'Colour difference', nameZh: '色差' },
        { id: 'date-print-error', name: 'Wrong or missing printed date', nameZh: '打印日期有误、外膜或外箱无打印日期' },
        {
          id: 'seal-defect-equipment',
          name: 'Unsealed or badly creased seal from poor machine adjustment',
          nameZh: '设备调整不良造成的个体包装袋中、端封未封、封口皱褶严重',
        },
        { id: 'bag-torn-by-corner', name: 'Bag torn when opening the case', nameZh: '包装袋挂角造成的开箱时包袋撕破' },
      ],
    },
  ],
  // S0 food 5: 客诉产生原因.
  causes: [
    { id: 'design', name: 'Poor design quality', nameZh: '设计品质不良' },
    { id: 'manufacturing', name: 'Poor manufacturing quality', nameZh: '制造品质不良' },
    { id: 'adverse-reaction', name: 'Adverse reaction after eating', nameZh: '饮食后发生不良反映' },
    { id: 'transport-storage', name: 'Transport and storage', nameZh: '运输及储存过程不良' },
    { id: 'consumer-mishandling', name: 'Kept or handled wrongly by the consumer', nameZh: '消费者保存或处理不当' },
    { id: 'expired', name: 'Expired product', nameZh: '过期产品' },
  ],
  // S0 food 10 客訴責任歸屬: which departments answer for which complaint, row by row as the seed lists them.
  responsibility: {
    ruleId: 'R-RS-1',
    departments: [
      { id: 'production-team', name: 'Production team of the product', nameZh: '生产该品种班组' },
      { id: 'facilities', name: 'Facilities support department', nameZh: '设施保障部' },
      { id: 'quality', name: 'Quality inspection department', nameZh: '质检部' },
      { id: 'soy-milk-boilers', name: 'Soy milk boiling staff', nameZh: '煮浆人员' },
      { id: 'design-centre', name: 'Design centre', nameZh: '设计中心' },
      { id: 'marketing', name: 'Marketing department', nameZh: '营销部' },
    ],
    rows: [
      // 10.1.1 消費客訴, 10.1.1.1 A類客訴(重大)
      {
        id: 'a-equipment-part',
        clause: '10.1.1.1a',
        categoryIds: ['foreign-matter-equipment-part'],
        departmentIds: ['production-team', 'facilities'],
      },
      {
        id: 'a-same-batch',
        clause: '10.1.1.1b',
        categoryIds: ['same-batch-symptoms'],
        departmentIds: ['production-team', 'soy-milk-boilers', 'quality'],
      },
      {
        id: 'a-spoiled',
        clause: '10.1.1.1c',
        categoryIds: ['spoiled', 'abnormal-colour'],
        departmentIds: ['soy-milk-boilers', 'production-team'],
      },
      { id: 'a-burnt', clause: '10.1.1.1d', categoryIds: ['burnt-or-rancid'], departmentIds: ['production-team'] },
      { id: 'a-sealed-foreign', clause: '10.1.1.1e', categoryIds: ['foreign-matter-sealed'], departmentIds: ['production-team'] },
      { id: 'a-batch-underweight', clause: '10.1.1.1f', categoryIds: ['batch-underweight'], departmentIds: ['production-team', 'quality'] },
      // "設備原因造成的批量客訴;(>20箱為批量)": more than 20 cases affected.
      {
        id: 'a-batch-equipment',
        clause: '10.1.1.1g',
        categoryIds: ['batch-equipment'],
        casesAtLeast: 21,
        departmentIds: ['production-team', 'facilities', 'quality'],
      },
      { id: 'a-design', clause: '10.1.1.1h', categoryIds: ['design-nonconformity'], departmentIds: ['design-centre'] },
      // 10.1.1.2 B類客訴(一般)
      { id: 'b-misaligned', clause: '10.1.1.2a', categoryIds: ['packaging-misaligned'], departmentIds: ['production-team'] },
      { id: 'b-seal', clause: '10.1.1.2b', categoryIds: ['poor-seal', 'empty-or-missing-pack'], departmentIds: ['production-team'] },
      { id: 'b-black-spots', clause: '10.1.1.2c', categoryIds: ['black-spots'], departmentIds: ['production-team'] },
      // 10.1.1.3 C類客訴(一般)
      { id: 'c-seal-equipment', clause: '10.1.1.3a', categoryIds: ['seal-defect-equipment'], departmentIds: ['production-team'] },
      { id: 'c-bag-torn', clause: '10.1.1.3b', categoryIds: ['bag-torn-by-corner'], departmentIds: ['production-team'] },
      { id: 'c-date-print', clause: '10.1.1.3c', categoryIds: ['date-print-error'], departmentIds: ['production-team'] },
      // 10.1.2 通路客訴, 10.1.2.1 A類客訴(重大)
      { id: 'ch-a-rain', clause: '10.1.2.1a', categoryIds: ['rain-damage-in-transport'], departmentIds: ['marketing'] },
      { id: 'ch-a-dates', clause: '10.1.2.1b', categoryIds: ['inconsistent-dates'], departmentIds: ['marketing'] },
      { id: 'ch-a-storage', clause: '10.1.2.1c', categoryIds: ['distributor-storage'], departmentIds: ['marketing'] },
      // 10.1.2.2 B類客訴(一般)
      { id: 'ch-b-case', clause: '10.1.2.2a', categoryIds: ['case-missing-packs'], departmentIds: ['marketing'] },
      { id: 'ch-b-promotion', clause: '10.1.2.2b', categoryIds: ['promotional-material'], departmentIds: ['marketing'] },
      { id: 'ch-b-compensation', clause: '10.1.2.2c', categoryIds: ['compensation-not-delivered'], departmentIds: ['marketing'] },
      // 10.1.2.3 C類客訴(一般): "非制造原因造成的包装破损" — known once the cause (5) is not design or manufacturing.
      {
        id: 'ch-c-packaging',
        clause: '10.1.2.3a',
        categoryIds: ['packaging-damaged'],
        causeIds: ['transport-storage', 'consumer-mishandling', 'expired'],
        departmentIds: ['marketing'],
      },
      { id: 'ch-c-broken', clause: '10.1.2.3b', categoryIds: ['broken'], departmentIds: ['marketing'] },
    ],
  },
  validity: { ruleId: 'R-Q-1', criteria: VALID_COMPLAINT_CRITERIA, invalidReasons: INVALID_REASONS },
  // R-SV-3, S0 food 9.1: the class follows from the category.
  severity: {
    ruleId: 'R-SV-3',
    defaultLevel: 'C',
    levels: [
      { id: 'C', name: 'Class C', nameZh: 'C类客诉', rank: 1 },
      { id: 'B', name: 'Class B', nameZh: 'B类客诉', rank: 2 },
      { id: 'A', name: 'Class A', nameZh: 'A类客诉(重大)', rank: 3 },
    ],
    rules: [
      {
        ruleId: 'R-SV-3/class-a',
        level: 'A',
        label: 'Must never happen to food',
        labelZh: '作为食物绝对不应发生的质量事故',
        when: { kind: 'category_in', categoryIds: CLASS_A },
      },
      {
        ruleId: 'R-SV-3/class-b',
        level: 'B',
        label: 'Quality incident food must not have',
        labelZh: '作为食物不能有的质量事故',
        when: { kind: 'category_in', categoryIds: CLASS_B },
      },
      {
        ruleId: 'R-SV-3/class-c',
        level: 'C',
        label: 'Quality problem food must not have',
        labelZh: '作为食物不能有的质量问题',
        when: { kind: 'category_in', categoryIds: CLASS_C },
      },
    ],
  },
  // R-SV-3, S0 food 11: complaints from government, regulators, consumer associations and extortion.
  crisis: {
    ruleId: 'R-SV-3/special',
    label: 'Special complaint: crisis procedure',
    labelZh: '特殊客诉',
    flags: ['special', 'regulator'],
    channels: ['regulator'],
    // 11.2.1b: 事件發生后,迅速通知銷售經理、業務員 … 協調經銷商: the sales manager owns it.
    notifyRoles: ['sales_manager', 'salesperson'],
    ownerRole: 'sales_manager',
    guideId: 'special-complaint',
  },
  clocks: [
    // R-TL-5, S0 food 4.4: once approved, the record reaches the responsible department within 1 h.
    {
      name: 'dispatch',
      ruleId: 'R-TL-5',
      label: 'Complaint record to the responsible department',
      labelZh: '经批准后于1小时内将客户抱怨、投诉记录单传递到责任部门',
      startOn: ['qualified'],
      stopOn: ['dispatched'],
      due: { kind: 'business_hours', hours: 1 },
    },
    ...regulatorClocks(),
  ],
  /** The positions its rules address (issue #14): users hold them at organisation nodes. */
  positions: [
    { id: 'direct_superior', name: 'Direct superior', nameZh: '直属上级' },
    { id: 'sales_manager', name: 'Sales manager', nameZh: '销售经理' },
    { id: 'salesperson', name: 'Salesperson', nameZh: '业务员' },
    // 9.2.1a/b: 需由公司同意后方可执行 — whoever approves for the company.
    { id: 'company', name: 'Company approval', nameZh: '公司(审批)' },
  ],
  notifications: [
    // S0 food 7.1: every complaint is reported to the direct superior straight away.
    {
      ruleId: 'R-LC-2/report-superior',
      levels: ['A', 'B', 'C'],
      recipientRoles: ['direct_superior'],
      kind: 'escalation',
      when: { kind: 'immediately' },
      subject: 'Complaint received: report to the direct superior',
      subjectZh: '收到客诉信息后,快速反映,协调办理并报直属上级',
    },
  ],
  // R-RS-2, S0 food 9.2.
  compensation: {
    ruleId: 'R-RS-2',
    entries: [
      {
        id: 'a-serious-harm',
        level: 'A',
        harm: 'serious',
        remedy: 'Personal visit, actual medical costs where needed, a gift',
        remedyZh: '诚挚拜访,必要时支付实际医疗检查费用,赠送慰问品',
        visit: true,
        coversMedicalCosts: true,
        consolationGift: true,
        approvalRequired: true,
        clause: '9.2.1a',
      },
      {
        id: 'a-harm-not-serious',
        level: 'A',
        harm: 'not_serious',
        remedy: 'Personal visit, actual medical costs where needed',
        remedyZh: '诚挚拜访,必要时支付实际医疗检查费用',
        visit: true,
        coversMedicalCosts: true,
        approvalRequired: true,
        clause: '9.2.1b',
      },
      {
        id: 'a-no-harm',
        level: 'A',
        harm: 'none',
        remedy: 'Apology by phone or letter, product gift 1:10',
        remedyZh: '致电致函道歉,原则上可1:10赠送礼品豆制品',
        giftRatio: 10,
        approvalRequired: false,
        clause: '9.2.1c',
      },
      {
        id: 'b',
        level: 'B',
        remedy: 'Apology by phone or letter, product gift 1:2',
        remedyZh: '致电致函道歉,原则上可1:2赠送礼品豆制品',
        giftRatio: 2,
        approvalRequired: false,
        clause: '9.2.2',
      },
      {
        id: 'c',
        level: 'C',
        remedy: 'Apology by phone or letter, product gift 1:1',
        remedyZh: '致电致函道歉,原则上可1:1送礼品豆制品',
        giftRatio: 1,
        approvalRequired: false,
        clause: '9.2.3',
      },
    ],
    // #15 item 5, 9.2: the ratios hold 原则上 (whoever handles it gives them); 以上特例可机动考虑 — more than the
    // ratio is the next level's, the direct superior the handler reports to (7.1); class A with harm only with
    // the company's consent (需由公司同意后方可执行).
    authority: [
      {
        id: 'handler',
        name: 'Handler, within the ratio',
        nameZh: '经办人(按原则比例)',
        beyondGiftRatio: false,
        approvalRequiredEntries: false,
        clause: '9.2',
      },
      {
        id: 'direct-superior',
        positionId: 'direct_superior',
        name: 'Direct superior, special cases',
        nameZh: '直属上级(特例机动)',
        beyondGiftRatio: true,
        approvalRequiredEntries: false,
        clause: '7.1',
      },
      {
        id: 'company',
        positionId: 'company',
        name: 'The company',
        nameZh: '公司同意',
        beyondGiftRatio: true,
        approvalRequiredEntries: true,
        clause: '9.2.1',
      },
    ],
  },
  reports: [],
  guides: [
    {
      id: 'agitated-customer',
      title: 'When the customer is agitated',
      titleZh: '当顾客情绪激动时的处理办法',
      source: 'S0 第四篇 8.3',
      stepsZh: [
        '表示對顧客的理解;',
        '必要時可讓對方放下電話,我們再將電話打過去;',
        '傾聽情緒激動的原因;',
        '必要時委托業務員當面了解、致歉;',
        '最后一招,改變談判對象或結構;',
      ],
    },
    {
      id: 'special-complaint',
      title: 'Special complaints (regulators, extortion)',
      titleZh: '特殊客诉的应对',
      source: 'S0 第四篇 11.2',
      stepsZh: [
        '事件發生后,迅速通知銷售經理、業務員(必要時與總經理匯報)協調經銷商共同對事態高度關注,做好事前公關活動(報告一但下來工作就十分被動);',
        '必要時拿出相關品質證明(技監部門、防疫檢驗報告、現場質檢記錄);',
        '陳述企業狀況(如經營難度等)盡可能減少損失;',
        '服從處罰;',
        '發現危機:在事前發現預兆,避免在發生嚴重危機時再去查找原因;',
        '隔絕危機:危機是種傳染病,只有隔絕危機才能動手術,要除病根;',
        '盡量控制影響危機爆發的地點方式和時間;',
      ],
    },
  ],
  // R-LC-2, S0 food 7.2: handling includes approval (包括审批).
  replyApproval: {
    ruleId: 'R-LC-5',
    requiredByDefault: true,
    // §7.1: 质检部 … 报直属上级 — the quality manager or the complaint manager approves (R-LC-5).
    approverRoles: ['qa', 'manager', 'admin'],
    note: 'Handling, including the answer, is approved before it goes out; class A compensation needs company approval.',
    noteZh: '填写客户抱怨、投诉记录单后再进行处理(包括审批)',
  },
  // R-RS-4, S0 food 7.3: satisfaction is measured and recorded.
  returnVisit: { ruleId: 'R-RS-4', required: true },
};
