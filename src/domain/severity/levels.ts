/**
 * Severity levels of a pack: their order, the level a complaint starts at, and the check a person's
 * own choice of level must pass (R-SV-4: anyone may set a level, but only with a stated reason).
 */
import type { SeverityDecision } from '../contracts.ts';
import type { Pack } from '../../policies/pack-schema.ts';

export class UnknownLevelError extends Error {
  readonly code = 'severity_level_unknown';
  constructor(
    readonly packId: string,
    readonly level: string,
  ) {
    super(`pack ${packId} has no severity level '${level}'`);
    this.name = 'UnknownLevelError';
  }
}

/** Rank of a level in its pack; higher is more severe. Throws UnknownLevelError. */
export function levelRank(pack: Pack, level: string): number {
  const found = pack.severity.levels.find((l) => l.id === level);
  if (!found) throw new UnknownLevelError(pack.id, level);
  return found.rank;
}

/** The level a complaint has when no rule raises it (general, level3, C, minor …). */
export function defaultLevel(pack: Pack): string {
  return pack.severity.defaultLevel;
}

export type ManualLevelResult =
  | { ok: true; decision: SeverityDecision }
  | { ok: false; code: 'severity_level_unknown' | 'severity_reason_required'; message: string };

/** R-SV-4, S0 Vanke 5.5.2.5: a person may set any level, up or down, with a non-empty reason. */
export function validateManualLevel(pack: Pack, level: string, reason: string): ManualLevelResult {
  if (!pack.severity.levels.some((l) => l.id === level)) {
    return { ok: false, code: 'severity_level_unknown', message: `pack ${pack.id} has no severity level '${level}'` };
  }
  const trimmed = reason.trim();
  if (trimmed === '') return { ok: false, code: 'severity_reason_required', message: 'setting a severity level by hand needs a reason' };
  return { ok: true, decision: { level, ruleId: 'R-SV-4/manual', reason: trimmed } };
}
