import { conceptsIn } from './concepts.ts';
import { segments } from './normalize.ts';

/**
 * The stored form of a complaint's text for similarity (R-SV-1): a deduplicated string array the
 * caller keeps in `complaints.signature text[]`, so candidates are scored without re-reading text.
 *
 * Features, in order of first appearance:
 *   '~p:<id>' / '~o:<id>'  problem / object concepts (see concepts.ts); '~' never survives normalize,
 *                          so these cannot collide with text features;
 *   '~b:<n>'               a building named by number (3号楼, 3栋, 三號樓 → '~b:3');
 *   'ab'                   adjacent-character bigrams within a segment, so two-character words
 *                          (退款, 漏水) are always captured; a run of letters/digits counts as one
 *                          character ('3号', '号楼', 'b2层');
 *   '1801', 'f2406'        letter/digit runs of two or more (room, batch, pump numbers);
 *   'x'                    a one-character segment, so a terse note never has an empty signature.
 * Concepts come first so the cap never drops them.
 */

export const CONCEPT_PREFIX = '~';
/** Keeps long texts cheap to store and score; the start of a complaint states the matter. */
export const MAX_FEATURES = 256;

const SYMBOL = /[a-z0-9]+|./gu;
const BUILDING = /(\d+)(?:号楼|栋|幢|号院)/g;
const ALNUM = /^[a-z0-9]+$/;

export function signature(text: string): string[] {
  const segs = segments(text);
  const out = new Set<string>();
  const folded = segs.join('');
  for (const c of conceptsIn(folded)) out.add(`${CONCEPT_PREFIX}${c.kind === 'problem' ? 'p' : 'o'}:${c.id}`);
  for (const m of folded.matchAll(BUILDING)) out.add(`${CONCEPT_PREFIX}b:${Number(m[1])}`);
  for (const seg of segs) {
    const symbols = seg.match(SYMBOL) ?? [];
    if (symbols.length === 1) out.add(symbols[0]);
    for (let i = 0; i < symbols.length; i++) {
      const s = symbols[i];
      if (s.length >= 2 && ALNUM.test(s)) out.add(s);
      if (i + 1 < symbols.length) out.add(s + symbols[i + 1]);
    }
    if (out.size >= MAX_FEATURES) break;
  }
  return [...out].slice(0, MAX_FEATURES);
}
