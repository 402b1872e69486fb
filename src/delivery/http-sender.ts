/**
 * Robot and webhook messages over HTTP (issue #14, item 3): 企业微信, 钉钉 (signed URL when the robot has
 * 加签), 飞书 (timestamp and sign in the body when the bot has 签名校验) and the generic webhook (HMAC
 * header). Every request carries the outbox id as `X-Plaint-Delivery` and `Idempotency-Key`.
 */
import { dingtalkSignedUrl, feishuSign, webhookSignature, type Transport } from '../domain/delivery/messages.ts';

const TIMEOUT_MS = 10_000;

export async function sendHttp(
  transport: Exclude<Transport, 'email'>,
  url: string,
  secret: string | null,
  outboxId: string,
  body: Record<string, unknown>,
  now: Date,
): Promise<void> {
  let target = url;
  let sent: Record<string, unknown> = body;
  if (transport === 'dingtalk' && secret) target = dingtalkSignedUrl(url, secret, now.getTime());
  if (transport === 'feishu' && secret) {
    const timestamp = Math.floor(now.getTime() / 1000);
    sent = { timestamp: String(timestamp), sign: feishuSign(secret, timestamp), ...body };
  }
  const text = JSON.stringify(sent);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-plaint-delivery': outboxId,
    'idempotency-key': outboxId,
  };
  if (transport === 'webhook' && secret) headers['x-plaint-signature'] = webhookSignature(secret, text);
  const res = await fetch(target, { method: 'POST', headers, body: text, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const answer = await res.text().catch(() => '');
  if (!res.ok) throw new Error(`HTTP ${res.status} ${answer.slice(0, 300)}`.trim());
  if (transport === 'webhook') return;
  // The robots answer 200 with an error code in the body: {"errcode":0} (WeCom, DingTalk), {"code":0} (Feishu).
  let parsed: { errcode?: number; errmsg?: string; code?: number; msg?: string; StatusCode?: number } = {};
  try {
    parsed = JSON.parse(answer);
  } catch {
    throw new Error(`unexpected answer: ${answer.slice(0, 300)}`);
  }
  const code = transport === 'feishu' ? (parsed.code ?? parsed.StatusCode ?? 0) : (parsed.errcode ?? 0);
  if (code !== 0) throw new Error(`${transport} error ${code}: ${parsed.errmsg ?? parsed.msg ?? answer.slice(0, 300)}`);
}
