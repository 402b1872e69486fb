/**
 * Serves the built web app; any non-API path falls back to index.html so client routes work on reload.
 * Compression and caching (#20): the build writes .br and .gz beside each text file (src/web-precompress.ts)
 * and `preCompressed` sends the one Accept-Encoding allows, with `Vary: Accept-Encoding`. Files under
 * /assets/ carry a content hash in their names, so a browser may keep them a year without asking again;
 * index.html names those hashes, so it is revalidated on every load and a rebuild reaches users at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

const PORTAL_PAGE = 'portal.html';

/** /portal, /portal/…, /portal?… — not /portal-something. */
const isPortalPath = (url: string): boolean => /^\/portal(?:[/?#]|$)/.test(url);

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** The path send() opened may be a compressed sibling (app.js.br): its place, not its suffix, decides. */
function cacheControlFor(webDir: string, filePath: string): string {
  const relative = path.relative(webDir, filePath).split(path.sep);
  return relative.length > 1 && relative[0] === 'assets' ? IMMUTABLE : REVALIDATE;
}

export async function serveWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const root = path.resolve(webDir);
  const index = path.join(root, 'index.html');
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // wildcard: files are looked up when asked for, so a rebuilt web/dist is served without a restart.
    wildcard: true,
    index: 'index.html',
    preCompressed: true,
    // send()'s own `public, max-age=0` is replaced below, per file.
    cacheControl: false,
    setHeaders: (reply, filePath) => reply.header('cache-control', cacheControlFor(root, filePath)),
  });
  app.setNotFoundHandler((request, reply: FastifyReply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !fs.existsSync(index)) {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` } });
    }
    // A client route (/complaints/…) reloaded: index.html, compressed and revalidated like `/` itself. The
    // customer portal is a page of its own (portal.html, #20), when the build has one.
    const page = isPortalPath(request.url) && fs.existsSync(path.join(root, PORTAL_PAGE)) ? PORTAL_PAGE : 'index.html';
    return reply.code(200).sendFile(page, root);
  });
}
