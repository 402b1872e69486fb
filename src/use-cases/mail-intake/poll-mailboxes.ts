/**
 * One pass of the e-mail intake (issue #14, item 6): claim the mailboxes due for a poll (their lease,
 * FOR UPDATE SKIP LOCKED: two processes never poll one mailbox at once), and take each one's new
 * messages in UID order. A message's own failure is recorded as rejected and the poll goes on; a
 * connection or database failure ends that mailbox's poll with the error on the mailbox, and the next
 * poll starts again from the last message taken.
 */
import type { Deps } from '../context.ts';
import { openImapMailbox, type MailboxSession, type OpenMailbox } from '../../mail/imap-mailbox.ts';
import { claimDueMailboxes, releaseMailbox, saveCursor, type ClaimedMailbox } from '../../data/mailbox-store.ts';
import { takeMessage, type Taken, type TakeOptions } from './take-message.ts';

/** A message above this is rejected from its reported size without being downloaded (issue #14: "a 30 MB attachment"). */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export interface MailIntakeOptions extends Partial<Omit<TakeOptions, 'attachmentsDir'>> {
  attachmentsDir: string;
  /** A mailbox is polled again only this long after its last poll (PLAINT_IMAP_POLL_MS); 0: whenever asked. */
  pollMs?: number;
  /** How long a claimed mailbox is left to its poller before another process may take it. */
  leaseMs?: number;
  /** Messages taken per mailbox per pass; the rest wait for the next pass. */
  batch?: number;
  /** Mailboxes claimed per pass. */
  mailboxes?: number;
  /** The IMAP client (tests may pass another). */
  open?: OpenMailbox;
}

export interface MailboxPoll {
  mailboxId: string;
  taken: Taken[];
  /** The error that ended the poll (connection, login, folder, database), or null. */
  error: string | null;
}

async function pollOne(deps: Deps, mailbox: ClaimedMailbox, opts: MailIntakeOptions): Promise<MailboxPoll> {
  const result: MailboxPoll = { mailboxId: mailbox.id, taken: [], error: null };
  const leaseMs = opts.leaseMs ?? 10 * 60_000;
  let session: MailboxSession | null = null;
  try {
    session = await (opts.open ?? openImapMailbox)(mailbox.url, mailbox.folder);
    // Another UIDVALIDITY means the UIDs were renumbered: read the folder again from the start (the record holds).
    const after = session.uidValidity === mailbox.uid_validity ? mailbox.last_uid : 0;
    const listed = await session.list(after, opts.batch ?? 100);
    for (const message of listed) {
      const taken = await takeMessage(deps, mailbox, message, session, {
        attachmentsDir: opts.attachmentsDir,
        maxMessageBytes: opts.maxMessageBytes ?? MAX_MESSAGE_BYTES,
        maxAttachmentBytes: opts.maxAttachmentBytes,
      });
      result.taken.push(taken);
      // \Seen tells a person reading the mailbox that Plaint has it; once-only is the record's, not the flag's.
      await session.markSeen(message.uid).catch(() => {});
      await saveCursor(deps.db, mailbox.id, session.uidValidity, message.uid, new Date(deps.now().getTime() + leaseMs));
    }
  } catch (err) {
    const e = err as Error & { code?: string; responseText?: string };
    result.error = [e.message || String(err), e.responseText, e.code].filter(Boolean).join(' — ').slice(0, 1000);
  } finally {
    await session?.close().catch(() => {});
  }
  await releaseMailbox(deps.db, mailbox.id, deps.now(), result.error);
  return result;
}

export async function pollMailboxes(deps: Deps, opts: MailIntakeOptions): Promise<MailboxPoll[]> {
  const claimed = await claimDueMailboxes(deps.db, deps.now(), opts.pollMs ?? 0, opts.leaseMs ?? 10 * 60_000, opts.mailboxes ?? 10);
  const polls: MailboxPoll[] = [];
  // One at a time: each poll is mostly waiting on its server, and a pass is short next to the interval.
  for (const mailbox of claimed) polls.push(await pollOne(deps, mailbox, opts));
  return polls;
}
