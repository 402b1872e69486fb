/**
 * Raw e-mails as mail programs send them, for the intake tests (issue #14 item 6): UTF-8, or a Chinese
 * legacy charset (GBK, GB2312, Big5) encoded with iconv-lite the way Outlook and Foxmail still do,
 * plain, HTML only, or multipart with attachments (base64).
 */
import iconv from 'iconv-lite';

export interface MailSpec {
  from?: string;
  /** Display name of the sender; encoded as an RFC 2047 word in `charset`. */
  fromName?: string;
  to?: string;
  subject?: string;
  date?: string;
  messageId?: string | null;
  text?: string;
  html?: string;
  charset?: 'utf-8' | 'GBK' | 'GB2312' | 'Big5';
  attachments?: { filename: string; type: string; content: Buffer }[];
  headers?: Record<string, string>;
}

let n = 0;

const encodeWord = (s: string, charset: string) => `=?${charset}?B?${iconv.encode(s, charset).toString('base64')}?=`;

function base64Lines(b: Buffer): string {
  return (b.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

/** The message as bytes. */
export function rawMail(spec: MailSpec): Buffer {
  const charset = spec.charset ?? 'utf-8';
  const from = spec.from ?? 'customer@example.com';
  const head: string[] = [
    `From: ${spec.fromName ? `${encodeWord(spec.fromName, charset)} ` : ''}<${from}>`,
    `To: ${spec.to ?? 'complaints@plaint.test'}`,
    `Subject: ${spec.subject === undefined ? encodeWord('投诉', charset) : spec.subject === '' ? '' : encodeWord(spec.subject, charset)}`,
    `Date: ${spec.date ?? 'Tue, 24 Nov 2026 09:30:00 +0800'}`,
    'MIME-Version: 1.0',
  ];
  if (spec.messageId !== null) head.push(`Message-ID: ${spec.messageId ?? `<test-${Date.now()}-${++n}@example.com>`}`);
  for (const [k, v] of Object.entries(spec.headers ?? {})) head.push(`${k}: ${v}`);
  const parts: Buffer[] = [];
  const textPart = (type: 'plain' | 'html', body: string) =>
    Buffer.concat([
      Buffer.from(`Content-Type: text/${type}; charset=${charset}\r\nContent-Transfer-Encoding: base64\r\n\r\n`),
      Buffer.from(base64Lines(iconv.encode(body, charset))),
    ]);
  const bodies: Buffer[] = [];
  if (spec.text !== undefined) bodies.push(textPart('plain', spec.text));
  if (spec.html !== undefined) bodies.push(textPart('html', spec.html));
  const attachments = spec.attachments ?? [];
  if (attachments.length === 0 && bodies.length <= 1) {
    const body = bodies[0] ?? textPart('plain', '');
    return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n`), body, Buffer.from('\r\n')]);
  }
  const boundary = `----=_plaint_${++n}`;
  head.push(`Content-Type: multipart/mixed; boundary="${boundary}"`);
  for (const b of bodies) parts.push(b);
  for (const a of attachments)
    parts.push(
      Buffer.concat([
        Buffer.from(
          `Content-Type: ${a.type}; name="${a.filename}"\r\nContent-Disposition: attachment; filename="${a.filename}"\r\nContent-Transfer-Encoding: base64\r\n\r\n`,
        ),
        Buffer.from(base64Lines(a.content)),
      ]),
    );
  const chunks: Buffer[] = [Buffer.from(`${head.join('\r\n')}\r\n\r\n`)];
  for (const p of parts) chunks.push(Buffer.from(`--${boundary}\r\n`), p, Buffer.from('\r\n'));
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** A 1×1 PNG and a minimal PDF: accepted by the content checks. */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
/** A Windows executable's first bytes (MZ): refused whatever its name. */
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);
