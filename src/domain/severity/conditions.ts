/**
 * Whether one severity condition of a pack holds for a complaint at `now`. Pure: no clock is read.
 */
import type { ComplaintFacts } from '../contracts.ts';
import type { Category, Pack, SeverityCondition } from '../../policies/pack-schema.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const parentMaps = new WeakMap<Pack, Map<string, string | null>>();

function parentsOf(pack: Pack): Map<string, string | null> {
  let parents = parentMaps.get(pack);
  if (!parents) {
    parents = new Map();
    const walk = (categories: Category[], parent: string | null) => {
      for (const category of categories) {
        parents!.set(category.id, parent);
        walk(category.children ?? [], category.id);
      }
    };
    walk(pack.taxonomy, null);
    parentMaps.set(pack, parents);
  }
  return parents;
}

/** A category matches a listed id if it is that category or lies beneath it in the taxonomy. */
export function categoryWithin(pack: Pack, categoryId: string | null, listed: readonly string[]): boolean {
  const parents = parentsOf(pack);
  for (let id: string | null | undefined = categoryId; id != null; id = parents.get(id)) {
    if (listed.includes(id)) return true;
  }
  return false;
}

/**
 * Calendar months in UTC, the day clamped to the target month's last day (31 Jan + 1 month = 28/29 Feb).
 * UTC rather than the unit's zone: the two differ by at most the zone offset at a month's end,
 * which is well inside the daily cadence at which severity is re-evaluated.
 */
export function addMonths(start: Date, months: number): Date {
  const target = new Date(start.getTime());
  const day = start.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/**
 * R-SV-1 "由于我方原因仍未解决": time the clock was paused (waiting for the customer, R-TL-8) is not
 * delay on our side, so it is taken off the elapsed time.
 */
function unresolvedLongEnough(facts: ComplaintFacts, now: Date, amount: number, unit: 'hours' | 'days' | 'months'): boolean {
  if (facts.resolved) return false;
  const ourTime = now.getTime() - (facts.pausedMs ?? 0);
  const threshold =
    unit === 'months'
      ? addMonths(facts.receivedAt, amount).getTime()
      : facts.receivedAt.getTime() + amount * (unit === 'days' ? DAY_MS : HOUR_MS);
  return ourTime >= threshold;
}

export function conditionHolds(pack: Pack, condition: SeverityCondition, facts: ComplaintFacts, now: Date): boolean {
  switch (condition.kind) {
    case 'complainant_count_at_least':
      return facts.complainantCount >= condition.n;
    case 'flag':
      return facts.flags[condition.flag] === true;
    case 'repeat_count_at_least':
      return facts.repeatCount >= condition.n;
    case 'similar_count_at_least':
      // Counted by category when the rule names categories (category-count.ts), by text similarity otherwise.
      return condition.categoryIds === undefined
        ? facts.similarCount >= condition.n
        : (facts.categoryCount ?? 1) >= condition.n && categoryWithin(pack, facts.categoryId, condition.categoryIds);
    case 'unresolved_for':
      return unresolvedLongEnough(facts, now, condition.amount, condition.unit);
    case 'category_in':
      return categoryWithin(pack, facts.categoryId, condition.categoryIds);
  }
}
