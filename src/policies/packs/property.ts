/**
 * Property-management pack: 中南物业《重大客户投诉应急预案》 (S2). Section numbers are the seed's.
 */
import type { Pack } from '../pack-schema.ts';
import { regulatorClocks } from '../shared/regulator.ts';
import { INVALID_REASONS, VALID_COMPLAINT_CRITERIA } from '../shared/validity.ts';

export const propertyPack: Pack = {
  id: 'property',
  version: 1,
  name: 'Property management',
  nameZh: '物业重大客户投诉应急预案',
  sources: [{ seed: 'S2', section: '重大客户投诉应急预案 3、4、5.2' }],
  // The seed gives no categories; these follow its departments (客服部、秩维部、工程部).
  taxonomy: [
    {
      id: 'service-not-delivered',
      name: 'Promised or contracted service not delivered or clearly faulty',
      nameZh: '公司承诺或合同规定提供的服务没有实施或实施效果有明显差错',
    },
    { id: 'customer-service', name: 'Customer service', nameZh: '客服' },
    { id: 'order-and-security', name: 'Order and security', nameZh: '秩序维护' },
    { id: 'engineering', name: 'Facilities and equipment', nameZh: '工程(设备设施)' },
    { id: 'other', name: 'Other', nameZh: '其他' },
  ],
  validity: { ruleId: 'R-Q-1', criteria: VALID_COMPLAINT_CRITERIA, invalidReasons: INVALID_REASONS },
  // S2 3 defines 重大投诉; 5.2.3 mentions 重要投诉 without defining it, so it is set by a person only.
  severity: {
    ruleId: 'R-EM-1',
    defaultLevel: 'general',
    levels: [
      { id: 'general', name: 'General', nameZh: '一般投诉', rank: 1 },
      { id: 'important', name: 'Important', nameZh: '重要投诉', rank: 2 },
      { id: 'major', name: 'Major', nameZh: '重大投诉', rank: 3 },
    ],
    rules: [
      {
        ruleId: 'R-EM-1/injury-or-loss',
        level: 'major',
        label: 'Serious financial loss or personal injury caused by us',
        labelZh: '由于公司责任给住户造成重大经济损失或人身伤害',
        when: { kind: 'flag', flag: 'safety' },
      },
      {
        ruleId: 'R-EM-1/unresolved-1-month',
        level: 'major',
        label: 'Valid complaint not resolved within a month',
        labelZh: '有效投诉在一个月内得不到合理解决',
        when: { kind: 'unresolved_for', amount: 1, unit: 'months' },
      },
      // "经住户多次提出而得不到解决": raised three times (two repeats) without resolution.
      {
        ruleId: 'R-EM-1/raised-repeatedly',
        level: 'major',
        label: 'Raised repeatedly without resolution',
        labelZh: '经住户多次提出而得不到解决',
        when: { kind: 'repeat_count_at_least', n: 2 },
      },
    ],
  },
  clocks: [
    // R-TL-6, S2 5.2.2: handling form to the department within 10 minutes.
    {
      name: 'dispatch',
      ruleId: 'R-TL-6',
      label: 'Handling form sent to the department',
      labelZh: '10分钟内将《投诉处理表》发送到被投诉部门',
      startOn: ['received'],
      stopOn: ['dispatched'],
      due: { kind: 'calendar_minutes', minutes: 10 },
    },
    // R-TL-6, S2 5.2.3: the result is passed to the resident the same day it comes back.
    {
      name: 'reply',
      ruleId: 'R-TL-6',
      label: 'Result passed to the resident the same day',
      labelZh: '当天将处理结果通报给投诉住户',
      startOn: ['reported'],
      stopOn: ['replied'],
      due: { kind: 'end_of_day' },
    },
    // R-TL-6, S2 5.2.3: a major complaint is answered within 24 h and concluded within 3 days, both
    // counted from when the resident reported it (#15 item 6), however late it was found major.
    {
      name: 'first_answer',
      ruleId: 'R-TL-6',
      label: 'Major complaint answered',
      labelZh: '重大投诉应当在24小时内给投诉的住户明确答复',
      startOn: ['received', 'qualified', 'level_changed'],
      countFrom: 'receipt',
      stopOn: ['interim_replied', 'replied'],
      due: { kind: 'calendar_hours', hours: 24 },
      levels: ['major'],
    },
    {
      name: 'resolve',
      ruleId: 'R-TL-6',
      label: 'Major complaint concluded',
      labelZh: '重大投诉处理时间不宜超过3日',
      startOn: ['received', 'qualified', 'level_changed'],
      countFrom: 'receipt',
      stopOn: ['closed'],
      due: { kind: 'calendar_days', days: 3 },
      levels: ['major'],
    },
    ...regulatorClocks(),
  ],
  /** The positions its rules address (issue #14): users hold them at organisation nodes. */
  positions: [
    { id: 'operations_management_dept', name: 'Operations management department', nameZh: '公司运营管理部' },
    { id: 'general_manager', name: 'General manager', nameZh: '公司总经理' },
    // S2 4.1: the emergency team (应急小组).
    { id: 'project_manager', name: 'Project manager (team leader)', nameZh: '项目经理(应急小组组长)' },
    { id: 'security_shift_lead', name: 'On-duty order maintenance shift lead', nameZh: '当值秩序维护领班' },
    { id: 'customer_service_supervisor', name: 'Customer service supervisor', nameZh: '客服部主管' },
    { id: 'order_maintenance_supervisor', name: 'Order maintenance supervisor', nameZh: '秩维部主管' },
    { id: 'engineering_supervisor', name: 'Engineering supervisor', nameZh: '工程部主管' },
  ],
  notifications: [
    // S2 5.2.2: a major complaint goes to operations management the same day and enters the procedure.
    {
      ruleId: 'R-EM-1/operations',
      levels: ['major'],
      recipientRoles: ['operations_management_dept', 'general_manager'],
      kind: 'escalation',
      when: { kind: 'immediately' },
      subject: 'Major complaint: emergency procedure opened',
      subjectZh: '重大投诉应当天呈送公司运营管理部进入处置程序',
    },
  ],
  reports: [],
  guides: [
    {
      id: 'complaint-reception',
      title: 'Receiving a resident’s complaint',
      titleZh: '投诉接待',
      source: 'S2 5.2.1',
      stepsZh: [
        '运营管理部客服员首先代表被投诉部门向客户表示歉意,并立即在《客户投诉记录表》及《投诉处理表》中作好详细记录:投诉事件的发生时间、地点;被投诉人或被投诉部门;投诉事件的发生经过;客户的要求;客户的联系方式、方法。',
        '请客户到接待室入座,耐心倾听客户投诉,并如实记录;',
        '通知客户关系主管或物业部主管出面解释;',
        '注意力要集中,适时地与客户进行交流。',
      ],
    },
  ],
  replyApproval: {
    ruleId: 'R-LC-5',
    requiredByDefault: false,
    note: 'The customer service clerk passes the result to the resident after the department reports back.',
    noteZh: '客户服务员收到被投诉部门反馈后上报客服部主管,并在当天将处理结果通报给投诉住户',
  },
  // R-LC-2, S2 5.2.3: 客服部主管在投诉处理完毕后安排回访.
  returnVisit: { ruleId: 'R-LC-2', required: true },
  // R-EM-1, S2 4.1, 5.2.3 (the 5.2.4 review is a step of every plan, POST …/emergency/review): opened by itself when a complaint becomes major (#15 item 6).
  emergency: {
    ruleId: 'R-EM-1',
    label: 'Major complaint: the emergency team is called',
    labelZh: '发生客户重大投诉事件，应急小组启动',
    levels: ['major'],
    commanderRole: 'project_manager',
    offHoursCommanderRole: 'security_shift_lead',
    teamRoles: ['customer_service_supervisor', 'order_maintenance_supervisor', 'engineering_supervisor'],
    // S2 5.2.3: 重大投诉应当在24小时内给投诉的住户明确答复,投诉时间不宜超过3日 — from the report (#15 item 6).
    answerWithinHours: 24,
    concludeWithinDays: 3,
    countFrom: 'receipt',
  },
};
