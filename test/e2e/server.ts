/**
 * Starts the real Plaint server as a child process for browser tests: a free port, a fresh DATA_DIR,
 * demo data on (PLAINT_DEMO=1), and with DATABASE_URL a fresh database on that server, dropped when the
 * server stops (the named database itself is left as it was: a second run must not find the first's
 * complaints and reports). Resolves once /api/health answers.
 */
import { underLock } from './dir-lock.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWebBuilt } from '../../src/web-build.ts';
import { createScratchDatabase } from '../helpers/test-db.ts';

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
async function buildWebOnce(): Promise<void> {
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

export async function startServer(): Promise<RunningServer> {
  await buildWebOnce();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaint-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PLAINT_DEMO: '1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
  };
  const scratch = process.env.DATABASE_URL?.trim() ? await createScratchDatabase() : null;
  if (scratch) env.DATABASE_URL = scratch.url;
  else delete env.DATABASE_URL;
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
    fs.rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  };
  try {
    await waitForHealth(baseUrl, child, () => log, 120_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl, port, dataDir, output: () => log, stop };
}
