/**
 * Automatic severity (R-SV-1..4): the pack's ordered rules are evaluated against the facts at `now`,
 * and a decision is returned only when it raises the complaint's level. Automatic evaluation never
 * lowers a level (R-SV-4, S0 Vanke 5.5.2.5); lowering is a person's decision with a reason.
 */
import type { ComplaintFacts, SeverityDecision } from '../contracts.ts';
import type { Pack, SeverityRule } from '../../policies/pack-schema.ts';
import { conditionHolds } from './conditions.ts';
import { levelRank } from './levels.ts';

/** Rules whose condition holds, in pack order. */
export function matchingRules(pack: Pack, facts: ComplaintFacts, now: Date): SeverityRule[] {
  return pack.severity.rules.filter((rule) => conditionHolds(pack, rule.when, facts, now));
}

/** The highest level the rules reach; among rules reaching it, the first listed gives the reason. */
export function reachedLevel(pack: Pack, facts: ComplaintFacts, now: Date): SeverityDecision {
  let best: SeverityRule | null = null;
  for (const rule of matchingRules(pack, facts, now)) {
    if (best === null || levelRank(pack, rule.level) > levelRank(pack, best.level)) best = rule;
  }
  if (best === null) {
    return {
      level: pack.severity.defaultLevel,
      ruleId: `${pack.severity.ruleId}/default`,
      reason: 'No escalation rule applies',
      reasonZh: '不符合任何升级条件',
    };
  }
  return { level: best.level, ruleId: best.ruleId, reason: best.label, reasonZh: best.labelZh };
}

/**
 * The new level if the rules raise the complaint above `current.level`, otherwise null. A complaint
 * with no level yet gets the level the rules reach (the default level when none applies). Invalid
 * complaints and suggestions are not graded: severity is part of qualifying a complaint (R-LC-2).
 */
export function evaluateSeverity(pack: Pack, facts: ComplaintFacts, now: Date, current: { level: string | null }): SeverityDecision | null {
  if (facts.qualification === 'invalid' || facts.qualification === 'suggestion') return null;
  const reached = reachedLevel(pack, facts, now);
  if (current.level === null) return reached;
  return levelRank(pack, reached.level) > levelRank(pack, current.level) ? reached : null;
}

/** Whether the facts call for the pack's crisis procedure (food: special complaints, S0 food 11). */
export function isCrisis(pack: Pack, facts: ComplaintFacts): boolean {
  const crisis = pack.crisis;
  if (!crisis) return false;
  return crisis.flags.some((flag) => facts.flags[flag] === true) || (crisis.channels ?? []).includes(facts.channel);
}
