import type { zhCNFacts } from './zh-CN-facts.ts';

/** English: qualification pick-lists, facts after intake, repeats (issue #15 items 1–3), spread into en-US.ts. */
export const enUSFacts: Record<keyof typeof zhCNFacts, string> = {
  'action.record_facts': 'Record new facts',
  'event.facts_recorded': 'New facts recorded',
  'field.criteria': 'Validity criteria met',
  'field.invalidReason': 'Invalid reason',
  'field.automatic': 'Automatic level',
  'field.via': 'Via',
  'field.repeatOf': 'Repeat of',
  'field.flagChanges': 'Changed facts',
  'qualify.criteriaHint': 'Tick the criteria met (a named department, concrete facts and reasons, verified, the customer can be contacted)',
  'qualify.levelHint': 'A level above the automatic one is taken; a lower one needs a reason',
  'level.viaQualify': 'chosen at qualification',
  'fact.lawsuit': 'Lawsuit filed',
  'fact.media': 'Exposed by the media',
  'fact.lawsuitThreat': 'Lawsuit possible',
  'fact.mediaThreat': 'Media exposure possible (media involved or threatened)',
  'fact.supportNeeded': 'Needs consultant or other-company support',
  'fact.safety': 'Safety incident',
  'fact.insistent': 'Customer very insistent / demands a short deadline',
  'fact.special': 'Special complaint (government, consumer association, extortion)',
};
