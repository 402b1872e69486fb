/**
 * A raw e-mail as the intake's facts (issue #14, item 6), with mailparser: it decodes MIME, encoded
 * words and the charsets Chinese mail is still sent in (GBK, GB2312, GB18030, Big5, through iconv-lite).
 * HTML is left as HTML: turning it into text is the domain's choice (domain/mail-intake/message-text.ts).
 */
import type { AddressObject } from 'mailparser';
import type { MailFacts } from '../domain/mail-intake/plan-mail.ts';

export interface MailAttachment {
  filename: string | null;
  content: Buffer;
}

export interface ParsedMail {
  facts: Omit<MailFacts, 'messageId' | 'internalDate'>;
  attachments: MailAttachment[];
}

function firstAddress(from: AddressObject | AddressObject[] | undefined): { address: string | null; name: string | null } | null {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  for (const group of list) {
    for (const a of group.value) {
      if (a.address) return { address: a.address, name: a.name || null };
      for (const member of a.group ?? []) if (member.address) return { address: member.address, name: member.name || null };
    }
  }
  return list.length ? { address: null, name: null } : null;
}

const headerText = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim().toLowerCase() : null);

export async function parseMessage(source: Buffer): Promise<ParsedMail> {
  // Loaded on first use: mailparser and its encodings cost ~0.4 s of CPU at start-up, for mailboxes many installations never set up.
  const { simpleParser } = await import('mailparser');
  const m = await simpleParser(source, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const date = m.date && Number.isFinite(m.date.getTime()) ? m.date : null;
  return {
    facts: {
      from: firstAddress(m.from),
      subject: m.subject ?? null,
      date,
      text: m.text ?? null,
      html: typeof m.html === 'string' ? m.html : null,
      autoSubmitted: headerText(m.headers.get('auto-submitted')),
      precedence: headerText(m.headers.get('precedence')),
    },
    attachments: m.attachments.map((a) => ({ filename: a.filename ?? null, content: a.content })),
  };
}
