/**
 * Compensation given and who may approve it (#15 item 5, S0 food 9.2): the pack's authority tiers, lowest
 * first, decide which tier a compensation needs — an entry that needs approval (9.2.1a/b: 需由公司同意后方可执行)
 * the first tier that may approve such entries; a product gift above the entry's ratio times the affected
 * quantity (以上特例可机动考虑) the first tier that may go beyond it; else the lowest — and whether the approver
 * holds that tier or a higher one that may approve it too. Pure: the caller passes the approver's positions at
 * the complaint's unit or above.
 */
import type { CompensationTable } from '../../policies/pack-schema.ts';
import { DomainError, invalid } from '../errors.ts';

export type AuthorityTier = NonNullable<CompensationTable['authority']>[number];
export type CompensationEntry = CompensationTable['entries'][number];

export interface CompensationGiven {
  entryId: string;
  items: string;
  giftQuantity?: number;
  affectedQuantity?: number;
  medicalCostsYuan?: number;
}

/** Whether `tier` may approve this compensation: an entry needing approval, a gift beyond the entry's ratio. */
function covers(tier: AuthorityTier, entry: CompensationEntry, given: CompensationGiven): boolean {
  const overRatio =
    entry.giftRatio !== undefined &&
    given.giftQuantity !== undefined &&
    given.giftQuantity > entry.giftRatio * (given.affectedQuantity ?? 0);
  return (!entry.approvalRequired || tier.approvalRequiredEntries) && (!overRatio || tier.beyondGiftRatio);
}

/** The lowest tier that may approve the compensation, or undefined when none may. */
export function requiredTier(
  tiers: readonly AuthorityTier[],
  entry: CompensationEntry,
  given: CompensationGiven,
): AuthorityTier | undefined {
  return tiers.find((t) => covers(t, entry, given));
}

/**
 * The highest tier at or above `from` that the positions hold and that covers the compensation; -1 when none.
 * The lowest tier (no position) is held by whoever records.
 */
function reachedTier(
  tiers: readonly AuthorityTier[],
  from: number,
  positions: readonly string[],
  entry: CompensationEntry,
  given: CompensationGiven,
): number {
  let best = -1;
  tiers.forEach((t, i) => {
    const held = t.positionId === undefined || positions.includes(t.positionId);
    if (i >= from && held && covers(t, entry, given)) best = i;
  });
  return best;
}

export interface AuthorityDecision {
  entry: CompensationEntry;
  required: AuthorityTier;
  /** The tier the approver (or, with none needed, the recorder) reached. */
  reached: AuthorityTier;
}

/**
 * Checks a compensation against the complaint's level and the approver's authority. Bad input → VALIDATION
 * naming the field; an entry of another class → ILLEGAL_TRANSITION (409); an approver below the tier the
 * compensation needs → FORBIDDEN (403) naming the tier ("over the limit → approval by the next level").
 */
export function decideCompensation(
  table: CompensationTable,
  level: string | null,
  given: CompensationGiven,
  approver: { positions: readonly string[] } | null,
): AuthorityDecision {
  const tiers = table.authority;
  if (!tiers) throw new DomainError('ILLEGAL_TRANSITION', 'this policy sets no authority for compensation', { allowed: [] });
  const entry = table.entries.find((e) => e.id === given.entryId);
  if (!entry) throw invalid('entryId', `not an entry of this policy's compensation table (${table.entries.map((e) => e.id).join(', ')})`);
  if (entry.level !== level)
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `entry '${entry.id}' is for class ${entry.level}; this complaint is class ${level ?? 'unset'}`,
      {
        allowed: [],
      },
    );
  if (given.giftQuantity !== undefined && entry.giftRatio !== undefined && given.affectedQuantity === undefined)
    throw invalid('affectedQuantity', `needed to compare the gift with the ${entry.giftRatio}:1 ratio (S0 food ${entry.clause ?? '9.2'})`);
  if (given.medicalCostsYuan !== undefined && !entry.coversMedicalCosts)
    throw invalid('medicalCostsYuan', `entry '${entry.id}' covers no medical costs (S0 food ${entry.clause ?? '9.2'})`);
  const required = requiredTier(tiers, entry, given);
  if (!required)
    throw new DomainError('ILLEGAL_TRANSITION', `no authority under this policy approves this compensation under '${entry.id}'`, {
      allowed: [],
    });
  const needIndex = tiers.indexOf(required);
  if (required.positionId !== undefined && approver === null)
    throw invalid(
      'approverId',
      `this compensation needs the approval of ${required.nameZh} (${required.name}, S0 food ${required.clause})`,
    );
  const reachedIndex = reachedTier(tiers, needIndex, approver?.positions ?? [], entry, given);
  if (reachedIndex < 0)
    throw new DomainError(
      'FORBIDDEN',
      `the approver's authority is below what this compensation needs: ${required.nameZh} (${required.name}, S0 food ${required.clause}) or above`,
    );
  return { entry, required, reached: tiers[reachedIndex] };
}
