/**
 * Money is carried as integer fen (分) so that splits and multiples never drift: 0.1 + 0.2 style
 * float errors would otherwise leak into fines that must add up to the cent.
 */

export type Fen = number;

/** Converts a yuan amount to integer fen, rounding half away from zero at the fen. */
export function yuanToFen(yuan: number): Fen {
  if (!Number.isFinite(yuan)) throw new RangeError(`amount must be finite, got ${yuan}`);
  // toFixed avoids 1.005 * 100 = 100.49999… rounding down.
  const fen = Math.round(Number((Math.abs(yuan) * 100).toFixed(6)));
  return yuan < 0 ? -fen : fen;
}

export function fenToYuan(fen: Fen): number {
  return fen / 100;
}

/** Formats fen as '1,234.50' style yuan for explanations (no currency sign; callers add 元). */
export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  return cents === 0 ? `${sign}${whole}` : `${sign}${whole}.${String(cents).padStart(2, '0')}`;
}

/**
 * `basisPoints / 10000` of an amount, rounded half up at the fen. Used for single percentages
 * (a 10 % discount); splits that must add up use {@link splitByWeights}.
 */
export function percentOf(amount: Fen, basisPoints: number): Fen {
  if (!Number.isInteger(amount) || !Number.isInteger(basisPoints)) throw new RangeError('integer fen and basis points required');
  return Math.floor((amount * basisPoints + 5000) / 10000);
}

/**
 * Splits `total` fen in proportion to integer `weights` so that the parts always sum to `total`
 * exactly (largest-remainder method; ties go to the earlier part, so the result is deterministic).
 */
export function splitByWeights(total: Fen, weights: readonly number[]): Fen[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`total must be a non-negative integer, got ${total}`);
  if (weights.some((w) => !Number.isInteger(w) || w < 0)) throw new RangeError('weights must be non-negative integers');
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) {
    if (total === 0) return weights.map(() => 0);
    throw new RangeError('cannot split a non-zero total by zero weights');
  }
  const floors = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = weights.map((w, i) => ({ i, rem: (total * w) % sum })).sort((x, y) => y.rem - x.rem || x.i - y.i);
  for (const { i } of order) {
    if (left === 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return floors;
}

/** `amount` × `factor` (a gift ratio, a multiplier), rounded half away from zero at the fen. */
export function multiplyFen(amount: Fen, factor: number): Fen {
  if (!Number.isInteger(amount) || !Number.isFinite(factor)) throw new RangeError('integer fen and a finite factor required');
  const product = Math.round(Number((Math.abs(amount) * factor).toFixed(6)));
  return amount < 0 ? -product : product;
}

/** `percent` % of an amount (a pack's percentOff, which may carry decimals), rounded half up at the fen. */
export function percentOfAmount(amount: Fen, percent: number): Fen {
  return percentOf(amount, Math.round(percent * 100));
}
