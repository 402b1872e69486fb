/**
 * The due instants a sample complaint would get at intake under a pack (issue #16 item 4: the policy page's
 * preview before saving). Runs the clock engine exactly as intake does: the 'received' event applied to no
 * clocks, on the unit's calendar.
 */
import { applyEvent } from '../clocks/apply-event.ts';
import type { BusinessCalendar, Channel, ComplaintFacts } from '../contracts.ts';
import type { Pack } from '../../policies/pack-schema.ts';
import { defaultLevel } from '../severity/levels.ts';

export interface PreviewSample {
  channel: Channel;
  receivedAt: Date;
  level?: string | null;
  categoryId?: string | null;
}

export interface PreviewClock {
  name: string;
  ruleId: string;
  label: string;
  labelZh: string;
  dueAt: string;
  /** The clock's trace, which says which rule applied and why. */
  trace: { detail: string; detailZh?: string }[];
}

export function intakeDueInstants(pack: Pack, calendar: BusinessCalendar, sample: PreviewSample): PreviewClock[] {
  const facts: ComplaintFacts = {
    channel: sample.channel,
    receivedAt: sample.receivedAt,
    level: sample.level ?? defaultLevel(pack),
    qualification: null,
    categoryId: sample.categoryId ?? null,
    complainantCount: 1,
    flags: sample.channel === 'regulator' ? { regulator: true } : {},
    repeatCount: 0,
    similarCount: 1,
    resolved: false,
    pausedMs: 0,
  };
  const { clocks } = applyEvent({
    definitions: pack.clocks,
    calendar,
    facts,
    clocks: [],
    event: { type: 'received', at: sample.receivedAt },
  });
  return clocks.map((c) => {
    const def = pack.clocks.find((d) => d.name === c.name && d.ruleId === c.ruleId);
    return {
      name: c.name,
      ruleId: c.ruleId,
      label: def?.label ?? c.name,
      labelZh: def?.labelZh ?? c.name,
      dueAt: c.dueAt,
      trace: c.trace.map((t) => ({ detail: t.detail, ...(t.detailZh ? { detailZh: t.detailZh } : {}) })),
    };
  });
}
