/**
 * What a pack asks the console to collect beyond the common fields (S0 第五篇 fuel retail): the delivery a
 * complaint names, when a severity rule counts complaints about one delivery together (§5), and the directly
 * responsible person an investigation names, when the penalty table counts that person's complaints (§14.5).
 */
import type { Pack } from '../../api/types.ts';

export function countsDeliveries(pack: Pack | undefined): boolean {
  return (pack?.severity.rules ?? []).some((r) => r.when.kind === 'similar_count_at_least' && r.when.sameDelivery === true);
}

export function namesDirectPerson(pack: Pack | undefined): boolean {
  return (pack?.penalties?.sanctions ?? []).some((s) => s.byPerson !== undefined);
}
