/** Look-ups into a pack's taxonomy, levels and rules: validating requests, and naming notifications. */
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

/**
 * The qualification a category is sorted under, its own or its nearest ancestor's (fuel §3–4 sorts the
 * taxonomy into valid complaints, invalid ones and suggestions); null where the pack does not sort.
 */
export function categoryKind(pack: Pack, id: string): Category['kind'] | null {
  const walk = (list: Category[], inherited: Category['kind'] | undefined): Category['kind'] | null | undefined => {
    for (const c of list) {
      const kind = c.kind ?? inherited;
      if (c.id === id) return kind ?? null;
      const found = c.children ? walk(c.children as Category[], kind) : undefined;
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(pack.taxonomy, undefined) ?? null;
}

export function hasLevel(pack: Pack, level: string): boolean {
  return pack.severity.levels.some((l) => l.id === level);
}

/**
 * A notification's Chinese subject: its rule's (pack notification rules and the crisis alert carry one),
 * else the stored subject. Notifications store the English subject; readers show the one of their language.
 */
export function notificationSubjectZh(
  pack: Pack | undefined,
  n: { ruleId: string; kind: string; subject: string; code?: string | null },
): string {
  const rule = pack?.notifications.find((r) => r.ruleId === n.ruleId && r.kind === n.kind);
  const zh = rule
    ? rule.subjectZh
    : pack?.crisis && pack.crisis.ruleId === n.ruleId && n.kind === 'crisis_alert'
      ? pack.crisis.labelZh
      : pack?.emergency && pack.emergency.ruleId === n.ruleId && n.kind === 'emergency_alert'
        ? pack.emergency.labelZh
        : null;
  if (zh === null) return n.subject;
  // A stored subject starts with the complaint's code when the writer put it there; the Chinese one does too.
  return n.code && n.subject.startsWith(`${n.code} `) ? `${n.code} ${zh}` : zh;
}
