/**
 * Validity criteria and invalid reasons the seeds state once and several packs share.
 * R-Q-1 quotes the food procedure's definition of a valid complaint (S0 第四篇 4.1.1);
 * R-Q-2 the fuel procedure's invalid reasons (S0 第五篇 第三条, 第四条).
 */
import type { Term } from '../pack-schema.ts';

export const VALID_COMPLAINT_CRITERIA: Term[] = [
  { id: 'named-unit', name: 'A concrete department or unit is complained about', nameZh: '有明确的投诉部门' },
  { id: 'concrete-facts', name: 'Concrete facts and reasons', nameZh: '有具体事实和理由' },
  { id: 'verified', name: 'Verified as true', nameZh: '查证属实' },
  { id: 'contact', name: 'The customer can be contacted', nameZh: '有顾客联系方式' },
];

export const INVALID_REASONS: Term[] = [
  { id: 'unrelated', name: 'Unrelated to the company', nameZh: '经调查客户投诉内容与本公司无关' },
  { id: 'competitor', name: "Competitor's complaint", nameZh: '竞争对手投诉' },
  { id: 'malicious', name: 'Malicious complaint (e.g. after drinking)', nameZh: '恶意投诉(酒后)' },
];
