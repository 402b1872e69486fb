/**
 * What an e-mail taken from a unit's mailbox becomes (issue #14, item 6), decided from its parsed
 * facts: refused (no sender to answer, or a machine's message), a new complaint's intake input, or a
 * customer message on the complaint whose code its subject carries. Pure: `now` is passed in.
 */
import type { NewComplaintInput } from '../intake/intake-input.ts';
import type { EventDataByType } from '../events.ts';
import { messageText } from './message-text.ts';

/** What the intake needs of a parsed message (src/mail/parse-message.ts). */
export interface MailFacts {
  messageId: string;
  from: { address: string | null; name: string | null } | null;
  subject: string | null;
  /** The Date header (null when absent or unreadable). */
  date: Date | null;
  /** When the server received it (IMAP INTERNALDATE). */
  internalDate: Date | null;
  text: string | null;
  html: string | null;
  /** The Auto-Submitted and Precedence headers (RFC 3834), lower-cased. */
  autoSubmitted: string | null;
  precedence: string | null;
}

/** The intake's own limits, as POST /api/complaints's schema has them (complaints.schema.ts). */
export const TITLE_MAX = 200;
export const CONTENT_MAX = 20_000;
export const NAME_MAX = 100;
/** A customer message's text in its event: enough to read, not a second copy of a long thread. */
export const MESSAGE_TEXT_MAX = 10_000;
/** A Date header this far ahead of now is a wrong clock, not a message from the future. */
const FUTURE_TOLERANCE_MS = 60_000;
const EARLIEST = Date.UTC(2000, 0, 1);

export const NO_SUBJECT = '（无主题邮件）';
export const NO_TEXT = '（邮件无正文）';
const TRUNCATED = '\n……（正文过长，已截断）';

const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Z}]/u;
const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** The sender's address, lower-cased, when it is one a reply can go to. */
export function senderAddress(m: MailFacts): string | null {
  const a = m.from?.address?.trim().toLowerCase() ?? '';
  return a.length <= 254 && ADDRESS.test(a) ? a : null;
}

/**
 * Why the whole message is refused, or null. A message without a sender cannot be answered (R-Q-1: a
 * complaint needs a way to reach the customer); an automatic message (an out-of-office reply, a bounce,
 * a list) is no complaint, and answering it with a receipt would start a loop of robots.
 */
export function refusal(m: MailFacts): string | null {
  if (!m.from?.address?.trim()) return 'no sender address (From)';
  const from = senderAddress(m);
  if (!from) return `the sender address "${m.from.address.slice(0, 100)}" is not an e-mail address`;
  if (m.autoSubmitted && m.autoSubmitted !== 'no') return `an automatic message (Auto-Submitted: ${m.autoSubmitted.slice(0, 40)})`;
  if (m.precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(m.precedence))
    return `an automatic message (Precedence: ${m.precedence})`;
  if (/^(mailer-daemon|postmaster)@/.test(from)) return 'a delivery report (from the mail system)';
  return null;
}

const sane = (d: Date | null, now: Date): d is Date =>
  d !== null && Number.isFinite(d.getTime()) && d.getTime() >= EARLIEST && d.getTime() <= now.getTime() + FUTURE_TOLERANCE_MS;

/** When the customer wrote: the Date header when it is sane, else when the server got it, else now. */
export function receivedAt(m: MailFacts, now: Date): Date {
  if (sane(m.date, now)) return m.date.getTime() > now.getTime() ? now : m.date;
  if (sane(m.internalDate, now)) return m.internalDate.getTime() > now.getTime() ? now : m.internalDate;
  return now;
}

function cap(s: string, max: number, marker = ''): { text: string; truncated: boolean } {
  const chars = [...s];
  if (chars.length <= max) return { text: s, truncated: false };
  return { text: chars.slice(0, max - [...marker].length).join('') + marker, truncated: true };
}

export function mailTitle(subject: string | null): string {
  const s = (subject ?? '').replace(/\s+/g, ' ').trim();
  return VISIBLE.test(s) ? cap(s, TITLE_MAX).text : NO_SUBJECT;
}

function mailContent(m: MailFacts): string {
  const text = messageText(m);
  return VISIBLE.test(text) ? cap(text, CONTENT_MAX, TRUNCATED).text : NO_TEXT;
}

function customerName(m: MailFacts, address: string): string {
  const name = (m.from?.name ?? '').replace(/^["'\s]+|["'\s]+$/g, '');
  return cap(VISIBLE.test(name) ? name : address, NAME_MAX).text;
}

/** A new complaint at `unitId` from a message `refusal` let through. */
export function complaintInput(m: MailFacts, unitId: string, now: Date): NewComplaintInput {
  const email = senderAddress(m);
  if (!email) throw new Error('complaintInput: a message without a sender address is refused first');
  return {
    unitId,
    channel: 'email',
    receivedAt: receivedAt(m, now).toISOString(),
    customer: { name: customerName(m, email), email },
    title: mailTitle(m.subject),
    content: mailContent(m),
  };
}

/** The `customer_message` event of a reply that joins the complaint of its subject's code. */
export function customerMessage(
  m: MailFacts,
  attachments: { stored: string[]; refused: { filename: string; reason: string }[] },
  customerEmail: string | null,
): EventDataByType['customer_message'] {
  const sender = senderAddress(m) ?? '';
  const { text, truncated } = cap(messageText(m), MESSAGE_TEXT_MAX);
  return {
    via: 'email',
    sender,
    fromCustomer: customerEmail !== null && customerEmail.trim().toLowerCase() === sender,
    subject: cap((m.subject ?? '').trim(), TITLE_MAX).text,
    text,
    truncated,
    messageId: m.messageId,
    attachments: attachments.stored,
    refusedAttachments: attachments.refused,
  };
}
