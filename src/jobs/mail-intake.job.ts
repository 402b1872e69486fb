/**
 * The e-mail intake poller (issue #14, item 6), started in every app process (src/main.ts): every
 * `intervalMs` it polls the mailboxes due for it. Processes on one database share the mailboxes without
 * polling one twice at once: each claim skips mailboxes another process holds.
 */
import type { Deps } from '../use-cases/context.ts';
import { pollMailboxes, type MailIntakeOptions } from '../use-cases/mail-intake/poll-mailboxes.ts';
import { repeatPass } from './repeat-pass.ts';

export function startMailIntake(
  deps: Deps,
  intervalMs: number,
  opts: MailIntakeOptions,
  log: (msg: string, err?: unknown) => void,
): () => Promise<void> {
  const mailboxes = opts.mailboxes ?? 10;
  return repeatPass(intervalMs, async (stopping) => {
    try {
      // Again at once while a pass claims as many mailboxes as it may: the others are due too.
      for (let rounds = 0; rounds < 20 && !stopping(); rounds++) {
        const polls = await pollMailboxes(deps, { pollMs: intervalMs, ...opts, mailboxes });
        for (const p of polls) {
          if (p.error) log(`mail intake: mailbox ${p.mailboxId}: ${p.error}`);
          const counts = new Map<string, number>();
          for (const t of p.taken) counts.set(t.outcome, (counts.get(t.outcome) ?? 0) + 1);
          counts.delete('already-taken');
          if (counts.size) log(`mail intake: mailbox ${p.mailboxId}: ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}`);
        }
        if (polls.length < mailboxes) break;
      }
    } catch (err) {
      log('mail intake pass failed', err);
    }
  });
}
