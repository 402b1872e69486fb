/** The actions a person (or the portal) can take on a complaint, and the payload each carries. */
import type { Qualification } from '../contracts.ts';

export interface InvestigationReport {
  cause: string;
  sequence: string;
  responsible: string;
  conclusion: string;
  countermeasures: string;
  prevention: string;
}

export type Action =
  | { type: 'qualify'; result: Qualification; categoryId?: string; level?: string; reason?: string }
  | { type: 'dispatch'; leadDepartmentId: string; coDepartmentIds?: string[]; note?: string }
  | { type: 'return'; reason: string }
  | { type: 'urge'; note?: string }
  | { type: 'acknowledge'; note?: string }
  | ({ type: 'report' } & InvestigationReport)
  | { type: 'interim_reply'; message: string }
  | { type: 'submit_improvement'; plan: string }
  | { type: 'reply'; message: string }
  | { type: 'approve_reply' }
  | { type: 'reject_reply'; reason: string }
  | { type: 'confirm'; note?: string }
  | { type: 'dispute'; reason: string }
  | { type: 'visit'; score: number; comment?: string }
  | { type: 'close'; note?: string }
  | { type: 'reopen'; reason: string }
  | { type: 'contest'; reason: string }
  | { type: 'set_level'; level: string; reason: string }
  | { type: 'pause_clock'; clock: string; reason: string }
  | { type: 'resume_clock'; clock: string }
  | { type: 'request_extension'; clock: string; minutes: number; reason: string }
  | { type: 'approve_extension'; requestId: string }
  | { type: 'recompute_clocks'; reason: string }
  | { type: 'note'; text: string; internal?: boolean };

export type ActionType = Action['type'];

export const ACTION_TYPES: readonly ActionType[] = [
  'qualify', 'dispatch', 'return', 'urge', 'acknowledge', 'report', 'interim_reply', 'submit_improvement', 'reply', 'approve_reply', 'reject_reply',
  'confirm', 'dispute', 'visit', 'close', 'reopen', 'contest', 'set_level', 'pause_clock', 'resume_clock',
  'request_extension', 'approve_extension', 'recompute_clocks', 'note',
];
