/**
 * A message's attachments under the same content checks as uploads (issue #14, item 6;
 * attachments.ts): the content decides the type, never the name; at most 10 MB each. Those that pass
 * have their bytes stored (content-addressed, before any row refers to them); those that fail are
 * named with the reason, for the intake record and the customer message.
 */
import { createHash, randomUUID } from 'node:crypto';
import { MAX_ATTACHMENT_BYTES, safeFilename, sniffType, storeBytes, type SniffedType } from '../attachments/attachments.ts';
import type { MailAttachment } from '../../mail/parse-message.ts';
import type { MailAttachmentResult } from '../../data/schema.ts';

/** More than this many files in one message are refused, each named: a message is not an archive. */
export const MAX_MAIL_ATTACHMENTS = 20;

export interface StoredMailAttachment {
  id: string;
  filename: string;
  mime: SniffedType;
  size: number;
  sha256: string;
}

export interface CheckedAttachments {
  stored: StoredMailAttachment[];
  refused: { filename: string; reason: string }[];
  /** Every attachment in the message's order, as the intake record lists them. */
  results: MailAttachmentResult[];
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function verdict(a: MailAttachment, index: number, maxBytes: number): { mime: SniffedType } | { refused: string } {
  if (index >= MAX_MAIL_ATTACHMENTS) return { refused: `more than ${MAX_MAIL_ATTACHMENTS} attachments in one message` };
  if (a.content.length === 0) return { refused: 'empty' };
  if (a.content.length > maxBytes) return { refused: `${mb(a.content.length)}, over the ${mb(maxBytes)} limit for attachments` };
  const mime = sniffType(a.content);
  return mime
    ? { mime }
    : { refused: 'not an accepted type: only JPEG, PNG, WebP, GIF images and PDF documents (the content decides, not the name)' };
}

export async function checkMailAttachments(
  attachments: MailAttachment[],
  dir: string,
  maxBytes = MAX_ATTACHMENT_BYTES,
): Promise<CheckedAttachments> {
  const out: CheckedAttachments = { stored: [], refused: [], results: [] };
  for (const [i, a] of attachments.entries()) {
    const v = verdict(a, i, maxBytes);
    if ('refused' in v) {
      const shownName = (a.filename ?? '').trim().slice(0, 200) || `attachment-${i + 1}`;
      out.refused.push({ filename: shownName, reason: v.refused });
      out.results.push({ filename: shownName, size: a.content.length, stored: false, reason: v.refused });
      continue;
    }
    const { mime } = v;
    const sha256 = createHash('sha256').update(a.content).digest('hex');
    await storeBytes(dir, sha256, a.content);
    const filename = safeFilename(a.filename ?? undefined, mime);
    out.stored.push({ id: randomUUID(), filename, mime, size: a.content.length, sha256 });
    out.results.push({ filename, size: a.content.length, stored: true, reason: null });
  }
  return out;
}
