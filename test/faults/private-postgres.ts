/**
 * A private, throw-away PostgreSQL cluster for the one test that stops and starts its database: the
 * machine's shared server must never be restarted, since other suites run against it concurrently.
 * initdb refuses to run as root, so the cluster belongs to the postgres user (via runuser).
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './helpers.ts';

const run = promisify(execFile);
export const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  port: number;
  /** Connection string for the cluster's `postgres` database, over TCP on loopback. */
  url: string;
  start(): Promise<void>;
  /** `fast` disconnects every session, as a database restart or failover does. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Stops the cluster if it runs and removes its files; safe to call more than once. */
  destroy(): Promise<void>;
}

/** Why the cluster cannot be made here (no binaries, not root), or null when it can. */
export function privatePostgresUnavailable(): string | null {
  if (!existsSync(path.join(PG_BIN, 'initdb'))) return `no PostgreSQL binaries in ${PG_BIN}`;
  if (process.getuid?.() !== 0) return 'needs root to run initdb as the postgres user';
  return null;
}

async function asPostgres(args: string[], timeoutMs: number): Promise<void> {
  await run('runuser', ['-u', 'postgres', '--', ...args], { timeout: timeoutMs });
}

export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plaint-pg-'));
  const data = path.join(dir, 'data');
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  const port = await freePort();
  let running = false;
  const cluster: PrivatePostgres = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      // -w waits until it accepts connections; the socket goes in the private directory, TCP on loopback only.
      await asPostgres(
        [
          path.join(PG_BIN, 'pg_ctl'),
          '-D',
          data,
          '-l',
          path.join(dir, 'log'),
          '-w',
          '-t',
          '30',
          '-o',
          `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
          'start',
        ],
        40_000,
      );
      running = true;
    },
    async stop(mode = 'fast') {
      await asPostgres([path.join(PG_BIN, 'pg_ctl'), '-D', data, '-m', mode, '-w', '-t', '30', 'stop'], 40_000);
      running = false;
    },
    async destroy() {
      if (running || existsSync(path.join(data, 'postmaster.pid'))) await cluster.stop('immediate').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await asPostgres([path.join(PG_BIN, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'], 60_000);
    await cluster.start();
  } catch (e) {
    await cluster.destroy();
    throw e;
  }
  return cluster;
}
