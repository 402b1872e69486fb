/** What GET /api/inbox answers: the notifications due for the user's role, latest due first. */
import { Type } from 'typebox';
import { Nullable } from '../schema-helpers.ts';

/** The rows carry Dates, which JSON.stringify sends as ISO instants (the route sends them as built). */
const Instant = Type.Unsafe<Date | string>(Type.String({ format: 'date-time' }));

export const InboxSchema = Type.Array(
  Type.Object({
    id: Type.String(),
    complaintId: Nullable(Type.String()),
    code: Nullable(Type.String({ description: "the complaint's code; null for a notification about no complaint" })),
    recipientRole: Type.String(),
    kind: Type.String(),
    ruleId: Type.String(),
    subject: Type.String(),
    dueAt: Instant,
    readAt: Nullable(Instant),
  }),
);
