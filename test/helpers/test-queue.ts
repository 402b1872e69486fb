/**
 * `npm test`'s test files, shared among a few long-lived test workers (test/workers/*.test.ts) instead of
 * a process each (issue #18 item 6, "CI well under 15 minutes").
 *
 * A process per file paid, for every one of ~140 files, tsx and the app's module graph (~3.8 s of CPU),
 * PGlite's WebAssembly compile and a new Fastify app: ~10 s of CPU for a file whose tests took well
 * under one. A worker pays the first two once. Each worker takes the next unclaimed file from the run's
 * queue (a claim is a directory made with mkdir, which only one process can make), so a slow file does
 * not hold up a fixed share of the others; the heaviest files come first, the short ones fill the tail.
 *
 * Each file runs inside a describe named by its path, so its top-level before/after hooks and tests
 * belong to it alone: its hooks run around its own tests, as they did in a process of its own. What a
 * worker's files share is the process: module-level caches (keyed so that two databases cannot meet, see
 * docs/TESTING.md) and the environment, which a test file therefore never changes.
 */
import { describe } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TEST_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The workers' own files, and the domain's files, which test/domain.test.ts runs as one.
const NOT_QUEUED = [path.join(TEST_ROOT, 'workers'), path.join(TEST_ROOT, 'domain')];

/**
 * Every queued test file, heaviest first: the browser files (a server and a Chromium each), the
 * fault tests (several server processes each, 20–80 s on PostgreSQL), then the rest by size, a stand-in
 * for their running time that needs no record of an earlier run. A heavy file taken last would run alone
 * at the end while the other workers sit idle.
 */
export function queuedTestFiles(): string[] {
  const files = fs
    .readdirSync(TEST_ROOT, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(TEST_ROOT, f))
    .filter((f) => !NOT_QUEUED.some((dir) => f.startsWith(dir + path.sep)));
  const under = (f: string, dir: string) => f.includes(`${path.sep}${dir}${path.sep}`);
  const weight = (f: string) => (under(f, 'e2e') ? 2e9 : under(f, 'faults') ? 1e9 : 0) + fs.statSync(f).size;
  return files.sort((a, b) => weight(b) - weight(a) || a.localeCompare(b));
}

/** The run's queue directory: one per `npm test` (PLAINT_TEST_RUN), else one per worker process, which then runs every file. */
function queueDir(): string {
  const run = process.env.PLAINT_TEST_RUN?.trim();
  return path.join(os.tmpdir(), run ? `plaint-test-queue-${run}` : `plaint-test-queue-pid-${process.pid}`);
}

/** Made by test/e2e/prepare.ts before the workers start: the run's file list, fixed for all of them. */
export function prepareQueue(): void {
  const dir = queueDir();
  removeEndedQueues();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'claimed'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'files.json'), JSON.stringify(queuedTestFiles()));
}

/**
 * A file's time limit, hooks and tests together: what `--test-timeout` was when a file was a process
 * (in Node 20 it bounds a test file as a whole; for a worker it now bounds the whole run of its files).
 */
const FILE_TIMEOUT_MS = 180_000;

/** Queues of runs whose process has ended (their directory names carry its pid). */
function removeEndedQueues(): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const m = name.match(/^plaint-test-queue-(?:pid-)?(\d+)$/);
    if (!m) continue;
    try {
      process.kill(Number(m[1]), 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    }
  }
}

function claim(dir: string, index: number): boolean {
  try {
    fs.mkdirSync(path.join(dir, 'claimed', String(index)));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/** Runs queued files until none is left unclaimed; called once by each worker. */
export async function runQueuedTestFiles(): Promise<void> {
  const dir = queueDir();
  if (!fs.existsSync(path.join(dir, 'files.json'))) prepareQueue();
  const files = JSON.parse(fs.readFileSync(path.join(dir, 'files.json'), 'utf8')) as string[];
  for (let i = 0; i < files.length; i++) {
    if (!claim(dir, i)) continue;
    const file = files[i];
    await describe(path.relative(process.cwd(), file), { timeout: FILE_TIMEOUT_MS }, async () => {
      await import(pathToFileURL(file).href);
    });
  }
}
