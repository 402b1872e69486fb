/**
 * buildApp: the HTTP layer around the use cases. Everything it needs is passed in, so tests build it
 * on a fresh database and call it through `app.inject()` without a socket.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Deps } from '../use-cases/context.ts';
import type { DatabaseKind } from '../data/db.ts';
import { installErrorHandler } from './error-handler.ts';
import { installAuth } from './auth-hook.ts';
import { installValidation } from './validation.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { orgRoutes } from './routes/org.routes.ts';
import { policyRoutes } from './routes/policies.routes.ts';
import { unitPolicyRoutes } from './routes/unit-policy.routes.ts';
import { complaintRoutes } from './routes/complaints.routes.ts';
import { exportRoutes } from './routes/export.routes.ts';
import { portalRoutes } from './routes/portal.routes.ts';
import { statsRoutes } from './routes/stats.routes.ts';
import { inboxRoutes } from './routes/inbox.routes.ts';
import { reportRoutes } from './routes/reports.routes.ts';
import { caseworkRoutes } from './routes/casework.routes.ts';
import { compensationRoutes } from './routes/compensation.routes.ts';
import { serveWeb } from './web.ts';
import { installJsonCompression } from './compress-json.ts';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import path from 'node:path';
import { userRoutes } from './routes/users.routes.ts';
import { attachmentRoutes } from './routes/attachments.routes.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { importRoutes } from './routes/imports.routes.ts';
import { deliveryRoutes } from './routes/delivery.routes.ts';
import { mailIntakeRoutes } from './routes/mail-intake.routes.ts';
import { orgNodeRoutes } from './routes/org-nodes.routes.ts';
import { setupRoutes } from './routes/setup.routes.ts';
import { MAX_ATTACHMENT_BYTES } from '../use-cases/attachments/attachments.ts';
import type { NightlySettings } from '../use-cases/backup/backup-overview.ts';

export interface AppOptions {
  deps: Deps;
  databaseKind: DatabaseKind;
  sessionHours: number;
  logLevel?: string;
  /** Directory of the built web app; null serves the API only. */
  webDir?: string | null;
  /** Where attachment bytes are stored (outside the web root); default DATA_DIR/attachments. */
  attachmentsDir?: string;
  /** The embedded server's nightly backups, shown to administrators; null or absent on PostgreSQL. */
  backups?: NightlySettings | null;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logLevel && opts.logLevel !== 'silent' ? { level: opts.logLevel } : false,
    // 1 MiB of JSON is far more than any complaint; larger bodies are refused with 413.
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  });
  installErrorHandler(app);
  // Query strings are coerced, JSON bodies never; dates and Unicode are checked (src/http/validation.ts).
  installValidation(app);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    // A route that sets a stricter policy of its own (a served attachment, a printable report) keeps it.
    if (!reply.getHeader('content-security-policy')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
      );
    }
    return payload;
  });
  // After the headers above: larger JSON replies go compressed to clients that accept it (#20).
  installJsonCompression(app);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Plaint API',
        version: '0.1.0',
        description: 'Complaint handling under per-organisation policy packs. See docs/API.md.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6 } });
  installAuth(app, opts.deps);
  await healthRoutes(app, opts.deps, opts.databaseKind);
  await authRoutes(app, opts.deps, opts.sessionHours);
  await orgRoutes(app, opts.deps);
  await policyRoutes(app);
  await unitPolicyRoutes(app, opts.deps);
  await complaintRoutes(app, opts.deps);
  await exportRoutes(app, opts.deps);
  const attachmentsDir = opts.attachmentsDir ?? path.join(path.resolve(process.env.DATA_DIR?.trim() || './data'), 'attachments');
  await portalRoutes(app, opts.deps, attachmentsDir);
  await statsRoutes(app, opts.deps);
  await inboxRoutes(app, opts.deps);
  await reportRoutes(app, opts.deps);
  await userRoutes(app, opts.deps);
  await attachmentRoutes(app, opts.deps, attachmentsDir);
  await adminRoutes(app, opts.deps, opts.backups ?? null);
  await caseworkRoutes(app, opts.deps);
  await compensationRoutes(app, opts.deps);
  await importRoutes(app, opts.deps);
  await deliveryRoutes(app, opts.deps);
  await mailIntakeRoutes(app, opts.deps);
  await setupRoutes(app, opts.deps, opts.sessionHours);
  await orgNodeRoutes(app, opts.deps);
  if (opts.webDir) await serveWeb(app, opts.webDir);
  else
    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` } }),
    );
  return app;
}
