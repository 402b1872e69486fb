/**
 * Fuel-retail network pack: 加油站投诉处理管理办法 (S0 第五篇). "§n" below is the seed's 第n条.
 * Stations run around the clock, so station time limits are wall-clock hours; only the improvement
 * plan is counted in working days, as §13.2 says.
 */
import type { Category, Pack } from '../pack-schema.ts';
import { NON_REGULATOR_CHANNELS, regulatorClocks } from '../shared/regulator.ts';
import { VALID_COMPLAINT_CRITERIA } from '../shared/validity.ts';

function leaves(parent: string, items: [string, string, string][]): Category[] {
  return items.map(([id, name, nameZh]) => ({ id: `${parent}-${id}`, name, nameZh }));
}

// R-Q-3, S0 gas §3–4: valid / invalid / suggestion, each with its own sub-categories.
const taxonomy: Category[] = [
  {
    id: 'valid',
    name: 'Valid complaint',
    nameZh: '有效投诉',
    kind: 'valid',
    children: [
      {
        id: 'station-service',
        name: 'Station service',
        nameZh: '加油站服务类',
        children: leaves('station-service', [
          ['attitude', 'Attitude', '服务态度'],
          ['error', 'Service error', '服务过失'],
          ['product-sales', 'Product sales', '产品销售'],
          ['fuel-types', 'Fuel types', '油品种类'],
          ['speed', 'Fuelling speed', '加油效率'],
          ['other', 'Other', '其他'],
        ]),
      },
      {
        id: 'station-info',
        name: 'Station information',
        nameZh: '加油站信息类',
        children: leaves('station-info', [
          ['location', 'Location', '位置'],
          ['phone', 'Contact phone', '联络电话'],
          ['promotion', 'Promotion', '促销'],
          ['opening', 'Opening status', '营业状态'],
        ]),
      },
      {
        id: 'quantity-quality',
        name: 'Quantity and quality',
        nameZh: '数质量类',
        children: [
          { id: 'fuel-quality', name: 'Fuel quality', nameZh: '油品质量' },
          { id: 'fuel-quantity', name: 'Quantity', nameZh: '数量' },
        ],
      },
      {
        id: 'finance',
        name: 'Finance',
        nameZh: '财务类',
        children: leaves('finance', [
          ['invoice', 'Invoice', '发票'],
          ['cheque', 'Cheque', '支票'],
          ['amount', 'Amount charged', '扣款金额'],
        ]),
      },
      { id: 'non-fuel', name: 'Non-fuel goods', nameZh: '非油品类(便利店商品数量、质量、种类、价格)' },
      {
        id: 'card-outlet',
        name: 'Card top-up outlets',
        nameZh: '售卡充值网点类',
        children: leaves('card-outlet', [
          ['attitude', 'Attitude', '服务态度'],
          ['error', 'Service error', '服务过失'],
          ['other', 'Other', '其他'],
        ]),
      },
      {
        id: 'service-centre',
        name: 'Service centre',
        nameZh: '客服中心类',
        children: leaves('service-centre', [
          ['attitude', 'Attitude', '客服态度'],
          ['quality', 'Service quality', '服务质量'],
          ['phone', 'Service phone', '客服电话'],
          ['hours', 'Service hours', '客服工作时间'],
        ]),
      },
      {
        id: 'other',
        name: 'Other',
        nameZh: '其他类',
        children: [
          { id: 'card-website', name: 'Fuel-card website', nameZh: '昆仑加油卡网站问题' },
          { id: 'other-misc', name: 'Anything else', nameZh: '其他' },
        ],
      },
    ],
  },
  {
    id: 'invalid',
    name: 'Invalid complaint',
    nameZh: '无效投诉',
    kind: 'invalid',
    children: [
      { id: 'invalid-unrelated', name: 'Unrelated to the company', nameZh: '与中国石油无关' },
      { id: 'invalid-competitor', name: "Competitor's complaint", nameZh: '竞争对手投诉' },
      { id: 'invalid-malicious', name: 'Malicious (after drinking)', nameZh: '恶意投诉(酒后)' },
    ],
  },
  {
    id: 'suggestion',
    name: 'Opinion or suggestion',
    nameZh: '意见建议',
    kind: 'suggestion',
    children: [
      { id: 'suggestion-card-rules', name: 'Card rules and policy', nameZh: '加油卡规章、政策' },
      { id: 'suggestion-facilities', name: 'Missing facilities', nameZh: '硬件配套不全' },
      { id: 'suggestion-card-pump', name: 'Card and pump not linked', nameZh: '卡机不联动' },
      { id: 'suggestion-system', name: 'System design', nameZh: '系统功能设计相关' },
    ],
  },
];

export const fuelRetailPack: Pack = {
  id: 'fuel-retail',
  version: 1,
  name: 'Fuel-retail network',
  nameZh: '加油站投诉处理管理办法',
  sources: [{ seed: 'S0', section: '第五篇 加油站投诉处理管理办法' }],
  taxonomy,
  validity: {
    ruleId: 'R-Q-2',
    criteria: VALID_COMPLAINT_CRITERIA,
    invalidReasons: [
      { id: 'unrelated', name: 'Unrelated to the company', nameZh: '经调查客户投诉内容与中国石油无关' },
      { id: 'competitor', name: "Competitor's complaint", nameZh: '竞争对手投诉' },
      { id: 'malicious', name: 'Malicious complaint after drinking', nameZh: '经调查客户投诉属酒后恶意投诉' },
    ],
  },
  // R-SV-2, S0 gas §5. The contract has no flags for mass incidents or food poisoning at the shop;
  // both are recorded as `safety` (injury to people), which §5 lists under the same level.
  severity: {
    ruleId: 'R-SV-2',
    defaultLevel: 'level3',
    similarWindowDays: 30,
    levels: [
      { id: 'level3', name: 'Level 3 (general)', nameZh: '三级投诉(一般类)', rank: 1 },
      { id: 'level2', name: 'Level 2 (urgent)', nameZh: '二级投诉(紧急类)', rank: 2 },
      { id: 'level1', name: 'Level 1 (major impact)', nameZh: '一级投诉(重大影响类)', rank: 3 },
    ],
    rules: [
      {
        ruleId: 'R-SV-2/media',
        level: 'level1',
        label: 'Media interview or media complaint',
        labelZh: '媒体类:媒体采访、媒体投诉',
        when: { kind: 'flag', flag: 'media' },
      },
      {
        ruleId: 'R-SV-2/media-threat',
        level: 'level1',
        label: 'Customer threatens to go to the media',
        labelZh: '客户表示升级到媒体',
        when: { kind: 'flag', flag: 'mediaThreat' },
      },
      {
        ruleId: 'R-SV-2/quality-multiple',
        level: 'level1',
        label: 'Several quality complaints at one or more stations',
        labelZh: '质量类:某一加油站或多个加油站,多起质量类投诉',
        // Counted at the station, and across the company's stations for complaints naming one delivery.
        when: { kind: 'similar_count_at_least', n: 2, categoryIds: ['fuel-quality'], sameDelivery: true },
      },
      {
        ruleId: 'R-SV-2/safety',
        level: 'level1',
        label: 'Safety incident, mass incident or food poisoning at the shop',
        labelZh: '安全:爆炸、火灾、泄漏、人员、环境;群体性事件;便利店食物中毒',
        when: { kind: 'flag', flag: 'safety' },
      },
      {
        ruleId: 'R-SV-2/quantity-repeat',
        level: 'level2',
        label: 'Two or more quantity complaints at the same station',
        labelZh: '数量:同一加油站两起以上数量类投诉',
        // Quantity complaints at this station within severity.similarWindowDays, whatever their wording.
        when: { kind: 'similar_count_at_least', n: 2, categoryIds: ['fuel-quantity'] },
      },
      {
        ruleId: 'R-SV-2/insistent',
        level: 'level2',
        label: 'Customer very insistent or demanding a short deadline',
        labelZh: '客户态度:投诉态度强烈、要求短时限解决',
        when: { kind: 'flag', flag: 'insistent' },
      },
    ],
  },
  clocks: [
    // R-TL-4, S0 gas §13.2: the station's own handling takes at most 2 hours, counted from intake
    // (§13.1 「客戶投訴處理期限自受理起」): it starts when the complaint reaches the station, due 2 h after receipt.
    {
      name: 'acknowledge',
      ruleId: 'R-TL-4',
      label: 'Station handles the complaint',
      labelZh: '被投诉加油站处理期限2个小时(自受理起)',
      startOn: ['dispatched'],
      countFrom: 'receipt',
      // The service centre taking the investigation over (§12.4) ends the station's own handling.
      stopOn: ['acknowledged', 'reported', 'reinvestigated'],
      due: { kind: 'calendar_hours', hours: 2 },
      channels: NON_REGULATOR_CHANNELS,
    },
    // R-TL-4, S0 gas §12.1: investigation and handling fed back within 24 h.
    {
      name: 'resolve',
      ruleId: 'R-TL-4',
      label: 'Investigation fed back',
      labelZh: '24小时内反馈调查处理情况',
      startOn: ['received'],
      stopOn: ['reported'],
      due: { kind: 'calendar_hours', hours: 24 },
    },
    // R-TL-4, S0 gas §12.4: the service centre checks the result with the customer within 4 h.
    {
      name: 'verify',
      ruleId: 'R-TL-4',
      label: 'Result checked with the customer',
      labelZh: '4小时内与客户接洽并核实调查处理情况',
      startOn: ['reported'],
      stopOn: ['confirmed', 'disputed', 'reinvestigated'],
      due: { kind: 'calendar_hours', hours: 4 },
    },
    // R-TL-4, S0 gas §12.5 and §13.2: written improvement plan within 3 working days.
    {
      name: 'improvement',
      ruleId: 'R-TL-4',
      label: 'Written improvement plan',
      labelZh: '3个工作日内书面反馈具体改善对策措施',
      startOn: ['reported'],
      stopOn: ['improvement_submitted'],
      due: { kind: 'business_days', days: 3 },
    },
    // R-TL-4, S0 gas §12.6: a general case is answered within 24 h.
    {
      name: 'reply',
      ruleId: 'R-TL-4',
      label: 'Result replied to the customer',
      labelZh: '24小时回复投诉处理结果',
      startOn: ['received'],
      stopOn: ['replied'],
      due: { kind: 'calendar_hours', hours: 24 },
    },
    ...regulatorClocks(),
  ],
  // R-NT-2, S0 gas §8 and §12.3.
  /** The positions its rules address (issue #14): users hold them at organisation nodes. */
  positions: [
    { id: 'responsible_leader', name: 'Responsible leader', nameZh: '主管领导' },
    { id: 'station_manager', name: 'Filling-station manager', nameZh: '加油站经理' },
    { id: 'area_manager', name: 'Area manager', nameZh: '片区经理' },
  ],
  notifications: [
    {
      // §12.4: 由客服中心直接派人重新调查……并将投诉处理情况报告主管领导.
      ruleId: 'R-LC-3/reinvestigation-leader',
      levels: ['level1', 'level2', 'level3'],
      recipientRoles: ['responsible_leader'],
      kind: 'escalation',
      when: { kind: 'on_event', events: ['reinvestigated'] },
      subject: 'Re-investigation by the service centre: the handling is reported to the responsible leader',
      subjectZh: '客服中心重新调查，投诉处理情况报告主管领导',
    },
    {
      ruleId: 'R-NT-2/level1-leader',
      levels: ['level1'],
      recipientRoles: ['responsible_leader'],
      kind: 'leader_alert',
      when: { kind: 'immediately' },
      subject: 'Level 1 complaint: report to the responsible leader for instructions',
      subjectZh: '一级投诉立即报请主管领导批示',
    },
  ],
  // R-RS-3, S0 gas §14–15. Fines in yuan, area points per month.
  penalties: {
    ruleId: 'R-RS-3',
    byLevel: [
      { level: 'level1', dismissal: true, fineYuan: 0, areaPointsDeducted: 20 },
      { level: 'level2', dismissal: false, fineYuan: 1000, areaPointsDeducted: 5 },
      { level: 'level3', dismissal: false, fineYuan: 800, areaPointsDeducted: 5 },
    ],
    split: [
      { role: 'direct_person', percent: 50 },
      { role: 'station_manager', percent: 40 },
      { role: 'area_manager', percent: 10 },
    ],
    repeatAtStation: { nthValidComplaintInYear: 2, role: 'station_manager', multiplier: 2 },
    // §15 「查核各加油站處理時效」: the station answers for its own time limits of §13.2 only (the 2 h handling
    // and the 3-day improvement plan), not for the service centre's verification or reply.
    stationClocks: ['acknowledge', 'improvement'],
    overdue: [
      {
        id: 'overdue',
        ruleId: 'R-RS-3/overdue',
        clause: '15.1',
        overdueHoursAtLeast: 0,
        fines: [
          { role: 'station_manager', yuan: 200 },
          { role: 'direct_person', yuan: 100 },
        ],
      },
      {
        id: 'overdue_12h',
        ruleId: 'R-RS-3/overdue-12h',
        clause: '15.2',
        overdueHoursAtLeast: 12,
        fines: [
          { role: 'station_manager', yuan: 500 },
          { role: 'direct_person', yuan: 200 },
        ],
      },
    ],
    sanctions: [
      {
        kind: 'station_awards_revoked',
        ruleId: 'R-RS-3/station-awards',
        clause: '14.3',
        detail: 'The station loses all collective award eligibility for this calendar year.',
        detailZh: '加油站取消本年所有集体评先评优资格。',
      },
      {
        kind: 'awards_revoked',
        role: 'direct_person',
        ruleId: 'R-RS-3/direct-awards',
        clause: '14.5',
        detail: 'The directly responsible person loses award eligibility for this year.',
        detailZh: '直接责任人取消本年所有评先选优资格。',
      },
      {
        kind: 'awards_revoked',
        role: 'station_manager',
        ruleId: 'R-RS-3/manager-awards',
        clause: '14.4',
        atStation: { atLeast: 2 },
        detail: 'Second valid complaint at the station this year: the station manager loses award eligibility for this year.',
        detailZh: '同一加油站本年发生2次有效投诉，加油站经理取消本年所有评先评优资格。',
      },
      {
        kind: 'demotion_to_trainee_manager',
        role: 'station_manager',
        ruleId: 'R-RS-3/manager-demotion',
        clause: '14.4',
        atStation: { atLeast: 3 },
        detail: 'Third complaint at the station this year: the station manager is demoted to trainee manager, 6 months on standby.',
        detailZh: '同一加油站本年发生3次责任投诉，加油站经理降职为实习经理，待岗6个月。',
      },
      {
        kind: 'warning_and_transfer',
        role: 'direct_person',
        ruleId: 'R-RS-3/direct-warning',
        clause: '14.5',
        byPerson: { atLeast: 2, atMost: 2 },
        detail: 'Second responsibility complaint of this person this year: warning and transfer from the post.',
        detailZh: '同一直接责任人本年发生2次责任投诉，给予警告处分，调离原工作岗位。',
      },
      {
        kind: 'contract_termination',
        role: 'direct_person',
        ruleId: 'R-RS-3/direct-termination',
        clause: '14.5',
        byPerson: { atLeast: 3 },
        detail: 'Third responsibility complaint of this person this year: the labour contract is terminated.',
        detailZh: '同一直接责任人本年发生3次责任投诉，直接解除劳动合同。',
      },
    ],
  },
  reports: [],
  guides: [
    {
      id: 'intake-call',
      title: 'Taking a complaint call',
      titleZh: '客户投诉调查及处理',
      source: 'S0 第五篇 第十二条 1、8、11',
      stepsZh: [
        '客服人員接到客戶投訴時,首先,應即查詢客戶基本信息;然后,了解客戶投訴要求,確認客戶投訴理由,協助解決客戶困難或提供建議與幫助;最后,記錄客戶投訴詳細情況,根據投訴的具體事項書面傳達給被投訴部門或加油站。',
        '被投訴加油站不得超越權限與客戶做任何處理答復協議或補償協議,對客戶投訴處理的答復等事項,由客服中心以書面或電話形式轉達客戶(不得將客戶投訴處理文件復印或打印送客戶)。',
        '客戶投訴為無效投訴和意見建議時,客服中心人員記錄客戶投訴時,處理意見寫明該投訴為無效投訴或意見和建議,報部門主任。如客戶有異議時,再填寫一份新投訴單呈報部門主任。',
      ],
    },
  ],
  // R-LC-5, S0 gas §12.8: only the service centre answers; a level-1 case waits for the leader (§8).
  replyApproval: {
    ruleId: 'R-LC-5',
    requiredByDefault: false,
    note: 'Only the service centre replies; stations may not agree answers or compensation with the customer.',
    noteZh: '被投诉加油站不得超越权限与客户做任何处理答复协议或补偿协议,答复由客服中心转达客户',
  },
  // R-LC-2, S0 gas §8: 投诉处理完成后客服中心将对客户回访.
  returnVisit: { ruleId: 'R-LC-2', required: true },
};
