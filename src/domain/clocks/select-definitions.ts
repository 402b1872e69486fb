import type { BusinessCalendar, ClockDefinition, ComplaintFacts, DueRule } from '../contracts.ts';
import { localDateOf } from '../calendar/index.ts';

/**
 * The definitions that apply to a complaint now: level and channel filters, and the effective range
 * [from, to) tested on the receipt's LOCAL date, so a complaint received at 00:30 Beijing time on the
 * day new regulator rules take effect falls under the new rules (R-TL-7). When several versions of a
 * clock would apply (overlapping ranges in a pack), the first listed wins so a complaint never runs
 * two clocks of one name.
 */
export function selectDefinitions(defs: ClockDefinition[], facts: ComplaintFacts, cal: BusinessCalendar): ClockDefinition[] {
  const receiptDate = localDateOf(cal, facts.receivedAt);
  const seen = new Set<string>();
  return defs.filter((def) => {
    if (def.levels && (facts.level === null || !def.levels.includes(facts.level))) return false;
    if (def.channels && !def.channels.includes(facts.channel)) return false;
    if (def.effective?.from && receiptDate < def.effective.from) return false;
    if (def.effective?.to && receiptDate >= def.effective.to) return false;
    if (seen.has(def.name)) return false;
    seen.add(def.name);
    return true;
  });
}

/** The due rule of a definition for a channel: `byChannel` overrides `due`. */
export function ruleFor(def: ClockDefinition, facts: Pick<ComplaintFacts, 'channel'>): DueRule {
  return def.byChannel?.[facts.channel] ?? def.due;
}
