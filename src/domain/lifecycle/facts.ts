/**
 * Facts that arise after intake (issue #15 item 2, R-SV-1, R-SV-2): a lawsuit is filed, the media expose
 * or threaten, outside support is needed, a safety incident comes to light, the customer insists, a
 * regulator or consumer body steps in. They are the flags a pack's severity and crisis rules test; the
 * channel-derived `regulator` flag is not recorded by hand. Pure.
 */
import type { FlagName } from '../../policies/pack-schema.ts';

export const RECORDABLE_FACTS = [
  'lawsuit',
  'media',
  'lawsuitThreat',
  'mediaThreat',
  'supportNeeded',
  'safety',
  'insistent',
  'special',
] as const satisfies readonly FlagName[];
export type RecordableFact = (typeof RECORDABLE_FACTS)[number];

export interface FactsNow {
  flags: Record<string, boolean>;
  complainantCount: number;
}

export interface FactChanges {
  /** Each flag whose value changes, with its value before and after. */
  flags: Partial<Record<RecordableFact, { from: boolean; to: boolean }>>;
  complainantCount: { from: number; to: number } | null;
}

/** What a record_facts request changes against the complaint's current facts; empty when nothing. */
export function factChanges(
  current: FactsNow,
  asked: { flags?: Partial<Record<RecordableFact, boolean>>; complainantCount?: number },
): FactChanges {
  const flags: FactChanges['flags'] = {};
  for (const name of RECORDABLE_FACTS) {
    const to = asked.flags?.[name];
    const from = current.flags[name] === true;
    if (to !== undefined && to !== from) flags[name] = { from, to };
  }
  const count = asked.complainantCount;
  const complainantCount = count !== undefined && count !== current.complainantCount ? { from: current.complainantCount, to: count } : null;
  return { flags, complainantCount };
}

export function isEmptyChange(c: FactChanges): boolean {
  return Object.keys(c.flags).length === 0 && c.complainantCount === null;
}

/** The flags as stored after the change (unchanged flags, including `regulator`, kept). */
export function flagsAfter(current: Record<string, boolean>, c: FactChanges): Record<string, boolean> {
  const out = { ...current };
  for (const [name, change] of Object.entries(c.flags)) out[name] = change!.to;
  return out;
}
