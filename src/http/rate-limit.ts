/**
 * A fixed-window counter per key, in process memory. Enough to slow guessing from one address; a
 * deployment with several processes multiplies the allowance by their number (noted in SECURITY.md).
 */
export interface RateLimiter {
  /** Counts one use; false once the key has used more than `max` in its window. */
  take(key: string, now: Date): boolean;
  /** Whether the key has used its `max` in the current window (counts nothing). */
  spent(key: string, now: Date): boolean;
}

export function createRateLimiter(opts: { windowMs: number; max: number }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key, now) {
      const t = now.getTime();
      if (windows.size > 10_000) {
        for (const [k, w] of windows) if (t - w.start >= opts.windowMs) windows.delete(k);
      }
      const w = windows.get(key);
      if (!w || t - w.start >= opts.windowMs) {
        windows.set(key, { start: t, count: 1 });
        return true;
      }
      w.count++;
      return w.count <= opts.max;
    },
    spent(key, now) {
      const w = windows.get(key);
      return !!w && now.getTime() - w.start < opts.windowMs && w.count >= opts.max;
    },
  };
}
