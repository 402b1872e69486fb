/**
 * The messages an action sends the customer (issue #14 item 5): the reply when the `replied` event is
 * logged, the return-visit invitation when `confirmed` is. Their `customer_notified` events join the
 * action's events before the chain is hashed; their outbox rows join the action's one write.
 */
import type { ConfigSnapshot } from '../data/config-cache.ts';
import type { ComplaintRow } from '../data/complaint-store.ts';
import type { NewEvent } from '../domain/events.ts';
import type { OutboxRow } from '../domain/delivery/plan-outbox.ts';
import {
  customerMessageSwitches,
  customerMessagesFor,
  customerOutbox,
  customerRoutes,
  notifiedEvents,
  type CustomerContact,
  type CustomerMessage,
  type CustomerRoute,
} from '../domain/delivery/customer-messages.ts';
import { recoverPortalSecret } from '../domain/portal-secret.ts';

export interface CustomerNotices {
  events: NewEvent[];
  /** The outbox rows, given the complaint as the action leaves it (the reply's text). */
  outbox(after: ComplaintRow, now: Date): OutboxRow[];
}

export function customerNotices(
  config: Pick<ConfigSnapshot, 'node' | 'companyOf' | 'channels'>,
  row: ComplaintRow,
  customer: CustomerContact | null,
  stepEvents: readonly { type: string }[],
  logKey: Buffer,
  baseUrl: string,
): CustomerNotices {
  const unit = config.node(row.unit_id);
  const company = config.companyOf(row.unit_id);
  const channels = company ? config.channels(company.id) : [];
  const switches = customerMessageSwitches(unit?.settings as Record<string, unknown> | null);
  const sends: { message: CustomerMessage; routes: CustomerRoute[] }[] = customerMessagesFor(stepEvents)
    .map((message) => ({ message, routes: customerRoutes(message, customer, switches, channels) }))
    .filter((s) => s.routes.length > 0);
  return {
    events: sends.flatMap((s) => notifiedEvents(s.message, s.routes)),
    outbox(after, now) {
      if (!sends.length || !customer) return [];
      const reply = after.reply as { message?: string } | null;
      const facts = {
        complaintId: row.id,
        code: row.code,
        title: row.title,
        unitName: unit?.name ?? row.unit_id,
        customerName: customer.name,
        baseUrl,
        secret: recoverPortalSecret(logKey, row.id, row.portal_secret_hash),
        replyText: reply?.message ?? '',
      };
      return sends.flatMap((s) => customerOutbox(s.message, s.routes, facts, now));
    },
  };
}
