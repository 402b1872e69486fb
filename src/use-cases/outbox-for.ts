/**
 * The outbox rows a write to a complaint adds beside its notifications (issue #14, items 3 and 4): the
 * complaint's company is the nearest 'company' above its unit, whose channels come from the
 * per-process configuration copy (src/data/config-cache.ts, kept current by migration 0024's trigger).
 */
import { randomUUID } from 'node:crypto';
import type { ConfigSnapshot } from '../data/config-cache.ts';
import type { NotificationDue } from '../domain/contracts.ts';
import type { AddressedNotification } from '../domain/notifications/addressing.ts';
import { planOutbox, type OutboxRow } from '../domain/delivery/plan-outbox.ts';
import type { Pack } from '../policies/index.ts';
import { notificationSubjectZh } from './pack-lookup.ts';

export interface DeliveryContext {
  config: Pick<ConfigSnapshot, 'node' | 'companyOf' | 'channels'> | null;
  pack: Pack;
  /** The console's public address for links (PLAINT_PUBLIC_URL; '' gives relative links). */
  baseUrl: string;
}

export type { OutboxRow };

/**
 * The rules' notifications come addressed (src/domain/notifications: each with its id, made before the
 * write, and the people its position resolved to), and pass through as they are; the recipients with an
 * e-mail address who want e-mail get an e-mail outbox row. A notification not yet addressed gets an id
 * and reaches nobody by e-mail (recipients empty); robots and webhooks still carry it.
 */
export function addressed(notifications: readonly (NotificationDue | AddressedNotification)[]): AddressedNotification[] {
  return notifications.map((n) =>
    'id' in n && 'recipients' in n ? n : { ...n, id: randomUUID(), positionId: n.recipientRole, recipients: [] },
  );
}

export function levelLabel(pack: Pack, level: string | null): string {
  if (!level) return '—';
  return pack.severity.levels.find((l) => l.id === level)?.nameZh ?? level;
}

export function outboxFor(
  ctx: DeliveryContext | undefined,
  row: { id: string; code: string; unit_id: string; level: string | null },
  notifications: readonly AddressedNotification[],
  now: Date,
): OutboxRow[] {
  if (!ctx || notifications.length === 0) return [];
  const company = ctx.config?.companyOf(row.unit_id);
  const channels = company ? ctx.config!.channels(company.id) : [];
  return planOutbox(
    notifications.map((n) => ({ ...n, subject: notificationSubjectZh(ctx.pack, n) })),
    {
      id: row.id,
      code: row.code,
      level: row.level,
      levelLabel: levelLabel(ctx.pack, row.level),
      unitName: ctx.config?.node(row.unit_id)?.name ?? row.unit_id,
    },
    channels,
    ctx.baseUrl,
    now,
  );
}
