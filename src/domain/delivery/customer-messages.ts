/**
 * What Plaint tells the customer (issue #14, item 5; R-IN-5 "the customer gets an acknowledgement with a
 * tracking code and can follow progress"), pure: the receipt when a complaint is taken in, the reply once
 * it reaches the customer (the `replied` event: at once, or after approval), and the return-visit
 * invitation with its link to rate once the customer has confirmed. Each goes by e-mail when the
 * customer has an address, and through every webhook channel of the company that names the message's
 * kind (an SMS gateway) when the customer has a phone. Group robots never carry them: a chat group is
 * not the customer. Each message sent is a `customer_notified` event on the complaint; a unit turns any
 * of them off in its settings (`customerMessages`).
 */
import type { OutboxRow, ChannelConfig } from './plan-outbox.ts';
import { channelCarries } from './plan-outbox.ts';
import { chinaTime, type EmailPayload } from './messages.ts';
import { maskEmail, maskPhone } from '../contact-mask.ts';
import type { NewEvent } from '../chain-events.ts';
import type { ClockRecord } from '../contracts.ts';

/** The receipt's "what happens next, when": the running time limits, labelled as the pack names them, soonest first. */
export function runningLimits(
  pack: { clocks: readonly { name: string; labelZh: string }[] },
  clocks: readonly ClockRecord[],
): { labelZh: string; dueAt: string }[] {
  return clocks
    .filter((c) => c.state === 'running')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
    .map((c) => ({ labelZh: pack.clocks.find((d) => d.name === c.name)?.labelZh ?? c.name, dueAt: c.dueAt }));
}

export type CustomerMessage = 'receipt' | 'reply' | 'visit_invitation';
export const CUSTOMER_MESSAGES: readonly CustomerMessage[] = ['receipt', 'reply', 'visit_invitation'];

/** The notification kind a channel's `kinds` filter names to carry a customer message. */
export const customerKind = (m: CustomerMessage) => `customer_${m}` as const;
export const CUSTOMER_KINDS = CUSTOMER_MESSAGES.map(customerKind);

/** A unit's switches (org node settings.customerMessages); a message not named is on. */
export type CustomerMessageSwitches = Record<CustomerMessage, boolean>;

export function customerMessageSwitches(settings: Record<string, unknown> | null | undefined): CustomerMessageSwitches {
  const raw = (settings?.customerMessages ?? {}) as Partial<Record<CustomerMessage, unknown>>;
  return {
    receipt: raw.receipt !== false,
    reply: raw.reply !== false,
    visit_invitation: raw.visit_invitation !== false,
  };
}

export interface CustomerContact {
  name: string;
  email: string | null;
  phone: string | null;
}

/** One way a message reaches the customer. */
export interface CustomerRoute {
  via: 'email' | 'webhook';
  /** The address or phone number the message goes to. */
  to: string;
  /** The company channel used; null for e-mail through the installation's default SMTP. */
  channelId: string | null;
  channelName: string | null;
}

/** The messages a step's events call for: the reply when it reaches the customer, the invitation when they confirm. */
export function customerMessagesFor(events: readonly { type: string }[]): CustomerMessage[] {
  const out: CustomerMessage[] = [];
  if (events.some((e) => e.type === 'replied')) out.push('reply');
  if (events.some((e) => e.type === 'confirmed')) out.push('visit_invitation');
  return out;
}

/**
 * How `message` reaches the customer, or [] when the unit turned it off or there is no way. E-mail goes
 * through the company's e-mail channel that carries the kind when the company has e-mail channels, and
 * through the default SMTP when it has none (as staff notices do, plan-outbox.ts). A webhook carries it
 * only when its `kinds` name it: an empty filter means "all staff notices", never texts to customers.
 */
export function customerRoutes(
  message: CustomerMessage,
  contact: CustomerContact | null,
  switches: CustomerMessageSwitches,
  channels: readonly ChannelConfig[],
): CustomerRoute[] {
  if (!contact || !switches[message]) return [];
  const kind = customerKind(message);
  const routes: CustomerRoute[] = [];
  const email = contact.email?.trim().toLowerCase();
  if (email) {
    const emailChannels = channels.filter((c) => c.kind === 'email' && c.enabled);
    const via = emailChannels.length ? emailChannels.find((c) => channelCarries(c, kind, null)) : null;
    if (via !== undefined) routes.push({ via: 'email', to: email, channelId: via?.id ?? null, channelName: via?.name ?? null });
  }
  const phone = contact.phone?.trim();
  if (phone) {
    for (const ch of channels) {
      if (ch.kind === 'webhook' && ch.enabled && ch.kinds.includes(kind)) {
        routes.push({ via: 'webhook', to: phone, channelId: ch.id, channelName: ch.name });
      }
    }
  }
  return routes;
}

/** The `customer_notified` events of a message's routes; the address is masked as lists show it (R-IN-4). */
export function notifiedEvents(message: CustomerMessage, routes: readonly CustomerRoute[]): NewEvent[] {
  return routes.map((r) => ({
    type: 'customer_notified',
    data: { message, via: r.via, to: (r.via === 'email' ? maskEmail(r.to) : maskPhone(r.to)) ?? '' },
  }));
}

/** What a message says; `secret` is null when it cannot be given again (a complaint from before derived secrets). */
export interface CustomerMessageFacts {
  complaintId: string;
  code: string;
  title: string;
  unitName: string;
  customerName: string;
  /** The console's public address (PLAINT_PUBLIC_URL). */
  baseUrl: string;
  secret: string | null;
  /** The receipt: the running time limits, in order of due time. */
  next?: { labelZh: string; dueAt: string }[];
  /** The reply: its text. */
  replyText?: string;
}

/**
 * The portal link: the code in the query, the secret in the fragment, which a browser never sends to a
 * server, so the secret stays out of access logs and Referer headers.
 */
export function portalLink(baseUrl: string, code: string, secret: string | null): string {
  const base = `${baseUrl.replace(/\/+$/, '')}/portal?code=${encodeURIComponent(code)}`;
  return secret ? `${base}#secret=${encodeURIComponent(secret)}` : base;
}

function lines(message: CustomerMessage, f: CustomerMessageFacts): { subject: string; body: string[] } {
  const link = portalLink(f.baseUrl, f.code, f.secret);
  const secretLine = f.secret ? `查询密码：${f.secret}` : '查询密码：见受理回执';
  switch (message) {
    case 'receipt':
      return {
        subject: `[${f.code}] 您的投诉已受理：${f.title}`,
        body: [
          `${f.customerName}，您好：`,
          '',
          `您的投诉“${f.title}”已由${f.unitName}受理。`,
          `受理编号：${f.code}`,
          secretLine,
          '',
          '接下来：',
          ...(f.next?.length
            ? f.next.map((n) => `· ${n.labelZh}：${chinaTime(n.dueAt)} 前`)
            : ['· 我们将核实您反映的情况，并尽快与您联系。']),
          '',
          `凭受理编号和查询密码可随时查看处理进度、确认答复并评价：${link}`,
          '请妥善保存查询密码。回复本邮件时请保留主题中的受理编号，您的补充说明将并入本次投诉。',
        ],
      };
    case 'reply':
      return {
        subject: `[${f.code}] 关于您的投诉的答复：${f.title}`,
        body: [
          `${f.customerName}，您好：`,
          '',
          `关于您的投诉“${f.title}”（受理编号 ${f.code}），${f.unitName}答复如下：`,
          '',
          f.replyText ?? '',
          '',
          `如您认可以上答复，请在以下页面确认；如有异议，也可在该页面说明：${link}`,
          secretLine,
        ],
      };
    case 'visit_invitation':
      return {
        subject: `[${f.code}] 邀请您评价本次投诉处理`,
        body: [
          `${f.customerName}，您好：`,
          '',
          `感谢您确认我们对投诉“${f.title}”（受理编号 ${f.code}）的答复。`,
          `请花一分钟为${f.unitName}的处理打分（1–5 分），您的意见将用于改进我们的工作：`,
          link,
          secretLine,
        ],
      };
  }
}

const SIGNATURE = '—— 本邮件由投诉处理系统发出';
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function customerEmail(message: CustomerMessage, f: CustomerMessageFacts): EmailPayload {
  const { subject, body } = lines(message, f);
  const text = [...body, '', SIGNATURE].join('\n');
  const link = portalLink(f.baseUrl, f.code, f.secret);
  const html = [...body, '', SIGNATURE]
    .map((l) => {
      const escaped = escapeHtml(l);
      return l.includes(link) ? escaped.replace(escapeHtml(link), `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`) : escaped;
    })
    .join('<br>\n');
  return { subject, text, html: `<div>${html}</div>` };
}

/** The webhook's JSON for an SMS gateway: who, and one short text. */
export function customerWebhookBody(message: CustomerMessage, f: CustomerMessageFacts, phone: string): Record<string, unknown> {
  const link = portalLink(f.baseUrl, f.code, f.secret);
  const text =
    message === 'receipt'
      ? `【${f.unitName}】您的投诉已受理，编号${f.code}${f.secret ? `，查询密码${f.secret}` : ''}。查询进度：${link}`
      : message === 'reply'
        ? `【${f.unitName}】您的投诉${f.code}已答复：${(f.replyText ?? '').slice(0, 200)} 详情及确认：${link}`
        : `【${f.unitName}】感谢您确认投诉${f.code}的处理结果，请为本次处理评分：${link}`;
  return {
    type: 'plaint.customer_message',
    kind: customerKind(message),
    message,
    to: phone,
    text,
    complaint: { id: f.complaintId, code: f.code, link },
  };
}

/** The outbox rows of a message's routes, due at once. */
export function customerOutbox(
  message: CustomerMessage,
  routes: readonly CustomerRoute[],
  f: CustomerMessageFacts,
  now: Date,
): OutboxRow[] {
  const at = { created_at: now.toISOString(), next_attempt_at: now.toISOString() };
  return routes.map((r) => ({
    notification_id: null,
    complaint_id: f.complaintId,
    channel_id: r.channelId,
    transport: r.via,
    recipient: r.to,
    payload:
      r.via === 'email'
        ? { ...customerEmail(message, f), to: r.to, customerMessage: message }
        : { body: customerWebhookBody(message, f, r.to), customerMessage: message },
    ...at,
  }));
}
