/**
 * New events numbered and chained after a complaint's last one (pure; the stores write the result).
 * Every writer of events — an intake, an action, the sweeper, an import — chains through here, so the
 * hash covers the same content whichever path wrote the event.
 */
import { GENESIS_HASH, eventHash } from './event-chain.ts';
import type { EventType, NewEvent } from './events.ts';

export type { NewEvent } from './events.ts';

export interface StoredEvent {
  seq: number;
  type: EventType;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** Who an event names: a user (id) or the system / the portal (no id). */
export interface EventActor {
  id: string | null;
  label: string;
}

/** The last event of a chain, or null for a complaint without events. */
export type EventTail = { seq: number; hash: string } | null;

/** The stored form of new events after `tail`: numbered and chained by HMAC under `key`. */
export function chainEvents(
  key: Buffer,
  complaintId: string,
  events: NewEvent[],
  actor: EventActor,
  at: Date,
  tail: EventTail,
): StoredEvent[] {
  let seq = tail?.seq ?? 0;
  let prev = tail?.hash ?? GENESIS_HASH;
  const rows: StoredEvent[] = [];
  for (const e of events) {
    seq++;
    const content = { complaintId, seq, type: e.type, actorId: actor.id, actorLabel: actor.label, at, data: e.data };
    const hash = eventHash(key, prev, content);
    rows.push({ seq, type: e.type, at, actorId: actor.id, actorLabel: actor.label, data: e.data, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}
