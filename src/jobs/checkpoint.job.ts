/**
 * Writes an event log checkpoint every `intervalMs` (PLAINT_CHECKPOINT_MS; 0 = only at shutdown) and a
 * last one when stopped, so a clean shutdown leaves the whole log covered. With several processes on
 * one database, a process skips its turn when another wrote one within half an interval.
 */
import type { Deps } from '../use-cases/context.ts';
import { writeCheckpoint, type CheckpointResult } from '../use-cases/write-checkpoint.ts';

export function describeCheckpoint(r: CheckpointResult): string | null {
  if (r.written)
    return `event log checkpoint ${r.id}: ${r.complaints} complaints, ${r.events} events${r.first ? ' (first: covers the existing logs as they are)' : ''}`;
  if (r.reason === 'log-damaged') {
    const which = r.lost.map(
      (l) =>
        `${l.complaintId} (event ${l.seq} ${l.rewritten ? 'changed' : l.liveSeq === null ? 'and the whole log gone' : `gone, log ends at ${l.liveSeq}`})`,
    );
    return `EVENT LOG DAMAGED: no checkpoint written, the newest one covers events that are ${r.lost.length >= 100 ? 'gone or changed in 100+ complaints, e.g.' : 'gone or changed:'} ${which.join(', ')}; run npm run verify-log`;
  }
  return null;
}

export function startCheckpoints(deps: Deps, intervalMs: number, log: (msg: string, err?: unknown) => void): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const pass = async (opts: { skipIfYoungerThanMs?: number }) => {
    try {
      const line = describeCheckpoint(await writeCheckpoint(deps, opts));
      if (line) log(line);
    } catch (err) {
      log('event log checkpoint failed', err);
    }
  };
  const timer = intervalMs > 0 ? setInterval(() => (running = pass({ skipIfYoungerThanMs: intervalMs / 2 })), intervalMs) : null;
  timer?.unref();
  return async () => {
    if (timer) clearInterval(timer);
    await running;
    await pass({});
  };
}
