/**
 * test/helpers/test-app.ts, plus what the second security part needs: the demo users' e-mails, a
 * login with extra fields, and a row count of every table.
 */
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_USERS } from '../../src/seed/demo-org.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';

export { TEST_PASSWORD };

export interface SecApp extends TestApp {
  emailOf(role: string): string;
  login(role: string, extra?: Record<string, unknown>): Promise<LightMyRequestResponse>;
  tableCounts(): Promise<Record<string, number>>;
}

export async function createSecApp(opts: { now?: string; sessionHours?: number } = {}): Promise<SecApp> {
  const t = await createTestApp(opts);
  const emailOf = (role: string) => {
    const u = DEMO_USERS.find((x) => x.role === role);
    if (!u) throw new Error(`no demo user with role ${role}`);
    return u.email;
  };
  return {
    ...t,
    emailOf,
    login: (role, extra = {}) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: emailOf(role), password: TEST_PASSWORD, ...extra } }),
    async tableCounts() {
      const tables = await sql<{
        table_name: string;
      }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(
        t.database.db,
      );
      const out: Record<string, number> = {};
      for (const { table_name } of tables.rows) {
        const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)}`.execute(t.database.db);
        out[table_name] = Number(r.rows[0].n);
      }
      return out;
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
