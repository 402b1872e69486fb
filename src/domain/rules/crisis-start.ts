/**
 * The crisis procedure starts by itself (#15 item 5, S0 food 11.2.1b "事件發生后,迅速通知銷售經理、業務員"): in the
 * write whose facts first meet the pack's crisis condition (isCrisis) — at intake, or when facts recorded later
 * do — its roles are alerted at once and its owner is named in the `crisis_started` event. Pure.
 */
import type { ComplaintFacts, NotificationDue } from '../contracts.ts';
import type { NewEvent } from '../events.ts';
import type { Pack } from '../../policies/pack-schema.ts';
import { isCrisis } from '../severity/index.ts';

export interface CrisisStart {
  event: Extract<NewEvent, { type: 'crisis_started' }>;
  notifications: NotificationDue[];
}

/** `before` is null for a new complaint; a crisis that already held before this write does not start again. */
export function planCrisisStart(pack: Pack, before: ComplaintFacts | null, after: ComplaintFacts, now: Date): CrisisStart | null {
  const crisis = pack.crisis;
  if (!crisis || !isCrisis(pack, after) || (before !== null && isCrisis(pack, before))) return null;
  const because = [
    ...crisis.flags.filter((f) => after.flags[f] === true).map((f) => `flag:${f}`),
    ...((crisis.channels ?? []).includes(after.channel) ? [`channel:${after.channel}`] : []),
  ];
  return {
    event: {
      type: 'crisis_started',
      data: {
        ruleId: crisis.ruleId,
        ownerRole: crisis.ownerRole,
        alertedRoles: [...crisis.notifyRoles],
        because,
        guideId: crisis.guideId ?? null,
      },
    },
    notifications: crisis.notifyRoles.map((recipientRole) => ({
      recipientRole,
      dueAt: now.toISOString(),
      subject: crisis.label,
      ruleId: crisis.ruleId,
      kind: 'crisis_alert',
    })),
  };
}
