/**
 * Real-estate developer pack: 万科投诉处理办法 (S0 第一篇). Section numbers below are the seed's.
 */
import type { Pack } from '../pack-schema.ts';
import { NON_REGULATOR_CHANNELS, regulatorClocks } from '../shared/regulator.ts';
import { INVALID_REASONS, VALID_COMPLAINT_CRITERIA } from '../shared/validity.ts';

const BULLETIN_ROLES = ['company', 'group_coordination_centre'];

export const realEstatePack: Pack = {
  id: 'real-estate',
  version: 1,
  name: 'Real-estate developer (Vanke procedure)',
  nameZh: '万科投诉处理办法',
  sources: [{ seed: 'S0', section: '第一篇 万科投诉处理办法' }],
  // R-Q-3, S0 Vanke 3.3
  taxonomy: [
    { id: 'engineering-quality', name: 'Engineering quality', nameZh: '工程质量类投诉' },
    { id: 'planning-design', name: 'Planning and design', nameZh: '规划设计类投诉' },
    { id: 'sales-management', name: 'Sales management', nameZh: '销售管理类投诉' },
    { id: 'property-management', name: 'Property management', nameZh: '物业管理类投诉' },
    { id: 'customer-service', name: 'Customer service', nameZh: '客户服务类投诉' },
    { id: 'other', name: 'Other (partners, social environment)', nameZh: '其他类投诉' },
  ],
  validity: { ruleId: 'R-Q-1', criteria: VALID_COMPLAINT_CRITERIA, invalidReasons: INVALID_REASONS },
  // R-SV-1, S0 Vanke 5.5.1. "以上" in the seed includes the number itself: 10 people, 3 people, 3 times.
  severity: {
    ruleId: 'R-SV-1',
    defaultLevel: 'general',
    similarWindowDays: 30,
    levels: [
      { id: 'general', name: 'General', nameZh: '一般投诉', rank: 1, descriptionZh: '其他所有情况' },
      {
        id: 'important',
        name: 'Important',
        nameZh: '重要投诉',
        rank: 2,
        descriptionZh: '处理完毕后发生二次投诉的以及需要顾问支持和其他公司提供协助的投诉',
      },
      {
        id: 'hot',
        name: 'Hot',
        nameZh: '热点投诉',
        rank: 3,
        descriptionZh:
          '可能引发法律诉讼或被媒体曝光、一个月内累计三次以上不同投诉人的相同投诉或3人以上的集体投诉、投诉一周以后由于我方原因仍未解决',
      },
      {
        id: 'major',
        name: 'Major',
        nameZh: '重大投诉',
        rank: 4,
        descriptionZh: '已经引发法律诉讼、已经被媒体曝光、10人以上的集体投诉、投诉发生一个月后由于我方原因仍未能得到有效解决',
      },
    ],
    rules: [
      {
        ruleId: 'R-SV-1/lawsuit',
        level: 'major',
        label: 'Lawsuit filed',
        labelZh: '已经引发法律诉讼',
        when: { kind: 'flag', flag: 'lawsuit' },
      },
      {
        ruleId: 'R-SV-1/media',
        level: 'major',
        label: 'Exposed by the media',
        labelZh: '已经被媒体曝光',
        when: { kind: 'flag', flag: 'media' },
      },
      {
        ruleId: 'R-SV-1/collective-10',
        level: 'major',
        label: '10 or more complainants together',
        labelZh: '10人以上的集体投诉',
        when: { kind: 'complainant_count_at_least', n: 10 },
      },
      {
        ruleId: 'R-SV-1/unresolved-1-month',
        level: 'major',
        label: 'Unresolved one month after receipt',
        labelZh: '投诉发生一个月后由于我方原因仍未能得到有效解决',
        when: { kind: 'unresolved_for', amount: 1, unit: 'months' },
      },
      {
        ruleId: 'R-SV-1/lawsuit-threat',
        level: 'hot',
        label: 'Lawsuit possible',
        labelZh: '可能引发法律诉讼',
        when: { kind: 'flag', flag: 'lawsuitThreat' },
      },
      {
        ruleId: 'R-SV-1/media-threat',
        level: 'hot',
        label: 'Media exposure possible',
        labelZh: '可能被媒体曝光',
        when: { kind: 'flag', flag: 'mediaThreat' },
      },
      {
        ruleId: 'R-SV-1/similar-3',
        level: 'hot',
        label: '3 or more complaints about the same matter from different complainants within a month',
        labelZh: '一个月内累计三次以上不同投诉人的相同投诉',
        when: { kind: 'similar_count_at_least', n: 3 },
      },
      {
        ruleId: 'R-SV-1/collective-3',
        level: 'hot',
        label: '3 or more complainants together',
        labelZh: '3人以上的集体投诉',
        when: { kind: 'complainant_count_at_least', n: 3 },
      },
      {
        ruleId: 'R-SV-1/unresolved-1-week',
        level: 'hot',
        label: 'Unresolved one week after receipt',
        labelZh: '投诉一周以后由于我方原因仍未解决',
        when: { kind: 'unresolved_for', amount: 7, unit: 'days' },
      },
      {
        ruleId: 'R-SV-1/repeat',
        level: 'important',
        label: 'Repeat complaint after handling',
        labelZh: '处理完毕后发生二次投诉',
        when: { kind: 'repeat_count_at_least', n: 1 },
      },
      {
        ruleId: 'R-SV-1/support-needed',
        level: 'important',
        label: 'Needs consultant or other-company support',
        labelZh: '需要顾问支持和其他公司提供协助',
        when: { kind: 'flag', flag: 'supportNeeded' },
      },
    ],
  },
  clocks: [
    // R-Q-1, S0 Vanke 4.1.1.1–4.1.1.2: validity settled within 4 h (specialist, then service centre).
    // Named 'accept' because the contract has no qualification clock; regulator complaints use R-TL-7 instead.
    {
      name: 'accept',
      ruleId: 'R-Q-1',
      label: 'Validity decided',
      labelZh: '投诉定性(有效/无效)',
      startOn: ['received'],
      stopOn: ['qualified'],
      due: { kind: 'business_hours', hours: 4 },
      channels: NON_REGULATOR_CHANNELS,
    },
    // R-TL-2, S0 Vanke 5.2.2 A–E: phone/e-mail in hours 30 min; forum 1 h; working day off hours →
    // 1 h after work starts; rest day or holiday → the same day.
    {
      name: 'dispatch',
      ruleId: 'R-TL-2',
      label: 'Forwarded to the responsible specialist',
      labelZh: '转达至客服专员或投诉处理负责人',
      startOn: ['received'],
      stopOn: ['dispatched'],
      due: {
        kind: 'by_receipt_class',
        inHours: { kind: 'business_minutes', minutes: 30 },
        outsideHoursWorkday: { kind: 'business_minutes', minutes: 60 },
        restDay: { kind: 'end_of_day' },
      },
      byChannel: {
        forum: {
          kind: 'by_receipt_class',
          inHours: { kind: 'business_minutes', minutes: 60 },
          outsideHoursWorkday: { kind: 'business_minutes', minutes: 60 },
          restDay: { kind: 'end_of_day' },
        },
        web: {
          kind: 'by_receipt_class',
          inHours: { kind: 'business_minutes', minutes: 60 },
          outsideHoursWorkday: { kind: 'business_minutes', minutes: 60 },
          restDay: { kind: 'end_of_day' },
        },
      },
    },
    // R-TL-3, S0 Vanke 5.2.5: written confirmation to the service centre within 4 h of receiving it.
    {
      name: 'acknowledge',
      ruleId: 'R-TL-3',
      label: 'Written confirmation to the service centre',
      labelZh: '4小时内以书面形式传送到客户服务中心',
      startOn: ['dispatched'],
      stopOn: ['acknowledged'],
      due: { kind: 'business_hours', hours: 4 },
    },
    // R-TL-3, S0 Vanke 5.3.1: online complaints answered (a courtesy reply suffices) within 4 h of forwarding.
    {
      name: 'courtesy',
      ruleId: 'R-TL-3',
      label: 'Courtesy reply online',
      labelZh: '网上投诉4小时内须有回复(可以是礼节性的)',
      startOn: ['dispatched'],
      stopOn: ['interim_replied', 'replied'],
      due: { kind: 'business_hours', hours: 4 },
      channels: ['forum', 'web'],
    },
    // R-TL-3, S0 Vanke 4.1.2: the service centre answers a major complaint within 24 h.
    {
      name: 'first_answer',
      ruleId: 'R-TL-3',
      label: 'First answer on a major complaint',
      labelZh: '重大投诉24小时内将初步处理情况回复客户',
      startOn: ['qualified', 'level_changed'],
      stopOn: ['interim_replied', 'replied'],
      due: { kind: 'calendar_hours', hours: 24 },
      levels: ['major'],
    },
    ...regulatorClocks(),
  ],
  // R-NT-1, S0 Vanke 5.5.2.1–5.5.2.4, sent by the service centre (5.5.2.6).
  /** The positions its rules address (issue #14): users hold them at organisation nodes. */
  positions: [
    { id: 'group_coordination_centre', name: 'Group customer coordination centre', nameZh: '集团客户协调中心' },
    { id: 'company', name: 'Company head', nameZh: '公司负责人' },
    {
      id: 'company_management',
      name: 'Company general managers, directors and first heads of departments',
      nameZh: '公司总经理层、总监层及部门第一负责人',
    },
    { id: 'service_centre', name: 'Customer service centre', nameZh: '客户服务中心' },
    { id: 'cs_specialist', name: 'Project customer-service specialist', nameZh: '客服专员' },
  ],
  notifications: [
    {
      ruleId: 'R-NT-1/general-monthly',
      levels: ['general'],
      recipientRoles: ['group_coordination_centre', 'company_management'],
      kind: 'report_item',
      when: { kind: 'in_report', reports: ['monthly'] },
      subject: 'Counted in the monthly report',
      subjectZh: '在月报中统一汇总通报',
    },
    {
      ruleId: 'R-NT-1/important-itemised',
      levels: ['important'],
      recipientRoles: ['group_coordination_centre'],
      kind: 'report_item',
      when: { kind: 'in_report', reports: ['half_monthly', 'monthly'] },
      subject: 'Itemised with a short account in the half-monthly or monthly report',
      subjectZh: '在半月报或月报中单独列项通报',
    },
    {
      ruleId: 'R-NT-1/hot-bulletin',
      levels: ['hot'],
      recipientRoles: BULLETIN_ROLES,
      kind: 'bulletin',
      when: { kind: 'within_working_days', days: 1 },
      subject: 'Hot complaint bulletin: current handling and help needed',
      subjectZh: '热点投诉通报:目前处理情况及需协助事项',
    },
    {
      ruleId: 'R-NT-1/hot-special-report',
      levels: ['hot'],
      recipientRoles: BULLETIN_ROLES,
      kind: 'special_report',
      when: { kind: 'at_closure' },
      subject: 'Short special report: course of the complaint',
      subjectZh: '简要的专题报告:投诉发生、处理的始末',
    },
    {
      ruleId: 'R-NT-1/major-bulletin',
      levels: ['major'],
      recipientRoles: BULLETIN_ROLES,
      kind: 'bulletin',
      when: { kind: 'immediately' },
      subject: 'Major complaint bulletin',
      subjectZh: '重大投诉即时通报',
    },
    {
      ruleId: 'R-NT-1/major-progress',
      levels: ['major'],
      recipientRoles: BULLETIN_ROLES,
      kind: 'progress',
      when: { kind: 'weekly' },
      subject: 'Major complaint progress (weekly and on every significant change)',
      subjectZh: '重大投诉快报(至少每周一次及情况出现重要转变时)',
    },
    {
      ruleId: 'R-NT-1/major-special-report',
      levels: ['major'],
      recipientRoles: BULLETIN_ROLES,
      kind: 'special_report',
      when: { kind: 'at_closure' },
      subject: 'Detailed special report: course, causes of escalation, preventive measures',
      subjectZh: '详细的专题报告:始末、发生恶化的原因、预防措施',
    },
  ],
  // R-RP-1, S0 Vanke 4.1.4, 5.6.1, 5.6.2, 6.
  reports: [
    {
      id: 'daily',
      ruleId: 'R-RP-1',
      name: 'Daily complaint report',
      nameZh: '投诉情况日报表',
      due: { kind: 'daily' },
      recipientRole: 'service_centre',
    },
    {
      id: 'half_monthly',
      ruleId: 'R-RP-1',
      name: 'Half-monthly report',
      nameZh: '客户投诉半月报',
      // 5.6.1.2 「每月的18日前提交投诉半月报」: the first half of the month, 1st–15th.
      due: { kind: 'monthly', day: 18, period: 'current_month', through: 15 },
      recipientRole: 'group_coordination_centre',
    },
    {
      id: 'monthly',
      ruleId: 'R-RP-1',
      name: 'Monthly report',
      nameZh: '客户投诉月报',
      // 5.6.1.2 「下月3日前提交投诉月报」.
      due: { kind: 'monthly', day: 3, period: 'previous_month' },
      recipientRole: 'group_coordination_centre',
    },
    {
      id: 'maintenance_record',
      ruleId: 'R-RP-1',
      name: 'Engineering quality maintenance record',
      nameZh: '工程质量保修记录表',
      // 5.6.1.1 「每月27日前同时上报工程质量保修记录表」: the month up to the 26th, from the 27th before.
      due: { kind: 'monthly', day: 27, period: 'current_month' },
      recipientRole: 'service_centre',
    },
    {
      id: 'quarterly',
      ruleId: 'R-RP-1',
      name: 'Quarterly analysis by category',
      nameZh: '季度投诉专题会议与分析',
      due: { kind: 'quarterly' },
      recipientRole: 'group_coordination_centre',
    },
    {
      id: 'special',
      ruleId: 'R-RP-1',
      name: 'Special report',
      nameZh: '专题报告',
      due: { kind: 'at_closure', levels: ['hot', 'major'] },
      recipientRole: 'group_coordination_centre',
    },
  ],
  guides: [
    {
      id: 'dispute-handling',
      title: 'Handling a dispute',
      titleZh: '纠纷处理要领',
      source: 'S0 第一篇 5.4',
      stepsZh: [
        '認真對待,不敷衍塞責:對具有群體投訴性質的,公司主要負責人應第一時間出面以示對當事人的尊重;迅速查明情況,高效率處理,屬于我們的責任,不能推卸,不屬于我們的責任應予明確解釋。',
        '堅持原則,不隨意讓步:以法律法規、合同、質量標準、國家規范為依據,明確事實,是處理好投訴的前提;涉及補償、賠償問題時要綜合衡量業主的利益,必要時引入第三方進行協調。',
        '態度鮮明,不含糊其辭:對我們不應當承擔責任的,應當明確告訴客戶,即使客戶不接受,甚至以曝光相要挾,都不能含糊其辭;對于不能即時答復的,我們的態度應該是在查清事實的基礎上,給客戶一個負責任的答復。',
        '統一指揮,不另出多門:在重大投訴事件發生之初就應建立清晰的指揮系統。',
      ],
    },
    {
      id: 'online-reply',
      title: 'Replying to an online complaint',
      titleZh: '网上投诉回复要求',
      source: 'S0 第一篇 5.3',
      stepsZh: [
        '及時性:客戶服務中心轉發信息後4小時內須有回復,回復可以是禮節性的,但應向投訴者表明其投訴已被受理。',
        '專業性:專業問題應獲得專業部門建議後回復,避免誤差;盡可能將投訴結果在網上相應投訴的地方予以回復公布。',
        '規范化:行文避免錯別字;對投訴應表示感謝;回復內容應涵蓋所有投訴問題;正式回復應統一使用“上海萬科客戶服務中心”名義。',
        '人性化:行文避免“八股”,可根據投訴的具體內容,在回復上更趨人性化。',
      ],
    },
  ],
  // R-LC-5, S0 Vanke 5.3.3: one official voice; the seed asks for expert input, not a sign-off.
  replyApproval: {
    ruleId: 'R-LC-5',
    requiredByDefault: false,
    note: 'Formal replies go out in the service centre’s name; professional questions need the specialist department’s advice first.',
    noteZh: '正式回复统一使用客户服务中心名义;专业问题应获得专业部门建议后回复',
  },
  // R-LC-2, S0 Vanke 5.1.2.2: 关注结果,跟踪回访.
  returnVisit: { ruleId: 'R-LC-2', required: true },
};
