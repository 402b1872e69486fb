/**
 * What a notification says on each delivery channel (issue #14, item 3), pure: the Chinese text with the
 * complaint's code, level, unit, due time and a link, and each platform's documented message body and
 * signature. The sender (src/delivery/) only posts what these return.
 */
import { createHmac } from 'node:crypto';

export type Transport = 'email' | 'wecom' | 'dingtalk' | 'feishu' | 'webhook';
export const TRANSPORTS: readonly Transport[] = ['email', 'wecom', 'dingtalk', 'feishu', 'webhook'];

/** The complaint as a message describes it. */
export interface ComplaintInfo {
  id: string;
  code: string;
  /** The level's label (e.g. 重大), or its id when the pack has none. */
  levelLabel: string;
  level: string | null;
  unitName: string;
  /** Link to the complaint in the console. */
  link: string;
}

/** One notification as its message renders it. */
export interface MessageFacts {
  subject: string;
  kind: string;
  dueAt: string;
}

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** "2026-11-24 10:00" in China time. */
export function chinaTime(iso: string): string {
  const parts = Object.fromEntries(TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}`;
}

/** The lines every channel carries: subject, then 投诉编号, 级别, 单位, 时限, 链接. */
export function messageLines(c: ComplaintInfo, n: MessageFacts): { title: string; lines: [string, string][] } {
  return {
    title: n.subject,
    lines: [
      ['投诉编号', c.code],
      ['级别', c.levelLabel],
      ['单位', c.unitName],
      ['时限', chinaTime(n.dueAt)],
      ['链接', c.link],
    ],
  };
}

export interface EmailPayload {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function emailPayload(c: ComplaintInfo, n: MessageFacts): EmailPayload {
  const { title, lines } = messageLines(c, n);
  const text = [title, '', ...lines.map(([k, v]) => `${k}:${v}`), '', '—— Plaint 投诉处理系统'].join('\n');
  const rows = lines
    .map(
      ([k, v]) =>
        `<tr><th align="left">${escapeHtml(k)}</th><td>${k === '链接' ? `<a href="${escapeHtml(v)}">${escapeHtml(v)}</a>` : escapeHtml(v)}</td></tr>`,
    )
    .join('');
  return { subject: `[${c.code}] ${title}`, text, html: `<p><strong>${escapeHtml(title)}</strong></p><table>${rows}</table>` };
}

function markdown(c: ComplaintInfo, n: MessageFacts): string {
  const { title, lines } = messageLines(c, n);
  return [`### ${title}`, ...lines.map(([k, v]) => (k === '链接' ? `> ${k}:[${c.code}](${v})` : `> ${k}:${v}`))].join('\n');
}

/**
 * The JSON body a robot or webhook receives.
 * - 企业微信 group robot, markdown message: `{"msgtype":"markdown","markdown":{"content":"…"}}`
 *   (developer.work.weixin.qq.com/document/path/91770, 群机器人配置说明).
 * - 钉钉 custom robot, markdown message: `{"msgtype":"markdown","markdown":{"title":"…","text":"…"}}`
 *   (open.dingtalk.com, 自定义机器人发送群消息; signing is on the URL, see dingtalkSignedUrl).
 * - 飞书 custom bot, text message: `{"msg_type":"text","content":{"text":"…"}}`, with `timestamp` and `sign`
 *   added at send time when the bot has 签名校验 (open.feishu.cn/document/client-docs/bot-v3/add-custom-bot).
 * - generic webhook: Plaint's own JSON.
 */
export function robotBody(transport: Exclude<Transport, 'email'>, c: ComplaintInfo, n: MessageFacts): Record<string, unknown> {
  const { title, lines } = messageLines(c, n);
  switch (transport) {
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: markdown(c, n) } };
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title, text: markdown(c, n) } };
    case 'feishu':
      return { msg_type: 'text', content: { text: [title, ...lines.map(([k, v]) => `${k}:${v}`)].join('\n') } };
    case 'webhook':
      return {
        type: 'plaint.notification',
        kind: n.kind,
        subject: title,
        text: [title, ...lines.map(([k, v]) => `${k}:${v}`)].join('\n'),
        complaint: { id: c.id, code: c.code, level: c.level, levelLabel: c.levelLabel, unit: c.unitName, dueAt: n.dueAt, link: c.link },
      };
  }
}

/**
 * 钉钉 加签: string_to_sign = timestamp + "\n" + secret, HmacSHA256 keyed with the secret, Base64, then
 * URL-encoded, appended as `&timestamp=…&sign=…` (timestamp in milliseconds; the robot refuses one more
 * than an hour off). open.dingtalk.com/document/robots/customize-robot-security-settings.
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const u = new URL(url);
  u.searchParams.set('timestamp', String(timestampMs));
  u.searchParams.set('sign', dingtalkSign(secret, timestampMs));
  return u.toString();
}

/**
 * 飞书 签名校验: timestamp (seconds) + "\n" + secret is the HmacSHA256 KEY, the message is empty, the
 * result Base64; body fields `timestamp` (string) and `sign`
 * (open.feishu.cn/document/client-docs/bot-v3/add-custom-bot, "签名校验"; the SDK's SignDemo).
 */
export function feishuSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

/** The generic webhook's signature header value: `sha256=` + hex HMAC-SHA256 of the raw body with the channel's secret. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
