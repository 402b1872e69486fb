/**
 * When could a time-based severity rule (unresolved one week → hot, one month → major, R-SV-1) next
 * raise this complaint's level? The sweeper re-evaluates complaints whose instant has come, instead
 * of re-reading every open complaint on every pass.
 */
import type { ComplaintFacts } from '../contracts.ts';
import type { Pack } from '../../policies/pack-schema.ts';
import { levelRank } from './levels.ts';

const HOUR = 3600_000;

function addAmount(from: Date, amount: number, unit: 'hours' | 'days' | 'months'): Date {
  if (unit === 'hours') return new Date(from.getTime() + amount * HOUR);
  if (unit === 'days') return new Date(from.getTime() + amount * 24 * HOUR);
  const d = new Date(from);
  d.setUTCMonth(d.getUTCMonth() + amount);
  return d;
}

export function nextSeverityCheck(pack: Pack, facts: ComplaintFacts, now: Date): Date | null {
  if (facts.resolved) return null;
  const current = facts.level ? levelRank(pack, facts.level) : -1;
  let next: Date | null = null;
  for (const rule of pack.severity.rules) {
    if (rule.when.kind !== 'unresolved_for') continue;
    if (levelRank(pack, rule.level) <= current) continue;
    // Paused time (delay not on our side) pushes the instant later.
    const at = new Date(addAmount(facts.receivedAt, rule.when.amount, rule.when.unit).getTime() + (facts.pausedMs ?? 0));
    const when = at.getTime() < now.getTime() ? now : at;
    if (!next || when < next) next = when;
  }
  return next;
}
