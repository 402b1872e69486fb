/**
 * A level chosen at qualification (issue #15 item 2; R-SV-4, S0 Vanke 5.5.2.5). The automatic level is
 * what the pack's rules give the qualified complaint (never below its current level). A higher choice is
 * honoured, since a person may always raise; a lower one is a person lowering the level, which needs the
 * reason `set_level` asks for. Pure.
 */
import type { Pack } from '../../policies/pack-schema.ts';
import type { ComplaintFacts } from '../contracts.ts';
import { invalid } from '../errors.ts';
import type { EventDataByType } from '../events.ts';
import { reachedLevel } from './evaluate-severity.ts';
import { levelRank } from './levels.ts';

export interface ChosenLevel {
  event: { type: 'level_changed'; data: Extract<EventDataByType['level_changed'], { manual: true }> };
  /** Below the automatic level: the rules must not raise it again in the same step. */
  lowered: boolean;
}

/** The level the rules give these facts, never below `current` (automatic evaluation only raises). */
export function automaticLevel(pack: Pack, facts: ComplaintFacts, now: Date, current: string | null): string {
  const reached = reachedLevel(pack, facts, now).level;
  if (current === null) return reached;
  return levelRank(pack, reached) > levelRank(pack, current) ? reached : current;
}

/**
 * The manual level change a qualification's chosen level makes, or null when it makes none (no choice, or
 * the automatic level itself). Throws a 400 naming `level` for a lower level without a reason.
 */
export function levelChosenAtQualify(
  pack: Pack,
  automatic: string,
  chosen: string | undefined,
  reason: string | undefined,
): ChosenLevel | null {
  if (chosen === undefined || chosen === automatic) return null;
  const why = reason?.trim() ?? '';
  const lower = levelRank(pack, chosen) < levelRank(pack, automatic);
  if (lower && !why)
    throw invalid(
      'level',
      `'${chosen}' is lower than the automatic level '${automatic}'; lowering a level needs a reason (as set_level asks)`,
    );
  return {
    lowered: lower,
    event: {
      type: 'level_changed',
      data: {
        level: chosen,
        reason: why || 'chosen at qualification, above the automatic level',
        manual: true,
        via: 'qualify',
        automatic,
        from: automatic,
      },
    },
  };
}
