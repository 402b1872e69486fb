import { TRAD_TO_SIMP } from './trad-to-simp.ts';

/**
 * Text folding for similarity (R-SV-1). Two customers describing one leak write '３号楼', '3號樓'
 * and '三号楼'; after folding all three read '3号楼'.
 */

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

// Chinese numerals are folded only before units that name a place or thing (building, floor,
// unit, pump …): folding every 一 would also rewrite words such as 一直 and 一下.
const NUMBERED_UNIT = /([零〇一二两三四五六七八九十]{1,4})(?=号|栋|幢|楼|层|单元|期|座|区|站|机|枪|车道|车位)/g;

/** Letters and digits of any script; everything else separates segments. */
const SEPARATOR = /[^\p{L}\p{N}]+/u;

/** Full-width → half-width (NFKC), lowercase, traditional → simplified, Chinese numerals before units → digits. */
export function fold(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC').toLowerCase()) out += TRAD_TO_SIMP.get(ch) ?? ch;
  return out.replace(NUMBERED_UNIT, (m) => String(chineseNumber(m) ?? m));
}

/** The folded text with punctuation and whitespace removed. */
export function normalize(text: string): string {
  return segments(text).join('');
}

/** The folded text split at punctuation and whitespace into non-empty runs. */
export function segments(text: string): string[] {
  return fold(text)
    .split(SEPARATOR)
    .filter((s) => s.length > 0);
}

/** Reads 三, 十八, 二十六, 一八零一 (digit by digit); null when it is not a number. */
export function chineseNumber(s: string): number | null {
  if (!s.includes('十')) {
    let n = 0;
    for (const c of s) {
      const d = CN_DIGIT[c];
      if (d === undefined) return null;
      n = n * 10 + d;
    }
    return n;
  }
  const [tens, ones, ...rest] = s.split('十');
  if (rest.length > 0) return null;
  const t = tens === '' ? 1 : tens.length === 1 ? CN_DIGIT[tens] : undefined;
  const o = ones === '' ? 0 : ones.length === 1 ? CN_DIGIT[ones] : undefined;
  return t === undefined || o === undefined ? null : t * 10 + o;
}
