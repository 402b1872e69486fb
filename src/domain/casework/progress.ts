/**
 * Weekly progress of a major complaint (R-NT-1, Vanke 5.5.2.4: 至少每周一次以快报方式通报). The first entry
 * is owed a week after the level was set; each entry owes the next a week later.
 */
import type { Pack } from '../../policies/pack-schema.ts';

export const PROGRESS_INTERVAL_MS = 7 * 24 * 3600 * 1000;

export interface ProgressStatus {
  /** True when an entry is owed and missing at `now`. */
  overdue: boolean;
  /** When the next (or the missed) entry is/was due. */
  dueAt: Date;
  /** Whole weeks missed since the last entry (or since the level was set). */
  missedWeeks: number;
  /** The due instant of the most recent missed week: one reminder per missed week is keyed on it. */
  missedDueAt: Date | null;
}

export function progressOverdue(lastProgressAt: Date | null, levelSetAt: Date, now: Date): ProgressStatus {
  const anchor = lastProgressAt && lastProgressAt.getTime() > levelSetAt.getTime() ? lastProgressAt : levelSetAt;
  const elapsed = now.getTime() - anchor.getTime();
  const missedWeeks = elapsed >= PROGRESS_INTERVAL_MS ? Math.floor(elapsed / PROGRESS_INTERVAL_MS) : 0;
  const missedDueAt = missedWeeks > 0 ? new Date(anchor.getTime() + missedWeeks * PROGRESS_INTERVAL_MS) : null;
  return {
    overdue: missedWeeks > 0,
    dueAt: new Date(anchor.getTime() + Math.max(1, missedWeeks) * PROGRESS_INTERVAL_MS),
    missedWeeks,
    missedDueAt,
  };
}

/** Levels that owe weekly progress in a pack: those of its `weekly` notification rules, else 'major'. */
export function progressLevels(pack: Pick<Pack, 'notifications' | 'severity'>): string[] {
  const weekly = pack.notifications.filter((n) => n.when.kind === 'weekly').flatMap((n) => n.levels ?? []);
  if (weekly.length) return [...new Set(weekly)];
  return pack.severity.levels.some((l) => l.id === 'major') ? ['major'] : [];
}

/** Who is told that a weekly entry is missing: the weekly rule's recipients, else the complaint manager. */
export function progressRecipients(pack: Pick<Pack, 'notifications'>, level: string): { ruleId: string; roles: string[] } {
  const rule = pack.notifications.find((n) => n.when.kind === 'weekly' && (!n.levels || n.levels.includes(level)));
  return rule ? { ruleId: rule.ruleId, roles: [...rule.recipientRoles] } : { ruleId: 'R-NT-1', roles: ['manager'] };
}
