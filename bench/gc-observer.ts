/**
 * Preloaded into the server by the latency bench (NODE_OPTIONS=--import): one stderr line per garbage
 * collection of 5 ms or more, with its wall-clock start, so the bench can tell a GC pause from the
 * machine's scheduling when it looks at its slowest answers. Observing costs next to nothing.
 */
import { PerformanceObserver, constants, performance } from 'node:perf_hooks';

const KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.duration < 5) continue;
    const kind = KINDS[((e as { detail?: unknown }).detail as { kind?: number } | undefined)?.kind ?? -1] ?? 'other';
    process.stderr.write(`plaint-gc ${kind} ${e.duration.toFixed(1)} ${Math.round(performance.timeOrigin + e.startTime)}\n`);
  }
}).observe({ entryTypes: ['gc'] });
