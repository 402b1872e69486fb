/**
 * The load generator's HTTP client: node:http over kept-alive sockets, one per client. The bench runs
 * on the same two cores as the server and its database, so what the client spends is taken from them:
 * `fetch` cost this process ~1.0 ms of CPU per intake at 32 clients (a fifth of the whole intake's
 * budget at the target rate), this client a fraction of that (docs/PERFORMANCE.md, "Method"). The
 * raw ceiling's client is a bare `pg` pool, which is cheap too.
 */
import http from 'node:http';

export interface PostJson {
  /** POSTs `body` as JSON and resolves to the status; the answer is read and dropped. */
  (path: string, body: unknown): Promise<number>;
  close(): void;
}

export function jsonPoster(base: string, token: string, opts: { sockets: number; timeoutMs: number }): PostJson {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.sockets });
  const post = ((path: string, body: unknown) =>
    new Promise<number>((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify(body));
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path,
          timeout: opts.timeoutMs,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': payload.length },
        },
        (res) => {
          res.resume();
          res.once('end', () => resolve(res.statusCode ?? 0));
          res.once('error', reject);
        },
      );
      req.once('timeout', () => req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })));
      req.once('error', reject);
      req.end(payload);
    })) as PostJson;
  post.close = () => agent.destroy();
  return post;
}
