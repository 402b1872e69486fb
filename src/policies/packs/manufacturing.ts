/**
 * Manufacturer's QA pack: S3 (客户投诉处理程序 / 客户投诉与退货处理程序, NCR, CAR, 8D, RMA) with the
 * general claim categories and statistics deadline of S1 (客户投诉案件处理办法).
 */
import type { Pack } from '../pack-schema.ts';
import { regulatorClocks } from '../shared/regulator.ts';
import { INVALID_REASONS, VALID_COMPLAINT_CRITERIA } from '../shared/validity.ts';

// S3 6.2: Major / Minor examples. S1 第三条 ①–⑤ are the same defects seen from the contract (spec or
// quantity mismatch, quality defect, transport or packaging damage, out of tolerance), so they rank Major.
const MAJOR = [
  'operation-inconvenient',
  'spec-mismatch',
  'unfit-for-use',
  'packaging-damaged',
  'quantity-wrong',
  'function',
  'quality-major-other',
  'contract-mismatch',
  'quality-defect',
  'transport-damage',
  'out-of-tolerance',
  'packaging-damage',
];

export const manufacturingPack: Pack = {
  id: 'manufacturing',
  version: 1,
  name: 'Manufacturer quality assurance',
  nameZh: '客户投诉与退货处理程序',
  sources: [
    { seed: 'S3', section: '客户投诉处理程序 5.0–6.6;客户投诉与退货处理程序 5.1–5.5' },
    { seed: 'S1', section: '客户投诉案件处理办法 第三条、第十九条' },
  ],
  // R-Q-3: S3 5.2.1 quality / non-quality; S1 第三条 general claim types.
  taxonomy: [
    {
      id: 'quality',
      name: 'Product quality',
      nameZh: '与产品质量有关',
      children: [
        { id: 'operation-inconvenient', name: 'Inconvenient to operate', nameZh: '操作方面不方便' },
        { id: 'spec-mismatch', name: 'Specification mismatch', nameZh: '产品规格不符' },
        { id: 'unfit-for-use', name: 'Unfit for use', nameZh: '不合用' },
        { id: 'packaging-damaged', name: 'Packaging damaged', nameZh: '包装破损' },
        { id: 'quantity-wrong', name: 'Wrong quantity', nameZh: '产品数量错误' },
        { id: 'function', name: 'Product function', nameZh: '产品功能' },
        { id: 'quality-major-other', name: 'Other major defect', nameZh: '其他(Major)' },
        { id: 'slight-appearance', name: 'Slight appearance defect', nameZh: '产品轻微外观不良' },
        { id: 'slight-box-damage', name: 'Slight damage to the box', nameZh: '包装盒轻微破损' },
        { id: 'quality-minor-other', name: 'Other minor defect', nameZh: '其他(Minor)' },
      ],
    },
    {
      id: 'non-quality',
      name: 'Not about product quality',
      nameZh: '与产品质量问题无关',
      children: [
        { id: 'delivery', name: 'Delivery date', nameZh: '产品交期' },
        { id: 'service-attitude', name: 'Service attitude', nameZh: '服务态度' },
        { id: 'non-quality-other', name: 'Other', nameZh: '其它问题' },
      ],
    },
    {
      id: 'contract-claims',
      name: 'Claims under the contract (S1)',
      nameZh: '客户的正当投诉范围',
      children: [
        {
          id: 'contract-mismatch',
          name: 'Spec, grade or quantity differs from contract or packing list',
          nameZh: '产品规格、等级、数量等与合同规定或与货物清单不符',
        },
        { id: 'quality-defect', name: 'Quality defect', nameZh: '产品在质量上有缺陷' },
        { id: 'transport-damage', name: 'Damaged in transport', nameZh: '产品在运输途中受到损害' },
        { id: 'out-of-tolerance', name: 'Outside permitted tolerance', nameZh: '产品技术规格超过允许误差范围' },
        { id: 'packaging-damage', name: 'Damage from poor packaging', nameZh: '因包装不良造成损坏' },
        { id: 'other-breach', name: 'Other quality problem or breach of contract', nameZh: '存在其他质量问题或违反合同问题' },
      ],
    },
  ],
  validity: { ruleId: 'R-Q-1', criteria: VALID_COMPLAINT_CRITERIA, invalidReasons: INVALID_REASONS },
  severity: {
    ruleId: 'R-Q-3',
    defaultLevel: 'minor',
    levels: [
      { id: 'minor', name: 'Minor', nameZh: 'Minor(轻微)', rank: 1 },
      { id: 'major', name: 'Major', nameZh: 'Major(重大)', rank: 2 },
    ],
    rules: [
      {
        ruleId: 'R-Q-3/major-categories',
        level: 'major',
        label: 'Major defect category',
        labelZh: 'Major:如操作方面不方便、产品规格不符、不合用、包装破损、产品数量错误、产品功能',
        when: { kind: 'category_in', categoryIds: MAJOR },
      },
    ],
  },
  clocks: [
    // R-TL-5, S3 5.1.2 item 02: confirmed within 24 h of receipt with an interim containment answer.
    {
      name: 'first_answer',
      ruleId: 'R-TL-5',
      label: 'Confirmed, with an interim containment answer',
      labelZh: '收到投诉后24小时得到确认并向客户回应临时性应急对策',
      startOn: ['received'],
      stopOn: ['interim_replied', 'replied'],
      due: { kind: 'calendar_hours', hours: 24 },
    },
    ...regulatorClocks(),
  ],
  /** The positions its rules address (issue #14): users hold them at organisation nodes. */
  positions: [
    { id: 'quality_manager', name: 'Quality manager', nameZh: '品质经理' },
    { id: 'quality_director', name: 'Systems and quality director', nameZh: '体系及品质总监' },
    { id: 'quality_management_dept', name: 'Quality management department', nameZh: '品质管理部' },
  ],
  notifications: [
    // S3 5.1.2 item 01: submitted at once, whatever else is going on.
    {
      ruleId: 'R-TL-5/submit-quality-manager',
      levels: ['minor', 'major'],
      recipientRoles: ['quality_manager'],
      kind: 'escalation',
      when: { kind: 'immediately' },
      subject: 'Customer complaint received',
      subjectZh: '收到客户投诉,不管有任何重要的事情,都应即时提交品质经理',
    },
    // S3 4.0: the quality director handles major complaints and reports to the group board.
    {
      ruleId: 'R-TL-5/major-director',
      levels: ['major'],
      recipientRoles: ['quality_director'],
      kind: 'escalation',
      when: { kind: 'immediately' },
      subject: 'Major customer complaint',
      subjectZh: '体系及品质总监负责处理重大的客户投诉,并直接向集团董事局汇报',
    },
  ],
  // R-RP-1, S1 第十九条: 每月五日内填报投诉统计表.
  reports: [
    {
      id: 'statistics',
      ruleId: 'R-RP-1',
      name: 'Complaint statistics',
      nameZh: '投诉统计表',
      due: { kind: 'monthly', day: 5, period: 'previous_month' },
      recipientRole: 'quality_management_dept',
    },
  ],
  guides: [
    {
      id: 'investigation',
      title: 'Investigating a claim',
      titleZh: '投诉调查内容',
      source: 'S1 第十条、第十七条',
      stepsZh: [
        '投诉内容(数量、金额等)是否属实;',
        '投诉目的;',
        '投诉理由是否合理;',
        '投诉调查分析;',
        '客户要求是否正当;',
        '调查报告应包括发生原因、具体经过、具体责任者、结论、对策和防范措施等内容。',
      ],
    },
    {
      id: 'return-inspection',
      title: 'Inspecting a returned product',
      titleZh: '退货检验',
      source: 'S3 5.5.5',
      stepsZh: [
        '对于拉回的退货,由QA依相关产品检验标准进行确认。',
        'QA检验客户退货后,将检验出的问题样板连同相关记录送品保主管审核。',
        '品质主管对QA的退货检验报告和退货不良样板进行审核,对客户退回厂的产品认为有问题的(如客户要求过严,与其标准不符),须及时联系业务部与客户沟通,协商解决。',
      ],
    },
  ],
  // R-LC-5, S1 第十三–十四条: the handling opinion is reviewed by the superior before the written answer.
  replyApproval: {
    ruleId: 'R-LC-5',
    requiredByDefault: true,
    // S1 §13 报请上级主管审核; S3 5.1.2 品质部主管审核: the quality manager or the complaint manager approves (R-LC-5).
    approverRoles: ['qa', 'manager', 'admin'],
    note: 'The written answer follows the superior’s review of the handling opinion.',
    noteZh: '受理部门形成具体处理意见,报请上级主管审核,根据上级意见以书面形式答复客户',
  },
  // R-RS-4, S3 5.1: 客户满意度调查.
  returnVisit: { ruleId: 'R-RS-4', required: true },
};
