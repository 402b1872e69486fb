/** The units an import may write to: those in the caller's scope, with their pack's names for categories and levels. */
import type { Db } from '../../data/complaint-store.ts';
import { listOrgNodes } from '../../data/org-store.ts';
import { latestCalendar } from '../../data/org-store.ts';
import type { ImportUnit } from '../../domain/imports/map-row.ts';
import { nodeInScope, type Scope } from '../../security/scope.ts';
import { configSnapshot } from '../../data/config-cache.ts';
import { packAt, versionInForce } from '../policy/resolve-pack.ts';
import type { Category, Pack } from '../../policies/pack-schema.ts';
import { DEFAULT_CALENDAR } from '../../domain/calendar/index.ts';

function categoriesOf(pack: Pack): ImportUnit['categories'] {
  const out: ImportUnit['categories'] = [];
  const stack: Category[] = [...pack.taxonomy];
  while (stack.length) {
    const c = stack.pop()!;
    out.push({ id: c.id, names: [c.name, c.nameZh].filter((n): n is string => typeof n === 'string') });
    if (c.children) stack.push(...(c.children as Category[]));
  }
  return out;
}

/** By id and by name (a ledger names the unit as people do); a name two units share is left out. */
export async function importUnits(
  db: Db,
  scope: Scope,
): Promise<{ byKey: Map<string, ImportUnit>; packs: Map<string, Pack>; versions: Map<string, number> }> {
  const byKey = new Map<string, ImportUnit>();
  const packs = new Map<string, Pack>();
  // Each unit's tuned pack in force now (issue #16 item 4), recorded on what it imports.
  const versions = new Map<string, number>();
  const config = await configSnapshot(db);
  const nameCount = new Map<string, number>();
  const units: ImportUnit[] = [];
  for (const n of await listOrgNodes(db)) {
    if (n.kind !== 'unit' || !n.policy_id || !nodeInScope(scope, n.id)) continue;
    const version = versionInForce(config, n.id, n.policy_id);
    const pack = packAt(config, n.id, n.policy_id, version);
    if (!pack) continue;
    const calendar = (await latestCalendar(db, n.id)) ?? DEFAULT_CALENDAR;
    units.push({
      id: n.id,
      name: n.name,
      timeZone: calendar.timeZone,
      categories: categoriesOf(pack),
      levels: pack.severity.levels.map((l) => ({ id: l.id, names: [l.name, l.nameZh].filter((x): x is string => typeof x === 'string') })),
      defaultLevel: pack.severity.defaultLevel,
    });
    packs.set(n.id, pack);
    versions.set(n.id, version);
    nameCount.set(n.name, (nameCount.get(n.name) ?? 0) + 1);
  }
  for (const u of units) if (nameCount.get(u.name) === 1) byKey.set(u.name, u);
  for (const u of units) byKey.set(u.id, u);
  return { byKey, packs, versions };
}
