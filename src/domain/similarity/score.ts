import { CONCEPT_PREFIX } from './signature.ts';

/**
 * Weighted Dice overlap of two signatures, in [0, 1], with three gates:
 *   - both texts name a problem (leak, refund, hair …) but none in common → ×PROBLEM_GATE;
 *   - both name an object (elevator, garage, deposit …) but none in common → ×OBJECT_GATE;
 *   - both name buildings by number but none in common (3号楼 vs 9号楼) → ×BUILDING_GATE.
 * The gates carry the hard negatives: at one unit, '3号楼顶楼漏水' and '3号楼电梯井进水' share the
 * place words and the problem (both leak), and only the object (roof vs lift shaft) tells them apart. Weights and gates were chosen by
 * measurement on test/fixtures/similarity-pairs.json (see bench/similarity-precision.ts).
 */

export const WEIGHTS = {
  problem: 8,
  object: 4,
  /** Bigrams that nearly every complaint contains (STOP_BIGRAMS). */
  stop: 0.2,
  /** Bigrams with a function character (的, 了, 我 …): mostly grammar, not matter. */
  functional: 0.5,
  /** Features with digits or letters: building, room, batch and pump numbers identify a matter. */
  alnum: 1.5,
  bigram: 1,
} as const;

export const PROBLEM_GATE = 0.4;
export const OBJECT_GATE = 0.6;
/** Different numbered buildings are rarely one matter; a text naming several keeps them all, so it still matches each. */
export const BUILDING_GATE = 0.35;

/** Complaint boilerplate that would otherwise inflate every score. */
export const STOP_BIGRAMS: ReadonlySet<string> = new Set(
  (
    '投诉 客户 我们 你们 问题 小区 物业 业主 公司 要求 处理 已经 没有 一个 时候 现在 希望 工作 人员 反映 情况 ' +
    '严重 非常 本人 请求 解决 联系 电话 尽快 一直 几次 给个 说法 不管 多次 好几 还没 今天 昨天 每天 晚上 早上 ' +
    '这个 什么 怎么 可以 不能 服务 客服 管理 影响 请问 谢谢 麻烦 反应 回复 结果'
  ).split(' '),
);

const FUNCTION_CHARS: ReadonlySet<string> = new Set([...'的了是我在有都也就不还说这那个们你他她它吗吧呢啊和与及或被把让给对从到向']);

/**
 * Scoring a new complaint against a unit's recent ones weighs the same few thousand features over and
 * over (the intake profile showed it); the weight depends on the feature alone, so it is remembered.
 */
const weightMemo = new Map<string, number>();
const MAX_MEMO = 200_000;

export function featureWeight(f: string): number {
  let w = weightMemo.get(f);
  if (w === undefined) {
    w = computeWeight(f);
    if (weightMemo.size >= MAX_MEMO) weightMemo.clear();
    weightMemo.set(f, w);
  }
  return w;
}

function computeWeight(f: string): number {
  if (f.startsWith(CONCEPT_PREFIX)) return f[1] === 'p' ? WEIGHTS.problem : f[1] === 'o' ? WEIGHTS.object : 0;
  if (STOP_BIGRAMS.has(f)) return WEIGHTS.stop;
  for (const ch of f) {
    const c = ch.charCodeAt(0);
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122)) return WEIGHTS.alnum;
  }
  for (const ch of f) if (FUNCTION_CHARS.has(ch)) return WEIGHTS.functional;
  return WEIGHTS.bigram;
}

/**
 * What scoring needs of one side, summed over distinct features: the text features' weight and the
 * number of problem, object and building concepts. Of a stored complaint it never changes, so intake
 * keeps it per complaint (src/data/signature-totals.ts) and needs only the shared features from the
 * database, not the whole signature.
 */
export interface SignatureTotals {
  text: number;
  problems: number;
  objects: number;
  buildings: number;
}

/** A signature prepared once for scoring against many others. */
export interface PreparedSignature extends SignatureTotals {
  features: ReadonlySet<string>;
}

export function prepare(sig: readonly string[]): PreparedSignature {
  const features = new Set(sig);
  return { features, ...signatureTotals(features) };
}

export function signatureTotals(features: Iterable<string>): SignatureTotals {
  // Summed in tenths (every weight is a whole number of them), so the total does not depend on the
  // order: the database returns shared features in hash order, not in the signature's.
  let tenths = 0;
  const t = { text: 0, problems: 0, objects: 0, buildings: 0 };
  for (const f of features) {
    if (!f.startsWith(CONCEPT_PREFIX)) tenths += Math.round(featureWeight(f) * 10);
    else if (f[1] === 'p') t.problems++;
    else if (f[1] === 'o') t.objects++;
    else if (f[1] === 'b') t.buildings++;
  }
  t.text = tenths / 10;
  return t;
}

/**
 * The score of `a` against a signature known by its totals and the features it shares with `a` (each
 * once): the same value scorePrepared gives for the whole signature.
 *
 * Concepts of one kind count only when both texts have some: a text in which the lexicon finds no
 * problem word is unknown on that axis, not different, and must not be pushed apart by the other
 * side's unmatched concept weight.
 */
export function scoreFromShared(a: PreparedSignature, b: SignatureTotals, shared: Iterable<string>): number {
  const s = signatureTotals(shared);
  let total = a.text + b.text;
  let sharedWeight = 2 * s.text;
  const problems = a.problems > 0 && b.problems > 0;
  const objects = a.objects > 0 && b.objects > 0;
  if (problems) {
    total += WEIGHTS.problem * (a.problems + b.problems);
    sharedWeight += 2 * WEIGHTS.problem * s.problems;
  }
  if (objects) {
    total += WEIGHTS.object * (a.objects + b.objects);
    sharedWeight += 2 * WEIGHTS.object * s.objects;
  }
  if (total === 0) return 0;
  let score = sharedWeight / total;
  if (problems && s.problems === 0) score *= PROBLEM_GATE;
  if (objects && s.objects === 0) score *= OBJECT_GATE;
  if (a.buildings > 0 && b.buildings > 0 && s.buildings === 0) score *= BUILDING_GATE;
  return Math.min(1, score);
}

export function scorePrepared(a: PreparedSignature, b: readonly string[]): number {
  const distinct = new Set(b);
  const shared: string[] = [];
  for (const f of distinct) if (a.features.has(f)) shared.push(f);
  return scoreFromShared(a, signatureTotals(distinct), shared);
}

/** Similarity of two signatures in [0, 1]; symmetric; 1 for identical non-empty signatures. */
export function similarity(sigA: readonly string[], sigB: readonly string[]): number {
  return scorePrepared(prepare(sigA), sigB);
}

/**
 * The features a candidate must share with `sig` to be worth scoring: problem and object concepts and
 * the text features that weigh at least a plain bigram, heaviest first, at most `max` of them. The
 * database pre-filters candidates with them (the hashes of `keys` overlap the signature's, migration
 * 0012; the cost grows with both arrays' lengths), so a busy unit's boilerplate-only neighbours are
 * never sent to be scored. Sharing none of them leaves only boilerplate or a few light features in
 * common, below the threshold for real texts; test/domain/similarity.test.ts checks that no labelled
 * pair is lost. Falls back to the whole signature (capped) when a text has nothing else.
 */
export const MAX_CANDIDATE_KEYS = 16;

export function candidateKeys(sig: readonly string[], max = MAX_CANDIDATE_KEYS): string[] {
  const weight = (f: string) => (f.startsWith(CONCEPT_PREFIX) ? (f[1] === 'p' || f[1] === 'o' ? WEIGHTS.problem : 0) : featureWeight(f));
  const keys = sig.filter((f) => weight(f) >= WEIGHTS.bigram);
  const pool = keys.length ? keys : [...sig];
  // A stable sort keeps the signature's own order among equal weights, so the choice is deterministic.
  return pool
    .map((f, i) => ({ f, w: weight(f), i }))
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .slice(0, max)
    .map((x) => x.f);
}
