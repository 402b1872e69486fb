/**
 * The open-loop bench's HTTP client: any method, node:http over a kept-alive agent with enough sockets
 * that a request never waits on the client for a free one (an open loop must not queue where the
 * server cannot see it). The answer is read and dropped: parsing it would spend the cores the server
 * is measured on. Nagle is off on every socket (node:http's default since Node 18, set again here).
 */
import http from 'node:http';

export interface Caller {
  /** Resolves to the status once the whole answer has been read; rejects on transport errors and timeouts. */
  (method: 'GET' | 'POST', path: string, body?: unknown): Promise<number>;
  close(): void;
}

export function httpCaller(base: string, token: string, opts: { sockets: number; timeoutMs: number }): Caller {
  const url = new URL(base);
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: opts.sockets,
    maxFreeSockets: opts.sockets,
    noDelay: true,
  } as http.AgentOptions);
  const call = ((method: 'GET' | 'POST', path: string, body?: unknown) =>
    new Promise<number>((resolve, reject) => {
      const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path,
          timeout: opts.timeoutMs,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          },
        },
        (res) => {
          res.resume();
          res.once('end', () => resolve(res.statusCode ?? 0));
          res.once('error', reject);
        },
      );
      req.once('timeout', () => req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })));
      req.once('error', reject);
      req.end(payload ?? undefined);
    })) as Caller;
  call.close = () => agent.destroy();
  return call;
}
