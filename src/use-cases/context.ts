/** What every use case needs: the database, the clock, the event log key and who is acting. */
import type { Kysely } from 'kysely';
import type { DB } from '../data/schema.ts';
import type { Actor } from '../data/complaint-store.ts';

export interface Deps {
  db: Kysely<DB>;
  /** Injected so tests and the sweeper can fix "now". */
  now: () => Date;
  /** The event log key (src/log-key.ts): keys every event hash and signs the checkpoints. */
  logKey: Buffer;
  /** The console's public address, for links in notification messages (PLAINT_PUBLIC_URL; issue #14). */
  publicUrl?: string;
}

export type { Actor };

export const SYSTEM_ACTOR: Actor = { id: null, label: 'system', role: 'system' };
export const PORTAL_ACTOR: Actor = { id: null, label: 'customer (portal)', role: 'customer' };
