/** Notifications as the inbox reads them (the intake and the sweeper write them, src/data/intake-store.ts). */
import type { Db } from './complaint-store.ts';
import type { Scope } from '../security/scope.ts';
import { scopeCondition } from './scope-condition.ts';

export interface InboxQuery {
  /** Only notifications addressed to this role; null: every role's. */
  recipientRole: string | null;
  /** A notification about a complaint outside it is left out; one about no complaint is kept. */
  scope: Scope;
  limit: number;
}

/** The notifications of an inbox, latest due first, with the code of the complaint each is about. */
export async function inboxNotifications(db: Db, q: InboxQuery) {
  const inScope = scopeCondition(q.scope, 'c');
  let query = db
    .selectFrom('notifications as n')
    .leftJoin('complaints as c', 'c.id', 'n.complaint_id')
    .select([
      'n.id',
      'n.complaint_id as complaintId',
      'c.code',
      'n.recipient_role as recipientRole',
      'n.kind',
      'n.rule_id as ruleId',
      'n.subject',
      'n.due_at as dueAt',
      'n.read_at as readAt',
    ])
    .where((eb) => eb.or([eb('n.complaint_id', 'is', null), inScope]));
  if (q.recipientRole !== null) query = query.where('n.recipient_role', '=', q.recipientRole);
  return query.orderBy('n.due_at', 'desc').limit(q.limit).execute();
}
