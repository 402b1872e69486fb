/**
 * What the one-statement writes share (src/data/intake-store.ts, src/data/complaint-write.ts): the
 * column lists their rows travel in as JSON, and the common table expressions that store a write's
 * notifications, who each reached, and their outbox messages (issue #14) beside everything else.
 */
export const EVENT_COLUMNS = 'complaint_id, seq, type, actor_id, actor_label, at, data, prev_hash, hash';
export const CLOCK_COLUMNS =
  'complaint_id, name, rule_id, started_at, due_at, state, paused_ms, paused_at, pause_reason, met_at, breached_at, calendar_version, trace';
export const NOTIFICATION_COLUMNS = 'id, complaint_id, recipient_role, org_node_id, kind, rule_id, subject, due_at';
export const OUTBOX_COLUMNS = 'notification_id, complaint_id, channel_id, transport, recipient, payload, created_at, next_attempt_at';

/**
 * `nt`, `nr` and `ob`, from the JSON parameters named (e.g. '$5'): the notifications, their recipients —
 * only of notifications `nt` wrote, which the foreign key needs — and the messages, which the worker
 * delivers after the commit. `guard` is a condition every insert needs (an intake's: its complaint was
 * written).
 */
export function notificationCtes(params: { notifications: string; recipients: string; outbox: string }, guard = 'true'): string {
  return `nt AS (
    INSERT INTO notifications (${NOTIFICATION_COLUMNS})
    SELECT ${NOTIFICATION_COLUMNS} FROM json_populate_recordset(NULL::notifications, ${params.notifications}::json) WHERE ${guard}
    RETURNING id
  ), nr AS (
    INSERT INTO notification_recipients (notification_id, user_id, unaddressed)
    SELECT r.notification_id, r.user_id, r.unaddressed FROM json_populate_recordset(NULL::notification_recipients, ${params.recipients}::json) r
    WHERE r.notification_id IN (SELECT id FROM nt)
  ), ob AS (
    INSERT INTO outbox (${OUTBOX_COLUMNS})
    SELECT ${OUTBOX_COLUMNS} FROM json_populate_recordset(NULL::outbox, ${params.outbox}::json) WHERE ${guard}
  )`;
}

export const EMERGENCY_COLUMNS =
  'id, complaint_id, status, rule_id, commander_role, commander_name, in_working_hours, team, opened_at, opened_by, major_since, answer_due_at, conclusion_due_at';

/**
 * `em`: the emergency response a write opens (#15 item 6). A complaint has at most one (its unique key):
 * one opened earlier by hand is kept.
 */
export function emergencyCte(param: string, guard = 'true'): string {
  return `em AS (
    INSERT INTO emergency_responses (${EMERGENCY_COLUMNS})
    SELECT ${EMERGENCY_COLUMNS} FROM json_populate_recordset(NULL::emergency_responses, ${param}::json) WHERE ${guard}
    ON CONFLICT (complaint_id) DO NOTHING
  )`;
}
