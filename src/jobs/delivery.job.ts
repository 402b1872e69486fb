/**
 * The outbox worker (issue #14, item 4), started in every app process (src/main.ts): every `intervalMs`
 * it delivers the due messages, and goes again at once while a pass finds a full batch. Processes on one
 * PostgreSQL share the work without sending a message twice: each claim skips rows another holds.
 */
import type { Deps } from '../use-cases/context.ts';
import { deliverDue, type DeliveryOptions } from '../use-cases/deliver-outbox.ts';
import { closeSmtpTransports } from '../delivery/smtp-sender.ts';
import { repeatPass } from './repeat-pass.ts';

export function startDelivery(
  deps: Deps,
  intervalMs: number,
  opts: DeliveryOptions,
  log: (msg: string, err?: unknown) => void,
): () => Promise<void> {
  const batch = opts.batch ?? 20;
  const stop = repeatPass(intervalMs, async (stopping) => {
    try {
      for (let rounds = 0; rounds < 50 && !stopping(); rounds++) {
        const r = await deliverDue(deps, { ...opts, batch });
        if (r.failed) log(`outbox: ${r.failed} message(s) failed after their last attempt`);
        if (r.claimed < batch) break;
      }
    } catch (err) {
      log('outbox delivery pass failed', err);
    }
  });
  return async () => {
    await stop();
    closeSmtpTransports();
  };
}
