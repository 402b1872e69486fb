/**
 * Like test/helpers/test-app.ts, plus what the second security part needs: an attachments
 * directory in a temp dir, cookie-aware requests and a row count of every table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { ensureDemoOrganisation } from '../../src/seed/seed-demo.ts';
import { ensureUser } from '../../src/use-cases/auth.ts';
import { DEMO_USERS } from '../../src/seed/demo-org.ts';
import { freshDatabase } from '../helpers/test-db.ts';
import type { TestApp } from '../helpers/test-app.ts';

export const TEST_PASSWORD = 'test-password-1';

export interface SecApp extends TestApp {
  attachmentsDir: string;
  emailOf(role: string): string;
  login(role: string, extra?: Record<string, unknown>): Promise<LightMyRequestResponse>;
  tableCounts(): Promise<Record<string, number>>;
}

export async function createSecApp(opts: { now?: string; sessionHours?: number } = {}): Promise<SecApp> {
  const database = await freshDatabase();
  const attachmentsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaint-att-'));
  const clock = {
    now: new Date(opts.now ?? '2026-11-24T02:00:00.000Z'),
    set(iso: string | Date) {
      this.now = new Date(iso);
    },
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const deps = { db: database.db, now: () => clock.now };
  await ensureDemoOrganisation(database.db);
  for (const u of DEMO_USERS) await ensureUser(deps, { ...u, password: TEST_PASSWORD });
  const app = await buildApp({ deps, databaseKind: database.kind, sessionHours: opts.sessionHours ?? 24 * 365, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent', webDir: null, attachmentsDir });
  const emailOf = (role: string) => {
    const u = DEMO_USERS.find((x) => x.role === role);
    if (!u) throw new Error(`no demo user with role ${role}`);
    return u.email;
  };
  const tokens = new Map<string, string>();
  const token = async (role = 'agent') => {
    const cached = tokens.get(role);
    if (cached) return cached;
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: emailOf(role), password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
    tokens.set(role, res.json().token as string);
    return res.json().token as string;
  };
  return {
    app,
    database,
    clock,
    deps,
    token,
    attachmentsDir,
    emailOf,
    login: (role, extra = {}) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: emailOf(role), password: TEST_PASSWORD, ...extra } }),
    async api(method, url, body, o = {}) {
      const t = await token(o.role);
      return app.inject({ method, url, payload: body as never, headers: { authorization: `Bearer ${t}`, ...(o.headers ?? {}) } });
    },
    async tableCounts() {
      const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(database.db);
      const out: Record<string, number> = {};
      for (const { table_name } of tables.rows) {
        const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)}`.execute(database.db);
        out[table_name] = Number(r.rows[0].n);
      }
      return out;
    },
    async close() {
      await app.close();
      await database.drop();
      fs.rmSync(attachmentsDir, { recursive: true, force: true });
    },
  };
}

/** The cookies a response set, as name → value. */
export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.cookies as { name: string; value: string }[]) out[c.name] = c.value;
  return out;
}

export const cookieHeader = (c: Record<string, string>) =>
  Object.entries(c)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
