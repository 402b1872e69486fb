/**
 * Speed of the pure rules on the hot path of intake, printed as numbers (never asserted in tests):
 * due-instant computation on a cold calendar cache, and similar-complaint scoring against 2,000
 * candidates. Run: node --import tsx bench/rules-speed.ts
 */
import fs from 'node:fs';
import { DEFAULT_CALENDAR } from '../src/domain/calendar/index.ts';
import { computeDue } from '../src/domain/clocks/index.ts';
import { signature, findSimilar, complaintText } from '../src/domain/similarity/index.ts';
import type { DueRule } from '../src/domain/contracts.ts';

export function measureRulesSpeed() {
  const rule: DueRule = {
    kind: 'by_receipt_class',
    inHours: { kind: 'business_minutes', minutes: 30 },
    outsideHoursWorkday: { kind: 'business_hours', hours: 4 },
    restDay: { kind: 'end_of_day' },
  };
  const cal = { ...DEFAULT_CALENDAR }; // a fresh object: the per-calendar cache starts cold
  const base = Date.parse('2025-01-01T00:00:00+08:00');
  const step = Math.floor((2 * 365 * 86_400_000) / 10_000);
  let t0 = performance.now();
  for (let i = 0; i < 10_000; i++) computeDue(cal, rule, new Date(base + i * step + (i % 97) * 60_000));
  const dueMs = performance.now() - t0;

  const pairs = JSON.parse(fs.readFileSync(new URL('../test/fixtures/similarity-pairs.json', import.meta.url), 'utf8')) as {
    a: never;
    b: never;
  }[];
  const sigs = pairs.flatMap((p) => [signature(complaintText(p.a)), signature(complaintText(p.b))]);
  const receivedAt = new Date();
  const candidates = Array.from({ length: 2000 }, (_, i) => ({
    id: `c${i}`,
    customerKey: `k${i}`,
    signature: sigs[i % sigs.length],
    receivedAt,
  }));
  findSimilar({ signature: sigs[0] }, candidates);
  const runs = 20;
  t0 = performance.now();
  for (let i = 0; i < runs; i++) findSimilar({ signature: sigs[i % sigs.length] }, candidates);
  const similarMs = (performance.now() - t0) / runs;
  return { dueInstants10k_ms: Math.round(dueMs), findSimilar1x2000_ms: Number(similarMs.toFixed(2)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = measureRulesSpeed();
  console.log(`10,000 due instants (cold calendar cache): ${r.dueInstants10k_ms} ms   (target < 1000 ms)`);
  console.log(`findSimilar, 1 target × 2,000 candidates:  ${r.findSimilar1x2000_ms} ms   (target < 20 ms)`);
}
