/**
 * The load generator's HTTP client: node:http over kept-alive sockets, one per client. The bench runs
 * on the same two cores as the server and its database, so what the client spends is taken from them:
 * `fetch` cost this process ~1.0 ms of CPU per intake at 32 clients (a fifth of the whole intake's
 * budget at the target rate), this client a fraction of that (docs/PERFORMANCE.md, "Method"). The
 * raw ceiling's client is a bare `pg` pool, which is cheap too. The requests themselves are the
 * open-loop bench's caller (bench/http-caller.ts), bound to POST.
 */
import { httpCaller } from './http-caller.ts';

export interface PostJson {
  /** POSTs `body` as JSON and resolves to the status; the answer is read and dropped. */
  (path: string, body: unknown): Promise<number>;
  close(): void;
}

export function jsonPoster(base: string, token: string, opts: { sockets: number; timeoutMs: number }): PostJson {
  const call = httpCaller(base, token, opts);
  const post = ((path: string, body: unknown) => call('POST', path, body)) as PostJson;
  post.close = () => call.close();
  return post;
}
