/**
 * `npm run bench`: intake throughput of the real server (a child process) on PostgreSQL and on
 * embedded PGlite, against the raw ceiling of the same rows inserted by a bare `pg` pool.
 * BENCH_SECONDS (default 20) bounds each measured phase; DATABASE_URL (default the local server)
 * names the PostgreSQL server, where a scratch database is created and dropped. Loopback only.
 * Results are printed and written to bench/results/intake.json. Method: docs/PERFORMANCE.md.
 * BENCH_SUITE picks what runs: `all` (default: intake, the pure rules' speed, then the scale suite of
 * bench/scale.ts on 1,000,000 complaints — BENCH_SCALE for fewer), `intake`, `rules` or `scale`; and, not in
 * `all`, `web` (the console in throttled Chromium, bench/web.ts) and `latency` (open-loop, bench/latency.ts).
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { assertLoopback, loadAverage, machineInfo } from './machine.ts';
import path from 'node:path';
import { createScratchDatabase, login, query, rssKb, sleep, startServer, ROOT, type ServerProcess } from '../test/faults/helpers.ts';
import { runLoad, type LoadResult } from './load.ts';
import { jsonPoster } from './http-client.ts';
import { rawCeiling } from './raw-ceiling.ts';
import { backendCpuMs, backendCpuSince, processCpuMs } from './cpu-time.ts';
import { sampleComplaint, unmatchedComplaint, type ComplaintBody } from './complaint-samples.ts';
import { measureRulesSpeed } from './rules-speed.ts';

const CLIENTS = 32;
const SECONDS = Math.min(300, Math.max(1, Number(process.env.BENCH_SECONDS ?? 20) || 20));
const WARMUP_S = Math.min(3, SECONDS / 4);
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 50;
const BASE_URL = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';

interface IntakeResult extends LoadResult {
  /** CPU ms per successful complaint: the Plaint process, and the PostgreSQL backends (null on PGlite). */
  serverCpuMsPerComplaint: number;
  databaseCpuMsPerComplaint: number | null;
  /** This process, the load generator: it runs on the same cores. */
  clientCpuMsPerComplaint: number;
  rssPeakMb: number;
  rssMeanMb: number;
  rssBeforeMb: number;
}

/** Warm up (JIT, pool connections), then measure with RSS sampled from /proc every 250 ms. */
async function intake(
  server: ServerProcess,
  label: string,
  body: (n: number, tag: string) => ComplaintBody = sampleComplaint,
  database: string | null = null,
  bearer?: string,
): Promise<IntakeResult> {
  const token = bearer ?? (await login(server.base));
  const poster = jsonPoster(server.base, token, { sockets: CLIENTS, timeoutMs: 30_000 });
  const post = async (n: number) => {
    const status = await poster('/api/complaints', body(n, `bench-${label}`));
    return status === 201 ? null : `HTTP ${status}`;
  };
  await runLoad({ clients: CLIENTS, seconds: WARMUP_S, op: (n) => post(1_000_000 + n) });
  const before = rssKb(server.pid) ?? 0;
  const samples: number[] = [];
  const sampler = setInterval(() => {
    const kb = rssKb(server.pid);
    if (kb) samples.push(kb);
  }, 250);
  const cpu0 = processCpuMs(server.pid);
  const backends0 = database ? backendCpuMs(database) : null;
  const client0 = process.cpuUsage();
  try {
    const load = await runLoad({ clients: CLIENTS, seconds: SECONDS, op: post });
    const perOk = (ms: number) => Math.round((ms / Math.max(1, load.ok)) * 10) / 10;
    const serverCpu = processCpuMs(server.pid) - cpu0;
    const clientCpu = process.cpuUsage(client0);
    const databaseCpu = database && backends0 ? backendCpuSince(database, backends0) : null;
    const mb = (kb: number) => Math.round(kb / 1024);
    return {
      ...load,
      serverCpuMsPerComplaint: perOk(serverCpu),
      databaseCpuMsPerComplaint: databaseCpu === null ? null : perOk(databaseCpu),
      clientCpuMsPerComplaint: perOk((clientCpu.user + clientCpu.system) / 1000),
      rssBeforeMb: mb(before),
      rssPeakMb: mb(Math.max(before, ...samples)),
      rssMeanMb: mb(samples.reduce((s, x) => s + x, 0) / Math.max(1, samples.length)),
    };
  } finally {
    clearInterval(sampler);
    poster.close();
  }
}

interface WorkStats {
  complaints: number;
  /** Similar links stored per complaint taken in (one row a pair): the fan-out of the similar check. */
  similarLinksPerComplaint: number;
  /** Earlier complaints whose level an intake raised (similar_linked events), per complaint taken in. */
  levelRaisesPerComplaint: number;
  /** Rows written (inserted + updated) per complaint taken in, from pg_stat_database. */
  rowsWrittenPerComplaint: number;
}

async function dbCounters(url: string, name: string): Promise<{ tx: number; written: number }> {
  const [r] = await query<{ tx: number; written: number }>(
    url,
    'SELECT xact_commit::float8 AS tx, (tup_inserted + tup_updated)::float8 AS written FROM pg_stat_database WHERE datname = $1',
    [name],
  );
  return r;
}

/** Plaint intake on a fresh scratch database, with what each intake cost the database. */
async function intakeOnPostgres(
  label: string,
  body: (n: number, tag: string) => ComplaintBody,
): Promise<{ load: IntakeResult; work: WorkStats; url: string; drop: () => Promise<void> }> {
  const scratch = await createScratchDatabase(BASE_URL, 'plaint_bench');
  let server: ServerProcess | null = null;
  try {
    server = await startServer({ databaseUrl: scratch.url, sweepMs: 0, passwordCost: 'standard' });
    console.log(`  PostgreSQL intake (${label}): ${CLIENTS} clients, ${SECONDS} s after ${WARMUP_S} s warm-up…`);
    const c0 = await dbCounters(scratch.url, scratch.name);
    const load = await intake(server, label, body, scratch.name);
    await server.stop();
    server = null;
    // The statistics collector reports with a short delay; what matters is the order of magnitude.
    await sleep(800);
    const c1 = await dbCounters(scratch.url, scratch.name);
    const [w] = await query<{ n: number; links: number; raised: number }>(
      scratch.url,
      `SELECT (SELECT count(*) FROM complaints WHERE batch_no = $1)::int AS n,
              (SELECT count(*) FROM complaint_links WHERE kind = 'similar')::int AS links,
              (SELECT count(*) FROM complaint_events WHERE type = 'similar_linked')::int AS raised`,
      [`bench-${label}`],
    );
    const work = {
      complaints: w.n,
      similarLinksPerComplaint: Math.round((w.links / Math.max(1, w.n)) * 10) / 10,
      levelRaisesPerComplaint: Math.round((w.raised / Math.max(1, w.n)) * 100) / 100,
      // Includes the warm-up's complaints, which are also counted in w.n below.
      rowsWrittenPerComplaint: Math.round(((c1.written - c0.written) / Math.max(1, w.n)) * 10) / 10,
    };
    return { load, work, url: scratch.url, drop: scratch.drop };
  } catch (e) {
    if (server) await server.kill9();
    await scratch.drop();
    throw e;
  }
}

/** The ceiling's transaction behind one Fastify route (bench/http-floor-server.ts), on the same database. */
async function httpFloor(url: string): Promise<IntakeResult> {
  const server = await startServer({ databaseUrl: url, entry: 'bench/http-floor-server.ts', passwordCost: 'standard' });
  try {
    console.log(`  HTTP floor: the ceiling's transaction behind one Fastify route, ${CLIENTS} clients, ${SECONDS} s…`);
    return await intake(server, 'floor', sampleComplaint, new URL(url).pathname.slice(1), 'floor');
  } finally {
    await server.stop();
  }
}

async function onPostgres() {
  assertLoopback(BASE_URL);
  const mixed = await intakeOnPostgres('mixed', sampleComplaint);
  let rawDbCpu = 0;
  try {
    console.log(`  raw ceiling: bare pg pool of ${CLIENTS}, ${SECONDS} s…`);
    const name = new URL(mixed.url).pathname.slice(1);
    const before = backendCpuMs(name);
    const rawLoad = await rawCeiling(mixed.url, CLIENTS, SECONDS, () => {
      rawDbCpu = backendCpuSince(name, before);
    });
    const raw = { ...rawLoad, databaseCpuMsPerTx: Math.round((rawDbCpu / Math.max(1, rawLoad.ok)) * 100) / 100 };
    const floor = await httpFloor(mixed.url);
    const [v] = await query<{ server_version: string }>(mixed.url, 'SHOW server_version');
    const unmatched = await intakeOnPostgres('unmatched', unmatchedComplaint);
    await unmatched.drop();
    return { mixed, unmatched, raw, floor, serverVersion: v.server_version };
  } finally {
    await mixed.drop();
  }
}

async function onPglite(): Promise<IntakeResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plaint-bench-'));
  let server: ServerProcess | null = null;
  try {
    server = await startServer({ dataDir: dir, sweepMs: 0, passwordCost: 'standard' });
    console.log(`  PGlite intake: ${CLIENTS} clients, ${SECONDS} s…`);
    return await intake(server, 'pglite');
  } finally {
    if (server) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (r: LoadResult) =>
  `${String(r.perSecond).padStart(7)} /s   p50 ${String(r.p50Ms).padStart(6)} ms   p99 ${String(r.p99Ms).padStart(6)} ms   (${r.ok} ok, ${r.failed} failed${r.failed ? ` ${JSON.stringify(r.failures)}` : ''})`;

async function main(): Promise<void> {
  const machine = machineInfo();
  console.log(
    `Plaint intake benchmark — ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`,
  );
  const pgRun = await onPostgres();
  await sleep(500);
  const pglite = await onPglite();
  const loadAverageAtEnd = loadAverage();
  const mixed = pgRun.mixed.load;
  const ratio = Math.round((mixed.perSecond / pgRun.raw.perSecond) * 1000) / 1000;
  const ratioUnmatched = Math.round((pgRun.unmatched.load.perSecond / pgRun.raw.perSecond) * 1000) / 1000;
  const ratioFloor = Math.round((pgRun.floor.perSecond / pgRun.raw.perSecond) * 1000) / 1000;
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const cpu = (r: IntakeResult, server = 'Plaint') =>
    `CPU per complaint: ${server} ${r.serverCpuMsPerComplaint} ms${r.databaseCpuMsPerComplaint === null ? '' : `, PostgreSQL ${r.databaseCpuMsPerComplaint} ms`}, load generator ${r.clientCpuMsPerComplaint} ms`;
  const rss = (r: IntakeResult) =>
    `server RSS under load: peak ${r.rssPeakMb} MB, mean ${r.rssMeanMb} MB (after warm-up ${r.rssBeforeMb} MB)`;
  const work = (w: WorkStats) =>
    `${w.complaints} complaints; per complaint ${w.similarLinksPerComplaint} similar links, ${w.levelRaisesPerComplaint} earlier complaints raised a level, ${w.rowsWrittenPerComplaint} rows written`;

  console.log('');
  console.log(`PostgreSQL ${pgRun.serverVersion}, ${CLIENTS} concurrent clients, ${SECONDS} s each:`);
  console.log(`  Plaint intake, realistic mix      ${fmt(mixed)}`);
  console.log(`    ${work(pgRun.mixed.work)}`);
  console.log(`    ${cpu(mixed)}; ${rss(mixed)}`);
  console.log(`  Plaint intake, unmatched texts    ${fmt(pgRun.unmatched.load)}`);
  console.log(`    ${work(pgRun.unmatched.work)}`);
  console.log(`    ${cpu(pgRun.unmatched.load)}; ${rss(pgRun.unmatched.load)}`);
  console.log(`  raw ceiling (pg, 3 inserts/tx)    ${fmt(pgRun.raw)}`);
  console.log(`    CPU per transaction: PostgreSQL ${pgRun.raw.databaseCpuMsPerTx} ms`);
  console.log(`  HTTP floor (the ceiling's tx behind Fastify)  ${fmt(pgRun.floor)}`);
  console.log(`    ${cpu(pgRun.floor, 'floor server')}; floor / ceiling ${ratioFloor}: what any HTTP intake on these cores stays under`);
  console.log(
    `  ratio intake / ceiling: ${ratio} (unmatched texts: ${ratioUnmatched})   target ≥ ${TARGET_RATIO}: ${verdict(ratio >= TARGET_RATIO)}`,
  );
  console.log(`  intake p99: ${mixed.p99Ms} ms   target < ${TARGET_P99_MS} ms: ${verdict(mixed.p99Ms < TARGET_P99_MS)}`);
  console.log(`Embedded PGlite (one process, no fsync):`);
  console.log(`  Plaint intake, realistic mix      ${fmt(pglite)}`);
  console.log(`    ${cpu(pglite)} (the database runs inside it); ${rss(pglite)}`);
  console.log(`load average at start ${machine.loadAverageAtStart.join(' ')}, at end ${loadAverageAtEnd.join(' ')}`);

  const out = {
    name: 'intake',
    at: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd },
    settings: { clients: CLIENTS, seconds: SECONDS, warmupSeconds: WARMUP_S, postgres: pgRun.serverVersion },
    postgres: {
      intakeMixed: { ...mixed, work: pgRun.mixed.work },
      intakeUnmatched: { ...pgRun.unmatched.load, work: pgRun.unmatched.work },
      rawCeiling: pgRun.raw,
      httpFloor: pgRun.floor,
      ratioFloor,
      ratio,
      ratioUnmatched,
    },
    pglite: { intakeMixed: pglite },
    targets: { ratio: TARGET_RATIO, p99Ms: TARGET_P99_MS, ratioMet: ratio >= TARGET_RATIO, p99Met: mixed.p99Ms < TARGET_P99_MS },
  };
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'intake.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwritten to bench/results/intake.json`);
}

function printRulesSpeed(): void {
  const r = measureRulesSpeed();
  console.log('\nPure rules on the intake path (this process):');
  console.log(
    `  10,000 due instants, cold calendar cache   ${r.dueInstants10k_ms} ms   target < 1000 ms: ${r.dueInstants10k_ms < 1000 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  findSimilar, 1 target × 2,000 candidates    ${r.findSimilar1x2000_ms} ms   target < 20 ms: ${r.findSimilar1x2000_ms < 20 ? 'met' : 'NOT met'}`,
  );
}

const suite = (process.env.BENCH_SUITE ?? 'all').trim();
try {
  if (!['all', 'intake', 'rules', 'scale', 'web', 'latency'].includes(suite))
    throw new Error(`BENCH_SUITE must be all, intake, rules, scale, web or latency, got "${suite}"`);
  if (suite === 'all' || suite === 'intake') await main();
  if (suite === 'all' || suite === 'rules') printRulesSpeed();
  if (suite === 'all' || suite === 'scale') await import('./scale.ts');
  // Not in `all`: it drives Chromium on a throttled network for minutes (issue #20, bench/web.ts).
  if (suite === 'web') await import('./web.ts');
  // Not in `all` either: open-loop latency runs for minutes at fixed rates (bench/latency.ts).
  if (suite === 'latency') await (await import('./latency.ts')).runLatencySuite();
} catch (e) {
  console.error(e);
  process.exit(1);
}
