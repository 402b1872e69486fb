import type { Category } from '../api/types.ts';

export interface CategoryNode {
  value: string;
  title: string;
  children?: CategoryNode[];
}

/** A pack's taxonomy as TreeSelect data, named in the current language. */
export function categoryTreeData(tree: Category[], pick: (zh: string, en: string) => string): CategoryNode[] {
  return tree.map((c) => ({
    value: c.id,
    title: pick(c.nameZh, c.name),
    children: c.children ? categoryTreeData(c.children, pick) : undefined,
  }));
}
