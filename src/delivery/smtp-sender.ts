/**
 * E-mail over SMTP with nodemailer (issue #14, item 3). The Message-ID is the outbox row's id
 * (`<id@plaint>`), so a receiver that gets the same message twice — after a crash between sending and
 * recording — can tell.
 */
import nodemailer, { type Transporter } from 'nodemailer';

export interface SmtpDefaults {
  /** PLAINT_SMTP_URL, e.g. smtp://user:pass@host:587 (null: no default; a company needs its own e-mail channel). */
  url: string | null;
  /** PLAINT_MAIL_FROM. */
  from: string;
}

const transports = new Map<string, Transporter>();

function transportFor(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    // Bounded waits: a dead server costs an attempt, never a stuck worker.
    t = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as Parameters<
      typeof nodemailer.createTransport
    >[0]);
    transports.set(url, t);
  }
  return t;
}

export function messageIdOf(outboxId: string): string {
  return `<${outboxId}@plaint>`;
}

export async function sendEmail(
  smtpUrl: string,
  from: string,
  outboxId: string,
  payload: { to: string; subject: string; text: string; html?: string },
): Promise<void> {
  const info = await transportFor(smtpUrl).sendMail({
    from,
    to: payload.to,
    subject: payload.subject,
    text: payload.text,
    html: payload.html,
    messageId: messageIdOf(outboxId),
    headers: { 'X-Plaint-Delivery': outboxId },
  });
  if (info.rejected?.length) throw new Error(`recipient refused: ${info.rejected.map(String).join(', ')} ${info.response ?? ''}`.trim());
}

/** Closes pooled connections (shutdown, tests). */
export function closeSmtpTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}
