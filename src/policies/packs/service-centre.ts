/**
 * Generic service-centre pack: 服务中心投诉处理制度 (S4). The seed sets principles (准确记录, 保障隐私,
 * 认真对待, 透明公开) and steps, but no categories, levels or numeric time limits. Nothing is invented
 * beyond a minimal taxonomy and a 'major' level a person may set with a reason (R-SV-4); there are no
 * automatic rules, and the only clocks are the shared regulator ones.
 */
import type { Pack } from '../pack-schema.ts';
import { regulatorClocks } from '../shared/regulator.ts';
import { INVALID_REASONS, VALID_COMPLAINT_CRITERIA } from '../shared/validity.ts';

export const serviceCentrePack: Pack = {
  id: 'service-centre',
  version: 1,
  name: 'Service centre (generic)',
  nameZh: '服务中心投诉处理制度',
  sources: [{ seed: 'S4', section: '第2章 投诉处理流程' }],
  taxonomy: [
    { id: 'service-quality', name: 'Service quality', nameZh: '服务质量' },
    { id: 'service-attitude', name: 'Staff attitude', nameZh: '服务态度' },
    { id: 'timeliness', name: 'Not handled in time', nameZh: '处理不及时' },
    { id: 'privacy', name: 'Personal information', nameZh: '个人信息及隐私' },
    { id: 'other', name: 'Other', nameZh: '其他' },
  ],
  validity: { ruleId: 'R-Q-1', criteria: VALID_COMPLAINT_CRITERIA, invalidReasons: INVALID_REASONS },
  severity: {
    ruleId: 'R-SV-4',
    defaultLevel: 'general',
    levels: [
      { id: 'general', name: 'General', nameZh: '一般投诉', rank: 1 },
      { id: 'major', name: 'Major', nameZh: '重大投诉', rank: 2 },
    ],
    rules: [],
  },
  clocks: [...regulatorClocks()],
  /** The positions its rules address (issue #14): users hold them at organisation nodes. */
  positions: [{ id: 'service_centre_manager', name: 'Service centre management', nameZh: '服务中心管理人员' }],
  notifications: [],
  reports: [],
  guides: [
    {
      id: 'complaint-handling',
      title: 'Receiving and handling a complaint',
      titleZh: '投诉处理流程',
      source: 'S4 第2章',
      stepsZh: [
        '了解投诉的内容和情况,必要时询问顾客提供更多信息;',
        '确认顾客的信息,包括姓名、联系方式、投诉事项等;',
        '记录投诉时间和地点;',
        '确认问题:明确投诉事项,确认问题的性质和难度;掌握信息:了解相关情况和背景,掌握本次投诉的核心内容;分析原因:分析投诉发生的原因和根本问题;解决方案:给出可行的解决方案。',
        '当初步处理无法解决问题时进行投诉调查与分析:了解事实情况,深入分析问题;寻找问题的根源;统计数据,分析数据结果;制定对策,解决问题;给予反馈,及时解释情况。',
      ],
    },
  ],
  replyApproval: { ruleId: 'R-LC-5', requiredByDefault: false, note: 'The seed sets no approval step.', noteZh: '来源未规定审批环节' },
  // S4 ch.2: 受理 → 处理 → 反馈处理结果 → 记录和报告, no return visit: a confirmed result closes (issue #15 item 1).
  returnVisit: { ruleId: 'R-LC-2', required: false },
};
