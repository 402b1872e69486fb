/**
 * The column records a write stores for events, clocks and notifications (pure). Plans are made of
 * them (an intake's plan, an action's plan), so the same inputs give the same rows, and the stores
 * send them to the database as they are.
 */
import type { ClockRecord } from './contracts.ts';
import type { AddressedNotification } from './notifications/addressing.ts';
export { recipientRows } from './notifications/resolve-recipients.ts';
import type { StoredEvent } from './chain-events.ts';

export function eventRows(complaintId: string, rows: StoredEvent[]) {
  return rows.map((r) => ({
    complaint_id: complaintId,
    seq: r.seq,
    type: r.type,
    actor_id: r.actorId,
    actor_label: r.actorLabel,
    at: r.at,
    data: r.data,
    prev_hash: r.prevHash,
    hash: r.hash,
  }));
}

export function clockRow(complaintId: string, c: ClockRecord) {
  return {
    complaint_id: complaintId,
    name: c.name,
    rule_id: c.ruleId,
    started_at: c.startedAt,
    due_at: c.dueAt,
    state: c.state,
    paused_ms: c.pausedMs,
    paused_at: c.pausedAt ?? null,
    pause_reason: c.pauseReason ?? null,
    met_at: c.metAt ?? null,
    breached_at: c.breachedAt ?? null,
    calendar_version: c.calendarVersion,
    trace: c.trace,
  };
}

/** The clocks of `after` that differ from `before` (by name): what a write must insert or update. */
export function changedClocks(before: ClockRecord[], after: ClockRecord[]): ClockRecord[] {
  const old = new Map(before.map((c) => [c.name, JSON.stringify(c)]));
  return after.filter((c) => old.get(c.name) !== JSON.stringify(c));
}

/** The notifications rows, with the ids made before the write (their recipients' rows name them). */
export function notificationRows(notifications: readonly AddressedNotification[], row: { id: string; unit_id: string; code: string }) {
  return notifications.map((n) => ({
    id: n.id,
    complaint_id: row.id,
    recipient_role: n.positionId,
    org_node_id: row.unit_id,
    kind: n.kind,
    rule_id: n.ruleId,
    subject: `${row.code} ${n.subject}`,
    due_at: n.dueAt,
  }));
}
