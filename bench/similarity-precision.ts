/**
 * Precision / recall of the similarity rule (R-SV-1) on the labelled pairs, per split and across
 * thresholds, and the cost of scoring one complaint against 2,000 stored signatures.
 * Run: node --import tsx bench/similarity-precision.ts [pairs.json]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DEFAULT_THRESHOLD, complaintText, findSimilar, signature, similarity } from '../src/domain/similarity/index.ts';

interface Pair {
  a: { title: string; content: string };
  b: { title: string; content: string };
  same: boolean;
  note: string;
  set?: 'dev' | 'holdout';
}

const file = process.argv[2] ?? new URL('../test/fixtures/similarity-pairs.json', import.meta.url).pathname;
const pairs: Pair[] = JSON.parse(readFileSync(file, 'utf8'));
const scored = pairs.map((p) => ({ ...p, score: similarity(signature(complaintText(p.a)), signature(complaintText(p.b))) }));

function measure(rows: typeof scored, t: number) {
  let tp = 0,
    fp = 0,
    fn = 0;
  for (const r of rows) {
    if (r.score >= t) r.same ? tp++ : fp++;
    else if (r.same) fn++;
  }
  return { precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn), tp, fp, fn };
}
const fmt = (m: ReturnType<typeof measure>) => `P=${m.precision.toFixed(3)} R=${m.recall.toFixed(3)} (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`;

const splits = new Map<string, typeof scored>([['all', scored]]);
for (const r of scored) {
  const k = r.set ?? 'dev';
  splits.set(k, [...(splits.get(k) ?? []), r]);
}
console.log(`pairs: ${pairs.length} (${pairs.filter((p) => p.same).length} same), threshold ${DEFAULT_THRESHOLD}`);
for (const [name, rows] of splits)
  console.log(`  ${name.padEnd(8)} n=${String(rows.length).padStart(3)}  ${fmt(measure(rows, DEFAULT_THRESHOLD))}`);
console.log('sweep (all):');
for (let t = 0.14; t <= 0.36 + 1e-9; t += 0.02) console.log(`  ${t.toFixed(2)}  ${fmt(measure(scored, t))}`);
if (process.env.SHOW_ERRORS) {
  for (const r of scored.filter((r) => r.score >= DEFAULT_THRESHOLD !== r.same))
    console.log(`  ${r.same ? 'FN' : 'FP'} ${r.score.toFixed(3)} ${r.note}`);
}

// Speed: one target against 2,000 signatures made from the fixture texts (realistic lengths).
const texts = pairs.flatMap((p) => [complaintText(p.a), complaintText(p.b)]);
const sigs = texts.map((t) => signature(t));
const candidates = Array.from({ length: 2000 }, (_, i) => ({
  id: `c${i}`,
  customerKey: `k${i % 700}`,
  signature: sigs[i % sigs.length],
  receivedAt: new Date(Date.UTC(2025, 0, 1 + (i % 30))),
}));
const target = { customerKey: 'k-target', signature: sigs[0] };
for (let i = 0; i < 20; i++) findSimilar(target, candidates);
const runs = 200;
const t0 = performance.now();
for (let i = 0; i < runs; i++) findSimilar(target, candidates);
const perCall = (performance.now() - t0) / runs;
const s0 = performance.now();
for (let i = 0; i < 2000; i++) signature(texts[i % texts.length]);
const perSig = (performance.now() - s0) / 2000;
const avgLen = sigs.reduce((a, s) => a + s.length, 0) / sigs.length;
console.log(
  `speed: findSimilar 1 × 2000 candidates = ${perCall.toFixed(2)} ms/call; signature() = ${(perSig * 1000).toFixed(0)} µs/text; mean signature ${avgLen.toFixed(0)} features`,
);
