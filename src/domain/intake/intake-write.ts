/** What an intake writes, as planned without I/O (plan-intake.ts) and stored in one statement (src/data/intake-store.ts). */

export interface CustomerRecord {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  type: string | null;
}

export interface IntakeWrite {
  /** Present when the request carried an Idempotency-Key: the write happens only if this claims it. */
  idempotency: { user_key: string; key: string; request_hash: string; complaint_id: string } | null;
  newCustomer: CustomerRecord | null;
  complaint: Record<string, unknown> & { id: string };
  events: Record<string, unknown>[];
  clocks: Record<string, unknown>[];
  notifications: Record<string, unknown>[];
  /** notification_recipients rows: who each notification reached (issue #14). */
  recipients: { notification_id: string; user_id: string; unaddressed: boolean }[];
  links: { from_id: string; to_id: string; kind: string }[];
  /** Issue #14: the messages of the notifications (domain/delivery/plan-outbox.ts), written in the same statement. */
  outbox?: import('../delivery/plan-outbox.ts').OutboxRow[];
  /** #15 item 6: the emergency response of a complaint received major under a pack with a plan. */
  emergencies?: import('../casework/emergency-opening.ts').EmergencyOpeningRow[];
}
