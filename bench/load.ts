/**
 * A closed-loop load generator: `clients` workers each run one request at a time until the time is
 * up (or a hard cap on requests is reached), recording every latency. Closed loop because that is
 * how an intake desk behaves: an agent submits the next complaint when the last one returned.
 */
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  clients: number;
  seconds: number;
  ok: number;
  failed: number;
  /** Failures by status or error name, to show what went wrong rather than just how often. */
  failures: Record<string, number>;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** A timed series as the scale suites print and store it (ms, one decimal). */
export interface Timing {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  targetMs?: number;
  met?: boolean;
  note?: string;
}

export const r1 = (x: number) => Math.round(x * 10) / 10;

/** The percentiles of `sorted` (ascending, non-empty). */
export function timingOf(sorted: number[]): Timing {
  return {
    runs: sorted.length,
    p50Ms: r1(percentile(sorted, 50)),
    p95Ms: r1(percentile(sorted, 95)),
    p99Ms: r1(percentile(sorted, 99)),
    maxMs: r1(sorted[sorted.length - 1]),
  };
}

/**
 * `op(n)` performs request number n and resolves to null on success or a short failure label.
 * Only successful requests count towards throughput and latency.
 */
export async function runLoad(opts: {
  clients: number;
  seconds: number;
  maxRequests?: number;
  op: (n: number) => Promise<string | null>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let next = 0;
  let failed = 0;
  const cap = opts.maxRequests ?? 1_000_000;
  const start = performance.now();
  const end = start + opts.seconds * 1000;
  const worker = async () => {
    while (performance.now() < end && next < cap) {
      const n = next++;
      const t0 = performance.now();
      let label: string | null;
      try {
        label = await opts.op(n);
      } catch (e) {
        label = (e as Error).name || 'Error';
      }
      if (label === null) latencies.push(performance.now() - t0);
      else {
        failed++;
        failures[label] = (failures[label] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, worker));
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    clients: opts.clients,
    seconds: round(elapsed),
    ok: latencies.length,
    failed,
    failures,
    perSecond: round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies[latencies.length - 1] ?? NaN),
  };
}
