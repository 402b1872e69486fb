/**
 * One pass of outbox delivery (issue #14, item 4): claim due messages (FOR UPDATE SKIP LOCKED, one short
 * statement that also pushes them past a lease), send each outside any transaction, record the result:
 * `sent` with delivered_at, or the error with the next attempt after an exponential backoff, `failed`
 * after the last attempt.
 */
import type { Deps } from './context.ts';
import { claimDue, recordFailure, recordSent, type ClaimedMessage } from '../data/outbox-store.ts';
import { afterFailure, MAX_ATTEMPTS } from '../domain/delivery/backoff.ts';
import { sendEmail, type SmtpDefaults } from '../delivery/smtp-sender.ts';
import { sendHttp } from '../delivery/http-sender.ts';

export interface DeliveryOptions {
  smtp: SmtpDefaults;
  /** Messages claimed per statement. */
  batch?: number;
  /** How long a claimed message is left to its sender before another process may take it again. */
  leaseMs?: number;
  maxAttempts?: number;
  /** First retry delay; doubles with each failed attempt, capped at 30 minutes. */
  backoffBaseMs?: number;
}

export interface DeliveryPass {
  claimed: number;
  sent: number;
  failed: number;
}

async function send(m: ClaimedMessage, smtp: SmtpDefaults, now: Date): Promise<void> {
  if (m.channel_id && m.channel_enabled === null) throw new Error('channel deleted');
  if (m.transport === 'email') {
    const url = m.channel_url || smtp.url;
    if (!url) throw new Error('no SMTP server: set PLAINT_SMTP_URL or give the company an e-mail channel with a URL');
    await sendEmail(url, smtp.from, m.id, m.payload as { to: string; subject: string; text: string; html?: string });
    return;
  }
  if (!m.channel_url) throw new Error('channel has no URL');
  await sendHttp(m.transport, m.channel_url, m.channel_secret, m.id, (m.payload.body ?? {}) as Record<string, unknown>, now);
}

export async function deliverDue(deps: Deps, opts: DeliveryOptions): Promise<DeliveryPass> {
  const claimed = await claimDue(deps.db, deps.now(), opts.batch ?? 20, opts.leaseMs ?? 120_000);
  const pass: DeliveryPass = { claimed: claimed.length, sent: 0, failed: 0 };
  await Promise.all(
    claimed.map(async (m) => {
      try {
        await send(m, opts.smtp, deps.now());
      } catch (err) {
        const { state, nextAttemptAt } = afterFailure(m.attempts, deps.now(), opts.maxAttempts ?? MAX_ATTEMPTS, opts.backoffBaseMs);
        const e = err as Error & { cause?: { code?: string; message?: string } };
        const reason = `${e.message || String(err)}${e.cause?.code ? ` (${e.cause.code})` : ''}`;
        await recordFailure(deps.db, m.id, reason, state, nextAttemptAt);
        if (state === 'failed') pass.failed++;
        return;
      }
      await recordSent(deps.db, m.id, deps.now());
      pass.sent++;
    }),
  );
  return pass;
}
