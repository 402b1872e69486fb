/**
 * An open-loop load generator: requests start at fixed instants (every 1000/rate ms, from a schedule
 * computed before the run) whether or not earlier ones have been answered, as calls arrive at a
 * service centre. Each latency is measured from the request's *scheduled* instant, not from when it
 * was actually sent: if the server (or this client, on the same two cores) falls behind, the delay
 * counts against the server's answer instead of silently thinning the load — the "coordinated
 * omission" that makes a closed-loop bench (bench/load.ts) report a p99 no caller ever saw.
 *
 * Only requests scheduled inside the measured window are recorded; the warm-up's run the same way
 * and are dropped. A request that failed (non-2xx, transport error, timeout) or was still unanswered
 * when the run ended counts as an infinitely slow one in the percentiles, so 1 % of failures makes
 * the p99 say so rather than vanish from the sample.
 */
import { performance } from 'node:perf_hooks';
import { percentile } from './load.ts';

/** What one request resolved to: null on success, or a short failure label ("HTTP 409", "timeout"). */
export type Outcome = string | null;

export interface ScheduledOp {
  kind: string;
  run(): Promise<Outcome>;
}

export interface LatencyFigures {
  /** Requests scheduled in the measured window. */
  scheduled: number;
  ok: number;
  /** Failed requests by label; "unanswered" are those still open when the run ended. */
  failures: Record<string, number>;
  errors: number;
  /** Milliseconds; null when that percentile fell on a failed or unanswered request. */
  p50Ms: number | null;
  p90Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export interface OpenLoopResult {
  rate: number;
  warmupSeconds: number;
  seconds: number;
  /** Wall-clock start of the measured window (ms since the epoch), to line up other processes' logs. */
  measuredStartEpochMs: number;
  /** Successful answers per second over the measured window. */
  achievedPerSecond: number;
  /** How late this process started requests against their schedule (its own lag, included in the latencies). */
  sendLagP99Ms: number;
  sendLagMaxMs: number;
  overall: LatencyFigures;
  byKind: Record<string, LatencyFigures>;
  /** The slowest answers, with when they were due (s into the measured window): clustered = a pause, spread = noise. */
  slowest: Array<{ atS: number; ms: number; kind: string }>;
}

const round = (x: number) => Math.round(x * 10) / 10;

function figures(latencies: number[], failures: Record<string, number>): LatencyFigures {
  // Failures sort after every answer; a percentile that lands on one is reported as null ("failed").
  const errors = Object.values(failures).reduce((s, n) => s + n, 0);
  const all = [...latencies].sort((a, b) => a - b).concat(Array<number>(errors).fill(Infinity));
  const p = (q: number) => {
    const v = percentile(all, q);
    return Number.isFinite(v) ? round(v) : null;
  };
  return {
    scheduled: all.length,
    ok: latencies.length,
    failures,
    errors,
    p50Ms: p(50),
    p90Ms: p(90),
    p95Ms: p(95),
    p99Ms: p(99),
    maxMs: all.length ? p(100) : null,
  };
}

/**
 * Runs `op(n)` at `rate` per second for `warmupSeconds` then `seconds`, then waits up to `graceMs`
 * for the last answers. `op` must not do its work synchronously before returning its promise for
 * long: the schedule is kept by one timer loop in this process.
 */
export async function runOpenLoop(opts: {
  rate: number;
  warmupSeconds: number;
  seconds: number;
  graceMs?: number;
  op: (n: number) => ScheduledOp;
}): Promise<OpenLoopResult> {
  const interval = 1000 / opts.rate;
  const warmupCount = Math.round(opts.warmupSeconds * opts.rate);
  const total = warmupCount + Math.round(opts.seconds * opts.rate);
  const start = performance.now() + 20;
  const schedule = Array.from({ length: total }, (_, i) => start + i * interval);
  const measuredStart = schedule[warmupCount] ?? start;

  const latencies = new Map<string, number[]>();
  const failures = new Map<string, Record<string, number>>();
  const open = new Map<number, string>();
  const sendLag: number[] = [];
  const slow: Array<{ atS: number; ms: number; kind: string }> = [];
  const record = (kind: string, label: Outcome, ms: number, due: number) => {
    if (label === null) {
      slow.push({ atS: round((due - measuredStart) / 1000), ms: round(ms), kind });
      let xs = latencies.get(kind);
      if (!xs) latencies.set(kind, (xs = []));
      xs.push(ms);
    } else {
      let f = failures.get(kind);
      if (!f) failures.set(kind, (f = {}));
      f[label] = (f[label] ?? 0) + 1;
    }
  };

  const fire = (i: number) => {
    const due = schedule[i];
    const measured = i >= warmupCount;
    const op = opts.op(i);
    if (measured) {
      sendLag.push(performance.now() - due);
      open.set(i, op.kind);
      if (!latencies.has(op.kind)) latencies.set(op.kind, []);
    }
    const settle = (label: Outcome) => {
      if (!measured || !open.delete(i)) return;
      record(op.kind, label, performance.now() - due, due);
    };
    op.run().then(settle, (e: NodeJS.ErrnoException) => settle(e?.name === 'TimeoutError' ? 'timeout' : e?.code || e?.name || 'Error'));
  };

  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < total && schedule[next] <= now) fire(next++);
      if (next >= total) return resolve();
      // setTimeout's own lateness is part of what is measured (latency runs from the schedule).
      setTimeout(tick, Math.max(0, schedule[next] - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  const windowEnd = start + total * interval;
  const graceEnd = Math.max(windowEnd, performance.now()) + (opts.graceMs ?? 5000);
  while (open.size > 0 && performance.now() < graceEnd) await new Promise((r) => setTimeout(r, 20));
  for (const [i, kind] of open) record(kind, 'unanswered', Infinity, schedule[i]);
  open.clear();

  const measuredSeconds = (windowEnd - measuredStart) / 1000;
  const byKind: Record<string, LatencyFigures> = {};
  const allLatencies: number[] = [];
  const allFailures: Record<string, number> = {};
  for (const kind of [...latencies.keys()].sort()) {
    const xs = latencies.get(kind) ?? [];
    const f = failures.get(kind) ?? {};
    byKind[kind] = figures(xs, f);
    allLatencies.push(...xs);
    for (const [label, n] of Object.entries(f)) allFailures[label] = (allFailures[label] ?? 0) + n;
  }
  sendLag.sort((a, b) => a - b);
  return {
    rate: opts.rate,
    warmupSeconds: opts.warmupSeconds,
    seconds: round(measuredSeconds),
    measuredStartEpochMs: Math.round(performance.timeOrigin + measuredStart),
    achievedPerSecond: round(allLatencies.length / measuredSeconds),
    sendLagP99Ms: round(percentile(sendLag, 99)),
    sendLagMaxMs: round(sendLag[sendLag.length - 1] ?? NaN),
    overall: figures(allLatencies, allFailures),
    byKind,
    slowest: slow
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 12)
      .sort((a, b) => a.atS - b.atS),
  };
}
