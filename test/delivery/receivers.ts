/**
 * Receiving ends for the delivery tests (issue #14): a real SMTP server (smtp-server) that keeps each
 * message, and an HTTP receiver per robot platform that checks the signature as the platform documents
 * it and refuses a bad one the way the platform does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  delivery: string;
  to: string[];
  subject: string;
  text: string;
}

function decodeWords(s: string): string {
  return s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' ')),
  );
}

function decodeQp(s: string): string {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const m = head.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'));
  return m ? m[1].trim() : '';
}

/** The text/plain part, decoded. */
function plainText(raw: string): string {
  const at = raw.search(/Content-Type: text\/plain/i);
  if (at < 0) return '';
  const part = raw.slice(at);
  const [head, ...rest] = part.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n').split(/\r?\n--/)[0];
  if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) return decodeQp(body);
  return body;
}

export async function startSmtp(opts: { refuse?: (address: string) => boolean } = {}) {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (opts.refuse?.(address.address)) {
        const err = new Error('550 5.1.1 mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          messageId: header(raw, 'Message-ID'),
          delivery: header(raw, 'X-Plaint-Delivery'),
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: decodeWords(header(raw, 'Subject')),
          text: plainText(raw),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface RobotHit {
  path: string;
  delivery: string | undefined;
  body: Record<string, unknown>;
}

/**
 * One HTTP server with a path per platform. `secrets` are the receiving end's own copies (a robot's
 * 加签 key, a webhook's HMAC key); a request whose signature does not match is refused as the platform
 * refuses it. `down()` closes the port and `up()` opens the same one again.
 */
export async function startRobots(secrets: { dingtalk?: string; feishu?: string; webhook?: string }, now: () => number = Date.now) {
  const accepted: RobotHit[] = [];
  const refused: RobotHit[] = [];
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://x');
      const body = JSON.parse(raw) as Record<string, unknown>;
      const hit: RobotHit = { path: url.pathname, delivery: req.headers['x-plaint-delivery'] as string | undefined, body };
      const answer = (status: number, json: unknown, ok: boolean) => {
        (ok ? accepted : refused).push(hit);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      };
      if (url.pathname === '/dingtalk' && secrets.dingtalk) {
        // open.dingtalk.com: sign = urlEncode(base64(HmacSHA256(key = secret, timestamp + "\n" + secret))), timestamp in ms within an hour.
        const ts = url.searchParams.get('timestamp') ?? '';
        const expected = createHmac('sha256', secrets.dingtalk).update(`${ts}\n${secrets.dingtalk}`).digest('base64');
        if (url.searchParams.get('sign') !== expected || Math.abs(now() - Number(ts)) > 3_600_000)
          return answer(200, { errcode: 310000, errmsg: 'sign not match' }, false);
      }
      if (url.pathname === '/feishu' && secrets.feishu) {
        // open.feishu.cn: sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")), timestamp in seconds.
        const ts = String(body.timestamp ?? '');
        const expected = createHmac('sha256', `${ts}\n${secrets.feishu}`).update('').digest('base64');
        if (body.sign !== expected || Math.abs(now() / 1000 - Number(ts)) > 3600)
          return answer(200, { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' }, false);
      }
      if (url.pathname === '/webhook' && secrets.webhook) {
        const expected = `sha256=${createHmac('sha256', secrets.webhook).update(raw).digest('hex')}`;
        if (req.headers['x-plaint-signature'] !== expected) return answer(401, { error: 'bad signature' }, false);
      }
      if (url.pathname === '/feishu') return answer(200, { code: 0, msg: 'success', data: {} }, true);
      if (url.pathname === '/webhook') return answer(202, { ok: true }, true);
      return answer(200, { errcode: 0, errmsg: 'ok' }, true);
    });
  };
  let server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    base: `http://127.0.0.1:${port}`,
    accepted,
    refused,
    down: close,
    async up() {
      server = http.createServer(handler);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    close,
  };
}
