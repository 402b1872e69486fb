/** Serves the built web app; any non-API path falls back to index.html so client routes work on reload. */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

export async function serveWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const index = path.join(webDir, 'index.html');
  // wildcard: files are looked up when asked for, so a rebuilt web/dist is served without a restart.
  await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: true, index: 'index.html' });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !fs.existsSync(index)) {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` } });
    }
    return reply.type('text/html; charset=utf-8').send(fs.readFileSync(index));
  });
}
