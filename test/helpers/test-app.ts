/**
 * Builds the real app on a fresh database with a clock the test controls, the demo organisation and
 * one user per role (unless `users: false`), and logs in through the API as a client would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { ensureDemoOrganisation } from '../../src/seed/seed-demo.ts';
import { DEMO_USERS } from '../../src/seed/demo-org.ts';
import { freshDatabase, type TestDatabase } from './test-db.ts';
import { TEST_PASSWORD } from './template-db.ts';
import type { Deps } from '../../src/use-cases/context.ts';
import { ensureCheckpoint } from '../../src/use-cases/write-checkpoint.ts';
import type { NightlySettings } from '../../src/use-cases/backup/backup-overview.ts';

export { TEST_PASSWORD };
export const TEST_LOG_KEY = Buffer.alloc(32, 0x42);

export interface TestApp {
  app: FastifyInstance;
  attachmentsDir: string;
  database: TestDatabase;
  clock: { now: Date; set(iso: string | Date): void; advance(ms: number): void };
  deps: Deps;
  token(role?: string): Promise<string>;
  /** A bearer token for any user with TEST_PASSWORD, e.g. one made by factories.ts's buildUser. */
  tokenFor(user: { email: string }): Promise<string>;
  /** As the demo user of `role` (default agent), or as `as` (a user of the test's own). */
  api(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    opts?: { role?: string; as?: { email: string }; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function createTestApp(
  opts: {
    now?: string;
    users?: boolean;
    /** An empty installation: the migrated schema only, no demo organisation nor users (the first run, issue #16 item 1). */
    empty?: boolean;
    sessionHours?: number;
    backups?: NightlySettings;
  } = {},
): Promise<TestApp> {
  // The demo organisation and its users (their argon2 hashes are the slow part) come with the template.
  const database = await freshDatabase({ template: opts.users === false || opts.empty ? 'migrated' : 'demo' });
  const clock = {
    now: new Date(opts.now ?? '2026-11-24T02:00:00.000Z'),
    set(iso: string | Date) {
      this.now = new Date(iso);
    },
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  // A fixed test key: what PLAINT_LOG_KEY or DATA_DIR/log.key gives a real process (src/log-key.ts).
  const deps: Deps = { db: database.db, now: () => clock.now, logKey: TEST_LOG_KEY };
  // As at start-up (src/main.ts): the first checkpoint right after the migrations.
  await ensureCheckpoint(deps);
  if (opts.users === false && !opts.empty) await ensureDemoOrganisation(database.db);
  const attachmentsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaint-attachments-'));
  // Tests move the clock by weeks; sessions must outlive that unless a test is about their expiry.
  const sessionHours = opts.sessionHours ?? 24 * 365;
  const app = await buildApp({
    deps,
    databaseKind: database.kind,
    attachmentsDir,
    sessionHours,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    webDir: null,
    backups: opts.backups ?? null,
  });
  const tokens = new Map<string, string>();
  const tokenFor = async ({ email }: { email: string }) => {
    const cached = tokens.get(email);
    if (cached) return cached;
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
    const t = res.json().token as string;
    tokens.set(email, t);
    return t;
  };
  const token = async (role = 'agent') => {
    const user = DEMO_USERS.find((u) => u.role === role);
    if (!user) throw new Error(`no demo user with role ${role}`);
    return tokenFor(user);
  };
  return {
    app,
    attachmentsDir,
    database,
    clock,
    deps,
    token,
    tokenFor,
    async api(method, url, body, o = {}) {
      const t = await (o.as ? tokenFor(o.as) : token(o.role));
      return app.inject({ method, url, payload: body as never, headers: { authorization: `Bearer ${t}`, ...(o.headers ?? {}) } });
    },
    async close() {
      await app.close();
      await database.drop();
      fs.rmSync(attachmentsDir, { recursive: true, force: true });
    },
  };
}
