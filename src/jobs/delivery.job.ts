/**
 * The outbox worker (issue #14, item 4), started in every app process (src/main.ts): every `intervalMs`
 * it delivers the due messages, and goes again at once while a pass finds a full batch. Processes on one
 * PostgreSQL share the work without sending a message twice: each claim skips rows another holds.
 */
import type { Deps } from '../use-cases/context.ts';
import { deliverDue, type DeliveryOptions } from '../use-cases/deliver-outbox.ts';
import { closeSmtpTransports } from '../delivery/smtp-sender.ts';

export function startDelivery(
  deps: Deps,
  intervalMs: number,
  opts: DeliveryOptions,
  log: (msg: string, err?: unknown) => void,
): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const batch = opts.batch ?? 20;
  const pass = async () => {
    try {
      for (let rounds = 0; rounds < 50 && !stopped; rounds++) {
        const r = await deliverDue(deps, { ...opts, batch });
        if (r.failed) log(`outbox: ${r.failed} message(s) failed after their last attempt`);
        if (r.claimed < batch) break;
      }
    } catch (err) {
      log('outbox delivery pass failed', err);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  running = pass().finally(schedule);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
    closeSmtpTransports();
  };
}
