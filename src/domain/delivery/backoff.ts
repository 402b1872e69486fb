/** Retry timing of the outbox (issue #14, item 4): 30 s · 2^(attempts−1), capped at 30 minutes; `failed` after MAX_ATTEMPTS. */
export const MAX_ATTEMPTS = 8;
const BASE_MS = 30_000;
const CAP_MS = 30 * 60_000;

/** The delay before the next attempt after `attempts` failed ones (1 → 30 s, 2 → 60 s, …). */
export function backoffMs(attempts: number, baseMs = BASE_MS): number {
  return Math.min(CAP_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** What a failed attempt leaves: another try later, or the final `failed` state. */
export function afterFailure(
  attempts: number,
  now: Date,
  maxAttempts = MAX_ATTEMPTS,
  baseMs = BASE_MS,
): { state: 'pending' | 'failed'; nextAttemptAt: Date } {
  if (attempts >= maxAttempts) return { state: 'failed', nextAttemptAt: now };
  return { state: 'pending', nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, baseMs)) };
}
