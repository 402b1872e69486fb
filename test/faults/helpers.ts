/**
 * Shared by the fault tests and bench/run.ts: the real server as a child process (so it can be
 * killed -9 and restarted on the same database), scratch databases on a PostgreSQL server, login and
 * the few HTTP calls the tests make. Everything listens on and talks to loopback only.
 */
import { postgresServerUrl } from '../helpers/test-db.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEMO_EMAIL = 'agent@plaint.demo';
export const DEMO_PASSWORD = 'plaint-demo';

/** The PostgreSQL server the fault tests need (DATABASE_URL, or the machine's in CI); null makes them skip. */
export function postgresUrl(): string | null {
  return postgresServerUrl();
}

/** For `{ skip }`: a reason string when PostgreSQL is not configured, false otherwise. */
export const skipWithoutPostgres: string | false = postgresUrl() ? false : 'needs PostgreSQL: set DATABASE_URL';

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** CREATE DATABASE with a random name next to `baseUrl`'s; drop() forces out leftover connections. */
export async function createScratchDatabase(baseUrl: string, prefix = 'plaint_f'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabaseName(baseUrl, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** One short-lived connection per call: the tests query rarely and must not hold a pool across restarts. */
export async function query<R extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(text, params)).rows;
  } finally {
    await c.end();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface ServerOptions {
  /** PostgreSQL database; omitted = embedded PGlite in dataDir. */
  databaseUrl?: string;
  dataDir?: string;
  port?: number;
  sweepMs?: number;
  /** Seed demo users and complaints (default true); later processes on a seeded database skip it to start faster. */
  demo?: boolean;
  /** Extra NODE_OPTIONS for the child (a profiler, or a preload that tries out a fix). */
  nodeOptions?: string;
  /** Seconds to wait for /api/health (start-up runs migrations and seeds demo data). */
  startTimeoutS?: number;
  /** The script to run instead of src/main.ts, relative to the project (the bench's HTTP floor). */
  entry?: string;
  /** More environment for the child (e.g. PLAINT_LOG_KEY, PLAINT_CHECKPOINT_MS for the scale bench). */
  env?: Record<string, string>;
  /**
   * argon2id's cost for the passwords the server hashes (the demo users', new ones): the tests' minimal one
   * by default (src/use-cases/password-hash.ts); the benches ask for the standard one, as installed.
   */
  passwordCost?: 'standard' | 'minimal';
}

export interface ServerProcess {
  pid: number;
  port: number;
  base: string;
  child: ChildProcess;
  /** stdout + stderr so far, for assertion messages when the server misbehaves. */
  output(): string;
  exited: Promise<number | null>;
  kill9(): Promise<void>;
  /** SIGTERM (clean shutdown), escalating to SIGKILL after a few seconds. */
  stop(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // 'test' admits the minimal password cost; nothing else reads NODE_ENV but 'production' (src/config.ts).
    NODE_ENV: 'test',
    PLAINT_PASSWORD_COST: opts.passwordCost ?? 'minimal',
    PORT: String(port),
    HOST: '127.0.0.1',
    PLAINT_WEB: '0',
    PLAINT_DEMO: opts.demo === false ? '0' : '1',
    PLAINT_SWEEP_MS: String(opts.sweepMs ?? 0),
    LOG_LEVEL: 'warn',
  };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  if (opts.nodeOptions) env.NODE_OPTIONS = opts.nodeOptions;
  if (opts.dataDir) env.DATA_DIR = opts.dataDir;
  Object.assign(env, opts.env);
  // `--import tsx` runs the TypeScript in this very process, so the child's pid is the server's
  // (what kill -9 and /proc/<pid>/status must target).
  const child = spawn(process.execPath, ['--import', 'tsx', opts.entry ?? 'src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out += b.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let dead = false;
  void exited.then(() => (dead = true));
  const base = `http://127.0.0.1:${port}`;

  const kill9 = async () => {
    if (!dead) child.kill('SIGKILL');
    await exited;
  };
  const server: ServerProcess = {
    pid: child.pid!,
    port,
    base,
    child,
    output: () => out,
    exited,
    kill9,
    stop: async () => {
      if (dead) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };

  const deadline = Date.now() + (opts.startTimeoutS ?? 60) * 1000;
  while (Date.now() < deadline) {
    if (dead) throw new Error(`server exited during start-up:\n${out.slice(-4000)}`);
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return server;
    } catch {
      /* not listening yet */
    }
    await sleep(150);
  }
  await kill9();
  throw new Error(`server did not become healthy within ${opts.startTimeoutS ?? 60} s:\n${out.slice(-4000)}`);
}

export async function login(base: string, email = DEMO_EMAIL, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(15_000),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export interface ApiResult {
  status: number;
  body: any;
  ms: number;
  headers: Headers;
}

/** One API call with a hard timeout, so no test can hang on a stuck request. */
export async function api(
  base: string,
  token: string,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 15_000,
): Promise<ApiResult> {
  const t0 = performance.now();
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* keep the text */
  }
  return { status: res.status, body: parsed, ms: performance.now() - t0, headers: res.headers };
}

/** Resident set size of a process in kB (Linux), or null once it has gone. */
export function rssKb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Polls `check` until it returns true or the time runs out; returns whether it succeeded. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, everyMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(everyMs);
  }
  return false;
}

/** How many times each value occurs: the outcome tallies the fault tests print and compare. */
export function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
