/**
 * Compresses the API's larger JSON replies for browsers that accept it (#20). After sign-in the console
 * reads the queue page and every policy pack, about 180 KB of JSON; on a 1.6 Mbit/s phone link that alone
 * was a second. Brotli at quality 5 (or gzip 6) shrinks such JSON 6–10× in a millisecond or two, so it is
 * done per reply; small replies (most writes) are left as they are, where compressing costs more than it saves.
 * Streams (exports, attachments) and replies that already carry an encoding are not touched.
 * Only GET replies: the ones that carry a secret (login's CSRF token, a new API token, a portal complaint's
 * secret) answer POSTs, so no secret is compressed beside input an attacker could choose (BREACH).
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Below about one packet compression cannot save a round trip. */
export const MIN_COMPRESS_BYTES = 1024;

/** br when the client lists it (with q > 0), else gzip, else nothing. */
export function negotiate(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null;
  const accepted = new Set<string>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

function addVary(reply: FastifyReply): void {
  const vary = String(reply.getHeader('vary') ?? '');
  if (
    !vary
      .toLowerCase()
      .split(',')
      .some((v) => v.trim() === 'accept-encoding' || v.trim() === '*')
  ) {
    reply.header('vary', vary ? `${vary}, accept-encoding` : 'accept-encoding');
  }
}

export function installJsonCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.method !== 'GET') return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload;
    if (reply.getHeader('content-encoding')) return payload;
    // Whether or not this one is compressed, the answer depends on the request's Accept-Encoding.
    addVary(reply);
    const encoding = negotiate(request.headers['accept-encoding']);
    const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
    if (!encoding || bytes.length < MIN_COMPRESS_BYTES) return payload;
    const compressed =
      encoding === 'br'
        ? await brotli(bytes, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
              [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            },
          })
        : await gzip(bytes, { level: 6 });
    reply.header('content-encoding', encoding);
    // Fastify counts the length of what is returned here; one a handler set would describe the plain body.
    reply.removeHeader('content-length');
    return compressed;
  });
}
