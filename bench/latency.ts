/**
 * `BENCH_SUITE=latency npm run bench`: latency at a steady load (issue #20, item 3). The real server
 * (a child process, its sweeper at the default 30 s as in production) on a fresh scratch PostgreSQL
 * database, driven open-loop (bench/open-loop.ts):
 *   0. the floor: GET /api/health (one SELECT 1) at 50 a second;
 *   1. intake at 50 and at 100 complaints a second;
 *   2. the console load of 200 agents (bench/console-model.ts), and the same mix at 4× that rate.
 * BENCH_SECONDS (default 30) is each intake window; the console windows are twice as long, their
 * rates being low. Printed, and written to bench/results/latency.json. Method: docs/PERFORMANCE.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertLoopback, loadAverage, machineInfo } from './machine.ts';
import { createScratchDatabase, login, query, ROOT, startServer, type ServerProcess } from '../test/faults/helpers.ts';
import { httpCaller, type Caller } from './http-caller.ts';
import { runOpenLoop, type LatencyFigures, type OpenLoopResult, type Outcome, type ScheduledOp } from './open-loop.ts';
import { sampleComplaint, BENCH_UNITS } from './complaint-samples.ts';
import { AGENTS, consoleRates, kindPicker, queuePath, totalRate, unit, type ConsoleKind } from './console-model.ts';
import { backendCpuMs, backendCpuSince, processCpuMs } from './cpu-time.ts';

const SECONDS = Math.min(300, Math.max(1, Number(process.env.BENCH_SECONDS ?? 30) || 30));
const WARMUP_S = Math.min(5, SECONDS / 4);
const CONSOLE_SECONDS = 2 * SECONDS;
const INTAKE_RATES = [50, 100];
const CONSOLE_MULTIPLES = [1, 4];
const TARGET_P99_MS = 50;
/** The issue's target for reading pages (queue, detail): p95 under 50 ms as well. */
const TARGET_P95_READ_MS = 50;
const SWEEP_MS = 30_000;
const BASE_URL = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
/** Far more sockets than requests ever in flight at these rates: nothing waits for one on the client. */
const SOCKETS = 256;
const TIMEOUT_MS = 10_000;

interface Phase extends OpenLoopResult {
  name: string;
  /** The server's GC pauses of 5 ms or more during the phase (bench/gc-observer.ts); atS as in `slowest`. */
  gcPauses: Array<{ atS: number; ms: number; kind: string }>;
  /** CPU used during the phase (warm-up included), as a share of one core: the Plaint process and its PostgreSQL backends. */
  serverCpuPercent: number;
  databaseCpuPercent: number;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
}

async function phase(name: string, server: ServerProcess, database: string, run: () => Promise<OpenLoopResult>): Promise<Phase> {
  const loadAverageAtStart = loadAverage();
  const t0 = performance.now();
  const cpu0 = processCpuMs(server.pid);
  const db0 = backendCpuMs(database);
  const phaseStartEpoch = Date.now();
  const r = await run();
  const wall = performance.now() - t0;
  const pct = (ms: number) => Math.round((ms / wall) * 1000) / 10;
  const gcPauses = [...server.output().matchAll(/^plaint-gc (\w+) ([\d.]+) (\d+)$/gm)]
    .map((m) => ({ kind: m[1], ms: Number(m[2]), at: Number(m[3]) }))
    .filter((g) => g.at >= phaseStartEpoch && g.at <= Date.now())
    .map((g) => ({ atS: Math.round((g.at - r.measuredStartEpochMs) / 100) / 10, ms: g.ms, kind: g.kind }));
  const p: Phase = {
    name,
    ...r,
    gcPauses,
    serverCpuPercent: pct(processCpuMs(server.pid) - cpu0),
    databaseCpuPercent: pct(backendCpuSince(database, db0)),
    loadAverageAtStart,
    loadAverageAtEnd: loadAverage(),
  };
  print(p);
  return p;
}

const ms = (x: number | null) => (x === null ? ' failed' : `${x.toFixed(1).padStart(6)}`);
const line = (label: string, f: LatencyFigures) =>
  `    ${label.padEnd(10)} n ${String(f.scheduled).padStart(5)}   p50 ${ms(f.p50Ms)}   p90 ${ms(f.p90Ms)}   p95 ${ms(f.p95Ms)}   p99 ${ms(f.p99Ms)}   max ${ms(f.maxMs)} ms   errors ${f.errors}${f.errors ? ` ${JSON.stringify(f.failures)}` : ''}`;

function print(p: Phase): void {
  console.log(
    `  ${p.name}: ${p.rate}/s scheduled, ${p.achievedPerSecond}/s answered over ${p.seconds} s (after ${p.warmupSeconds} s warm-up)`,
  );
  for (const [kind, f] of Object.entries(p.byKind)) if (Object.keys(p.byKind).length > 1) console.log(line(kind, f));
  console.log(line('all', p.overall));
  console.log(
    `    slowest (s into the window: ms): ${p.slowest.map((x) => `${x.atS}: ${x.ms}${Object.keys(p.byKind).length > 1 ? ` ${x.kind}` : ''}`).join(', ')}`,
  );
  console.log(
    `    server GC pauses ≥ 5 ms (s into the window: ms): ${p.gcPauses.length ? p.gcPauses.map((g) => `${g.atS}: ${g.ms} ${g.kind}`).join(', ') : 'none'}`,
  );
  console.log(
    `    CPU: Plaint ${p.serverCpuPercent} %, PostgreSQL ${p.databaseCpuPercent} % of a core; client send lag p99 ${p.sendLagP99Ms} ms, max ${p.sendLagMaxMs} ms; load average ${p.loadAverageAtStart.join(' ')} → ${p.loadAverageAtEnd.join(' ')}`,
  );
}

const outcome = (status: number, ok: number): Outcome => (status === ok ? null : `HTTP ${status}`);

function intakeOp(call: Caller, rate: number): (n: number) => ScheduledOp {
  // Distinct bodies per request and per phase: n runs from a different base for each rate.
  const base = rate * 1_000_000;
  return (n) => ({
    kind: 'intake',
    run: async () => outcome(await call('POST', '/api/complaints', sampleComplaint(base + n, `latency-${rate}`)), 201),
  });
}

/** The console mix; `toQualify` is a pool of complaints in 'received', each qualified at most once. */
function consoleOp(
  call: Caller,
  ids: readonly string[],
  toQualify: string[],
  rates: Record<ConsoleKind, number>,
): (n: number) => ScheduledOp {
  const pick = kindPicker(rates);
  const anyId = (n: number) => ids[Math.floor(unit(n, 3) * ids.length)];
  return (n) => {
    const kind = pick(n);
    switch (kind) {
      case 'queue':
        return { kind, run: async () => outcome(await call('GET', queuePath(n, BENCH_UNITS)), 200) };
      case 'detail':
        return { kind, run: async () => outcome(await call('GET', `/api/complaints/${anyId(n)}`), 200) };
      case 'events':
        return { kind, run: async () => outcome(await call('GET', `/api/complaints/${anyId(n)}/events`), 200) };
      case 'dashboard':
        return { kind, run: async () => outcome(await call('GET', '/api/stats/dashboard'), 200) };
      case 'action': {
        // Half the actions qualify a new complaint (a state change, clocks recomputed), half add a note.
        const fresh = unit(n, 4) < 0.5 ? toQualify.pop() : undefined;
        const [id, body] = fresh
          ? [fresh, { type: 'qualify', result: 'valid' }]
          : [anyId(n), { type: 'note', text: `已电话联系客户，说明处理进度（${n}）`, internal: true }];
        return { kind, run: async () => outcome(await call('POST', `/api/complaints/${id}/actions`, body), 200) };
      }
    }
  };
}

export async function runLatencySuite(): Promise<void> {
  assertLoopback(BASE_URL);
  const machine = machineInfo();
  console.log(
    `Plaint latency at a steady load — ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`,
  );
  const scratch = await createScratchDatabase(BASE_URL, 'plaint_bench');
  let server: ServerProcess | null = null;
  const phases: Phase[] = [];
  let call: Caller | null = null;
  let stopping = false;
  try {
    // tsx is imported first so that the observer, TypeScript, can be loaded (NODE_OPTIONS runs before the argv's --import).
    server = await startServer({
      databaseUrl: scratch.url,
      sweepMs: SWEEP_MS,
      passwordCost: 'standard',
      nodeOptions: `--import tsx --import ${path.join(ROOT, 'bench', 'gc-observer.ts')}`,
    });
    const s = server;
    // A server that dies mid-run turns every later request into a connection error: say why at once.
    void s.exited.then((code) => {
      if (!stopping) console.error(`\n  !! the server exited (code ${code}) during the run; its last output:\n${s.output().slice(-4000)}`);
    });
    const [v] = await query<{ server_version: string }>(scratch.url, 'SHOW server_version');
    console.log(
      `PostgreSQL ${v.server_version}, scratch database ${scratch.name}; server sweeper every ${SWEEP_MS / 1000} s; open loop, latency from the scheduled instant`,
    );
    call = httpCaller(server.base, await login(server.base), { sockets: SOCKETS, timeoutMs: TIMEOUT_MS });
    const c = call;

    // The floor: one HTTP round trip and one `SELECT 1` at the intake's rate. What this sees, every
    // request on this machine at this moment sees too (scheduling on two shared cores, the client's own lag).
    phases.push(
      await phase('floor: GET /api/health 50/s', server, scratch.name, () =>
        runOpenLoop({
          rate: 50,
          warmupSeconds: WARMUP_S,
          seconds: SECONDS,
          op: () => ({ kind: 'health', run: async () => outcome(await c('GET', '/api/health'), 200) }),
        }),
      ),
    );
    for (const rate of INTAKE_RATES) {
      phases.push(
        await phase(`intake ${rate}/s`, server, scratch.name, () =>
          runOpenLoop({ rate, warmupSeconds: WARMUP_S, seconds: SECONDS, op: intakeOp(c, rate) }),
        ),
      );
    }

    const ids = (await query<{ id: string }>(scratch.url, 'SELECT id FROM complaints ORDER BY received_at')).map((r) => r.id);
    const toQualify = (await query<{ id: string }>(scratch.url, "SELECT id FROM complaints WHERE status = 'received' ORDER BY id")).map(
      (r) => r.id,
    );
    console.log(`  console: ${ids.length} complaints in the database, ${toQualify.length} still to qualify (the qualify actions' pool)`);
    for (const multiple of CONSOLE_MULTIPLES) {
      const rates = Object.fromEntries(Object.entries(consoleRates()).map(([k, r]) => [k, r * multiple])) as Record<ConsoleKind, number>;
      const rate = Math.round(totalRate(rates) * 100) / 100;
      const needed = Math.ceil(rates.action * (WARMUP_S + CONSOLE_SECONDS));
      if (toQualify.length < needed)
        throw new Error(`the qualify pool (${toQualify.length}) is smaller than the actions to come (${needed})`);
      const label = multiple === 1 ? `console, ${AGENTS} agents` : `console, ${multiple}× ${AGENTS} agents`;
      phases.push(
        await phase(label, server, scratch.name, () =>
          runOpenLoop({ rate, warmupSeconds: WARMUP_S, seconds: CONSOLE_SECONDS, op: consoleOp(c, ids, toQualify, rates) }),
        ),
      );
    }
  } finally {
    call?.close();
    stopping = true;
    if (server) await server.stop();
    await scratch.drop();
  }

  const loadAverageAtEnd = loadAverage();
  const verdict = (x: number | null) => (x !== null && x < TARGET_P99_MS ? 'met' : 'NOT met');
  const at50 = phases[1].overall.p99Ms;
  console.log('');
  console.log(`  intake at 50/s: p99 ${at50 ?? 'failed'} ms   target < ${TARGET_P99_MS} ms: ${verdict(at50)}`);
  console.log(`  intake at 100/s: p99 ${phases[2].overall.p99Ms ?? 'failed'} ms   (same target, informative)`);
  console.log(`  floor (GET /api/health at 50/s): p99 ${phases[0].overall.p99Ms ?? 'failed'} ms`);
  const agents = phases[3];
  console.log(
    `  console, ${AGENTS} agents: p99 ${agents.overall.p99Ms ?? 'failed'} ms   target < ${TARGET_P99_MS} ms: ${verdict(agents.overall.p99Ms)}`,
  );
  for (const kind of ['queue', 'detail'] as const) {
    const f = agents.byKind[kind];
    console.log(
      `    ${kind}: p95 ${f?.p95Ms ?? 'failed'} ms   target < ${TARGET_P95_READ_MS} ms: ${f && f.p95Ms !== null && f.p95Ms < TARGET_P95_READ_MS ? 'met' : 'NOT met'}`,
    );
  }
  console.log(`load average at start ${machine.loadAverageAtStart.join(' ')}, at end ${loadAverageAtEnd.join(' ')}`);

  const out = {
    name: 'latency',
    at: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd },
    settings: {
      seconds: SECONDS,
      consoleSeconds: CONSOLE_SECONDS,
      warmupSeconds: WARMUP_S,
      sweepMs: SWEEP_MS,
      sockets: SOCKETS,
      timeoutMs: TIMEOUT_MS,
      agents: AGENTS,
      consoleRatesPerSecond: consoleRates(),
    },
    phases,
    targets: {
      p99Ms: TARGET_P99_MS,
      p95ReadMs: TARGET_P95_READ_MS,
      intake50Met: verdict(at50) === 'met',
      console200Met: verdict(agents.overall.p99Ms) === 'met',
    },
  };
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'latency.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwritten to bench/results/latency.json`);
}
