/** Serves the built web app; any non-API path falls back to index.html so client routes work on reload. */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

export async function serveWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const index = path.join(webDir, 'index.html');
  await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !fs.existsSync(index)) {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` } });
    }
    return reply.type('text/html; charset=utf-8').send(fs.readFileSync(index));
  });
}
