/**
 * Throttles shared by every process (issue #19 item 4): a fixed window per throttle and key, counted in
 * the database by one atomic statement (src/data/throttle-store.ts), so n processes allow what one
 * does and simultaneous requests are each counted. Used by the portal (guessing tracking secrets,
 * submissions) and by user creation (answers that an e-mail is taken).
 */
import type { Deps } from './context.ts';
import { pruneThrottles, takeThrottle, throttleCount } from '../data/throttle-store.ts';

export interface Throttle {
  /** Counts one use by `key`; false once the key has used more than `max` in its window. */
  take(key: string): Promise<boolean>;
  /** Whether `key` has used its `max` in the current window (counts nothing). */
  spent(key: string): Promise<boolean>;
}

export function throttle(deps: Deps, opts: { name: string; windowMs: number; max: number }): Throttle {
  const use = (key: string) => ({ throttle: opts.name, key, now: deps.now(), windowMs: opts.windowMs });
  return {
    take: async (key) => (await takeThrottle(deps.db, use(key))) <= opts.max,
    spent: async (key) => (await throttleCount(deps.db, use(key))) >= opts.max,
  };
}

/** Windows are an hour at the longest; a day-old row is only a past client's, and is dropped. */
export async function forgetOldThrottles(deps: Deps): Promise<void> {
  await pruneThrottles(deps.db, new Date(deps.now().getTime() - 24 * 3600_000));
}
