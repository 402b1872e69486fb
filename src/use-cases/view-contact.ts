/**
 * Showing a customer's unmasked contact details (R-IN-4) is itself recorded: the `contact_viewed`
 * event names who looked and when, in the complaint's hash-chained log, in the same transaction as
 * the read. The caller has already checked the user's role and scope.
 */
import type { Deps, Actor } from './context.ts';
import { appendEvents } from '../data/complaint-store.ts';
import { lockForChange } from '../data/complaint-write.ts';
import { findCustomer } from '../data/customer-store.ts';
import { notFound } from '../domain/errors.ts';
import { inTransaction } from '../data/transaction.ts';

export interface ContactView {
  customerId: string;
  name: string;
  phone: string | null;
  email: string | null;
}

export async function viewContact(deps: Deps, actor: Actor, complaintId: string, reason?: string): Promise<ContactView> {
  const now = deps.now();
  return inTransaction(deps.db, async (trx) => {
    // The row lock orders this append with any concurrent action's events (sequence and hash chain);
    // the same read brings the chain's tail, so the append needs no second look at the log.
    const locked = await lockForChange(trx, complaintId);
    if (!locked) throw notFound(`complaint '${complaintId}'`);
    const { row } = locked;
    const customer = await findCustomer(trx, row.customer_id);
    const fields = [customer.phone ? 'phone' : null, customer.email ? 'email' : null].filter((f): f is string => f !== null);
    await appendEvents(
      trx,
      deps.logKey,
      row.id,
      [{ type: 'contact_viewed', data: { fields, ...(reason ? { reason } : {}) } }],
      actor,
      now,
      locked.eventTail,
    );
    return { customerId: customer.id, name: customer.name, phone: customer.phone, email: customer.email };
  });
}
