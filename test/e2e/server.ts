/**
 * The real Plaint server for browser tests: a fresh DATA_DIR, demo data on (PLAINT_DEMO=1), and with
 * DATABASE_URL a fresh database on that server, dropped when the server stops (the named database itself is
 * left as it was: a second run must not find the first's complaints and reports). Resolves once it listens.
 *
 * A test file's server starts inside the test process (`startPlaint`, what src/main.ts runs, with the
 * configuration read from the same environment a child process would get): a process of its own paid tsx,
 * the app's modules and PGlite's WebAssembly compile again for every file, ~6.5 s of CPU, while the test
 * worker has them loaded already (test/helpers/test-queue.ts). The run's template and the web bench start
 * it as a child process (`node --import tsx src/main.ts`), the bench because it times the real process.
 */
import { underLock } from './dir-lock.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWebBuilt } from '../../src/web-build.ts';
import { createScratchDatabase, dropDatabase } from '../helpers/test-db.ts';
import { loadConfig } from '../../src/config.ts';
import { startPlaint } from '../../src/start-plaint.ts';
import { templateKey } from '../helpers/template-db.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningServer {
  baseUrl: string;
  port: number;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Test files run in parallel and each starts a server, which builds web/dist when it is stale; two
 * builds at once would empty each other's output. One build under a lock directory avoids that.
 */
export async function buildWebOnce(): Promise<void> {
  await underLock(path.join(os.tmpdir(), 'plaint-e2e-web-build.lock'), () => ensureWebBuilt(ROOT, () => {}));
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy within ${timeoutMs} ms:\n${output()}`);
}

/** The environment of a test server on `dataDir` (and `databaseUrl`, else PGlite there), listening on `port`. */
function serverEnv(port: number, dataDir: string, databaseUrl: string | null, extraEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PLAINT_DEMO: '1',
    NODE_ENV: 'test',
    // The tests' argon2id cost (src/use-cases/password-hash.ts); the web bench times a sign-in at the standard one.
    PLAINT_PASSWORD_COST: 'minimal',
    LOG_LEVEL: 'warn',
    // The demo data changes only by what a test does: the sweeper would breach the demo's clocks (seeded
    // when the run's template was made) while a test counts its notifications. The sweeper has its own
    // tests (test/faults/sweeper-faults.test.ts, test/http).
    PLAINT_SWEEP_MS: '0',
  };
  Object.assign(env, extraEnv);
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

/** Starts a server on `dataDir` (and `databaseUrl`, else PGlite there); `cleanup` runs after it stops. */
type ServerStart = (
  dataDir: string,
  databaseUrl: string | null,
  cleanup: () => Promise<void>,
  extraEnv?: NodeJS.ProcessEnv,
) => Promise<RunningServer>;

/** A server process, healthy. */
const spawnServer: ServerStart = async (dataDir, databaseUrl, cleanup, extraEnv = {}) => {
  const port = await freePort();
  const env = serverEnv(port, dataDir, databaseUrl, extraEnv);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await cleanup();
  };
  try {
    await waitForHealth(baseUrl, child, () => log, 120_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl, port, dataDir, output: () => log, stop };
};

/**
 * The same server inside this process; `cleanup` runs after it stops.
 * Its start-up lines are kept for `output()`; the HTTP log stays off (LOG_LEVEL=warn went to a child's pipe
 * that nothing read, and here it would go into the test runner's own output).
 */
const serverInProcess: ServerStart = async (dataDir, databaseUrl, cleanup, extraEnv = {}) => {
  // A port chosen here, as for a child, so that PORT (and the links in messages, PLAINT_PUBLIC_URL's default) name it.
  const config = loadConfig(serverEnv(await freePort(), dataDir, databaseUrl, { LOG_LEVEL: 'silent', ...extraEnv }));
  let log = '';
  const plaint = await startPlaint(
    config,
    (line) => (log += `[plaint] ${line}\n`),
    (line, err) => (log += `[plaint] ${line} ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`),
  ).catch(async (e) => {
    await cleanup();
    throw e;
  });
  const baseUrl = plaint.address;
  const stop = async () => {
    await plaint.stop();
    await cleanup();
  };
  return { baseUrl, port: Number(new URL(baseUrl).port), dataDir, output: () => log, stop };
};

const TEMPLATE_PREFIX = 'plaint-e2e-server-';

/** The newest change under src/: a template made before it is not used. */
function sourceStamp(): string {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(path.join(ROOT, 'src'));
  return `${templateKey()}-${Math.floor(newest)}`;
}

/**
 * The test run a template belongs to: `npm test` exports its shell's pid as PLAINT_TEST_RUN (and makes the
 * template before the files start, test/e2e/prepare.ts); a file run on its own by `node --test` belongs to
 * that runner, its parent.
 */
const testRun = () => process.env.PLAINT_TEST_RUN?.trim() || String(process.ppid);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Templates of test runs that have ended: their directories and databases go. */
async function removeStaleTemplates(keep: string): Promise<void> {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const m = name.match(/^plaint-e2e-server-(\d+)-/);
    if (!m || name.endsWith('.lock') || name === keep || alive(Number(m[1]))) continue;
    const dir = path.join(os.tmpdir(), name);
    try {
      const { database } = JSON.parse(fs.readFileSync(path.join(dir, 'ready.json'), 'utf8')) as { database: string | null };
      if (database && process.env.DATABASE_URL) await dropDatabase(database);
    } catch {
      // not finished, or its database is on another server: the directory still goes
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The seeded state every browser test file starts from (issue #18: "reduce server starts' cost"):
 * made once per test run by starting the server on an empty data directory (PGlite's initdb, the
 * migrations, the demo organisation, users and complaints) and stopping it; each file's server then
 * starts from a copy — the directory copied, and on PostgreSQL the database copied by CREATE DATABASE …
 * TEMPLATE — and only opens, verifies and listens. Named by the test run (testRun) and the newest
 * source change, so neither another run nor changed code reuses it.
 */
export async function serverTemplate(): Promise<{ dataDir: string; database: string | null }> {
  const name = `${TEMPLATE_PREFIX}${testRun()}-${sourceStamp()}`;
  const dir = path.join(os.tmpdir(), name);
  const ready = path.join(dir, 'ready.json');
  return underLock(`${dir}.lock`, async () => {
    if (fs.existsSync(ready)) return { dataDir: path.join(dir, 'data'), ...JSON.parse(fs.readFileSync(ready, 'utf8')) };
    await removeStaleTemplates(name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
    const scratch = process.env.DATABASE_URL?.trim() ? await createScratchDatabase() : null;
    const server = await spawnServer(path.join(dir, 'data'), scratch?.url ?? null, async () => {});
    await server.stop();
    const database = scratch ? new URL(scratch.url).pathname.slice(1) : null;
    fs.writeFileSync(ready, JSON.stringify({ database }));
    return { dataDir: path.join(dir, 'data'), database };
  });
}

/** Removes a server's own data directory and database once it has stopped. */
const discard = (dataDir: string, scratch: { drop(): Promise<void> } | null) => async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  await scratch?.drop();
};

/** Where a server runs: inside this test process (the browser tests), or as `node src/main.ts` (the web bench). */
export type ServerHost = 'in-process' | 'child-process';

export async function startServer(extraEnv: NodeJS.ProcessEnv = {}, host: ServerHost = 'in-process'): Promise<RunningServer> {
  await buildWebOnce();
  const template = await serverTemplate();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaint-e2e-'));
  fs.cpSync(template.dataDir, dataDir, { recursive: true });
  const scratch = template.database ? await createScratchDatabase({ copyOf: template.database }) : null;
  const start = host === 'in-process' ? serverInProcess : spawnServer;
  return start(dataDir, scratch?.url ?? null, discard(dataDir, scratch), extraEnv);
}

/**
 * An empty installation (issue #16 item 1, the first run): no demo data (PLAINT_DEMO=0), a fresh data
 * directory and, with DATABASE_URL, an empty database — no template, since the template is the demo's.
 */
export async function startEmptyServer(extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  await buildWebOnce();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaint-e2e-empty-'));
  const scratch = process.env.DATABASE_URL?.trim() ? await createScratchDatabase() : null;
  return serverInProcess(dataDir, scratch?.url ?? null, discard(dataDir, scratch), { PLAINT_DEMO: '0', ...extraEnv });
}
