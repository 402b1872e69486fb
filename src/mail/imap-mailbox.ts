/**
 * One IMAP folder, opened for a poll of the e-mail intake (issue #14, item 6), with imapflow: a maintained
 * client that speaks IMAP4rev1/rev2 (UIDs, UIDVALIDITY, literal+), decodes nothing behind our back and
 * gives bounded waits. What the intake needs of a folder is four verbs; the poll never holds a
 * transaction while it waits on the server.
 */

export interface ListedMessage {
  uid: number;
  /** RFC822.SIZE as the server reports it: checked before the message is downloaded. */
  size: number;
  internalDate: Date | null;
  /** The Message-ID header as written (null when the message has none). */
  messageId: string | null;
  /** The raw header block, for a stable id of a message without a Message-ID that is not downloaded. */
  header: Buffer;
}

export interface MailboxSession {
  /** The folder's UIDVALIDITY: UIDs are only comparable while it stays the same. */
  uidValidity: string;
  /** Messages with a UID above `afterUid`, lowest first, at most `limit`. */
  list(afterUid: number, limit: number): Promise<ListedMessage[]>;
  /** The whole message as sent. */
  source(uid: number): Promise<Buffer>;
  markSeen(uid: number): Promise<void>;
  close(): Promise<void>;
}

export type OpenMailbox = (url: string, folder: string) => Promise<MailboxSession>;

/** Host, port, TLS and credentials of an imap:// or imaps:// URL; the folder is its path (default INBOX). */
export function parseImapUrl(url: string): { host: string; port: number; secure: boolean; user: string; pass: string; folder: string } {
  const u = new URL(url);
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') throw new Error('an IMAP URL starts with imap:// or imaps://');
  if (!u.hostname) throw new Error('an IMAP URL names its host');
  const secure = u.protocol === 'imaps:';
  const folder = decodeURIComponent(u.pathname.replace(/^\/+/, '')) || 'INBOX';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    folder,
  };
}

export const openImapMailbox: OpenMailbox = async (url, folder) => {
  const p = parseImapUrl(url);
  // Loaded on first use: ~0.4 s of CPU at start-up, for mailboxes many installations never set up.
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({
    host: p.host,
    port: p.port,
    secure: p.secure,
    auth: { user: p.user, pass: p.pass },
    logger: false,
    // Bounded waits: a dead server costs one poll and a recorded error, never a stuck worker.
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  });
  // An 'error' event without a listener would end the process; the failing command rejects as well.
  client.on('error', () => {});
  await client.connect();
  try {
    const lock = await client.getMailboxLock(folder);
    const uidValidity = String(client.mailbox ? client.mailbox.uidValidity : '');
    return {
      uidValidity,
      async list(afterUid, limit) {
        // UIDs first, then the headers of the first `limit` only: a large folder's first poll stays small.
        const found = await client.search({ uid: `${afterUid + 1}:*` }, { uid: true });
        const uids = (found || [])
          .filter((uid) => uid > afterUid)
          .sort((a, b) => a - b)
          .slice(0, limit);
        const out: ListedMessage[] = [];
        if (uids.length === 0) return out;
        for await (const m of client.fetch(uids.join(','), { uid: true, size: true, internalDate: true, headers: true }, { uid: true })) {
          const header = m.headers ?? Buffer.alloc(0);
          out.push({
            uid: m.uid,
            size: m.size ?? 0,
            internalDate: m.internalDate ? new Date(m.internalDate) : null,
            messageId: messageIdHeader(header),
            header,
          });
        }
        return out.sort((a, b) => a.uid - b.uid);
      },
      async source(uid) {
        const m = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        const source = m ? m.source : undefined;
        if (!source) throw new Error(`message UID ${uid} is no longer in the folder`);
        return source;
      },
      async markSeen(uid) {
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      },
      async close() {
        lock.release();
        await client.logout().catch(() => client.close());
      },
    };
  } catch (err) {
    client.close();
    throw err;
  }
};

/** The Message-ID of a raw header block (unfolded), or null. */
export function messageIdHeader(header: Buffer): string | null {
  const text = header.toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const m = text.match(/^message-id:[ \t]*(.*?)\s*$/im);
  const id = m?.[1].trim();
  return id ? id.slice(0, 500) : null;
}
