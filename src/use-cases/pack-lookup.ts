/** Look-ups into a pack's taxonomy and levels used when validating requests. */
import type { Pack, Category } from '../policies/pack-schema.ts';

export function findCategory(pack: Pack, id: string): Category | null {
  const stack: Category[] = [...pack.taxonomy];
  while (stack.length) {
    const c = stack.pop()!;
    if (c.id === id) return c;
    if (c.children) stack.push(...(c.children as Category[]));
  }
  return null;
}

export function hasLevel(pack: Pack, level: string): boolean {
  return pack.severity.levels.some((l) => l.id === level);
}
