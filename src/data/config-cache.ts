/**
 * The organisation tree and each unit's latest calendar, kept in memory per process. They change
 * rarely (an administrator's edit) but are read by nearly every request: the scope of the user, the
 * unit and calendar of an intake. Reading them from the database each time cost two round trips per
 * intake (docs/PERFORMANCE.md).
 *
 * Staleness is ruled out, not bounded: migration 0008 keeps a counter that moves in the same
 * transaction as any change to org_nodes or calendars, and the statements every request runs anyway
 * (the session lookup, the intake read) return it. `observe` records the largest value seen; `get`
 * reloads when the snapshot is older. So a request sees every change committed before its session was
 * looked up, in this process or in any other one on the same database.
 */
import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { DB, OrgNodesTable } from './schema.ts';
import type { Db } from './complaint-store.ts';
import type { BusinessCalendar } from '../domain/contracts.ts';
import type { ChannelConfig } from '../domain/delivery/plan-outbox.ts';
import type { AddressBook, AdminEntry, HolderEntry } from '../domain/notifications/index.ts';
import { ROLES, roleHas } from '../security/permissions.ts';
import type { OverrideRow } from '../domain/policy/effective-pack.ts';

type OrgNode = Selectable<OrgNodesTable>;

export interface ConfigSnapshot {
  version: number;
  node(id: string): OrgNode | undefined;
  /** Ids of a node and everything below it (just the id itself for a node not in the tree). */
  subtree(rootId: string): string[];
  /** Every unit node, in service or not (the report schedules' reminders walk them, issue #15). */
  units(): OrgNode[];
  /** The unit's latest saved calendar, or null when it runs on the default one. */
  latestCalendar(unitId: string): BusinessCalendar | null;
  /** The nearest 'company' node at or above `nodeId` (issue #14: channels are configured per company). */
  companyOf(nodeId: string): OrgNode | undefined;
  /** A company's delivery channels (migration 0024), without their URLs and secrets. */
  channels(companyId: string): ChannelConfig[];
  /** Ids of a node and its ancestors, nearest first (empty for a node not in the tree). */
  ancestry(id: string): string[];
  /**
   * Who a notification about a complaint at `unitId` can reach (issue #14): the enabled holders of
   * positions at the unit and its ancestors, and the administrators of its company (whose node is the
   * company or above; one without a node counts for every company).
   */
  addressBook(unitId: string): AddressBook;
  /** A node's saved pack overrides, oldest first (migration 0028, issue #16 item 4). */
  policyOverrides(nodeId: string): readonly OverrideRow[];
  /** The highest override version saved (0 when none): a complaint's policy_version above it means this copy is older. */
  policyOverridesVersion: number;
}

/** The roles that receive a position nobody holds (src/security/permissions.ts decides which). */
const OVERSEER_ROLES = ROLES.filter((r) => roleHas(r, 'notifications.unaddressed'));

interface LoadedRow {
  version: number;
  nodes: (Omit<OrgNode, 'created_at'> & { created_at: string })[] | null;
  calendars: { unit_id: string; version: number; config: BusinessCalendar }[] | null;
  channels?: ChannelConfig[] | null;
  holders:
    | { user_id: string; position_id: string; org_node_id: string; name: string; email: string | null; notify_email: boolean }[]
    | null;
  admins: { id: string; name: string; email: string | null; org_node_id: string | null; notify_email: boolean }[] | null;
  overrides?: OverrideRow[] | null;
}

/** One statement, so the counter and the data come from the same snapshot. */
async function load(db: Db): Promise<ConfigSnapshot> {
  const r = await sql<LoadedRow>`
    SELECT (SELECT v FROM config_version)::int AS version,
           (SELECT json_agg(o) FROM (SELECT id, parent_id, kind, name, policy_id, settings, disabled, created_at FROM org_nodes) o) AS nodes,
           (SELECT json_agg(c) FROM (SELECT DISTINCT ON (unit_id) unit_id, version, config FROM calendars ORDER BY unit_id, version DESC) c) AS calendars,
           (SELECT json_agg(d ORDER BY d."createdAt", d.id) FROM (SELECT id, company_id AS "companyId", kind, name, kinds, levels, enabled, created_at AS "createdAt"
              FROM delivery_channels) d) AS channels,
           (SELECT json_agg(h) FROM (
              SELECT p.user_id, p.position_id, p.org_node_id, u.name, u.email, u.notify_email
              FROM user_positions p JOIN users u ON u.id = p.user_id
              WHERE NOT u.disabled ORDER BY u.email, p.position_id, p.org_node_id) h) AS holders,
           (SELECT json_agg(a) FROM (
              SELECT id, name, email, org_node_id, notify_email FROM users
              WHERE NOT disabled AND role = ANY(${OVERSEER_ROLES}::text[]) ORDER BY email) a) AS admins,
           (SELECT json_agg(p ORDER BY p.version) FROM (SELECT version, node_id AS "nodeId", policy_id AS "policyId", overrides
              FROM policy_overrides) p) AS overrides`.execute(db);
  const row = r.rows[0];
  return withOverrides(
    buildSnapshot(
      Number(row.version),
      (row.nodes ?? []).map((n) => ({ ...n, created_at: new Date(n.created_at) })),
      row.calendars ?? [],
      row.holders ?? [],
      row.admins ?? [],
      (row.channels ?? []).map(({ id, companyId, kind, name, kinds, levels, enabled }) => ({
        id,
        companyId,
        kind,
        name,
        kinds,
        levels,
        enabled,
      })),
    ),
    row.overrides ?? [],
  );
}

/** Adds the tuned packs' override rows (issue #16 item 4) to a snapshot. */
function withOverrides(snapshot: Omit<ConfigSnapshot, 'policyOverrides' | 'policyOverridesVersion'>, rows: OverrideRow[]): ConfigSnapshot {
  const byNode = new Map<string, OverrideRow[]>();
  for (const r of rows) byNode.set(r.nodeId, [...(byNode.get(r.nodeId) ?? []), r]);
  const max = rows.reduce((m, r) => Math.max(m, r.version), 0);
  return { ...snapshot, policyOverrides: (nodeId) => byNode.get(nodeId) ?? [], policyOverridesVersion: max };
}

function buildSnapshot(
  version: number,
  nodes: OrgNode[],
  calendars: NonNullable<LoadedRow['calendars']>,
  holderRows: NonNullable<LoadedRow['holders']>,
  adminRows: NonNullable<LoadedRow['admins']>,
  channels: ChannelConfig[],
): Omit<ConfigSnapshot, 'policyOverrides' | 'policyOverridesVersion'> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    if (!n.parent_id) continue;
    const list = children.get(n.parent_id) ?? [];
    list.push(n.id);
    children.set(n.parent_id, list);
  }
  const channelsByCompany = new Map<string, ChannelConfig[]>();
  for (const ch of channels) channelsByCompany.set(ch.companyId, [...(channelsByCompany.get(ch.companyId) ?? []), ch]);
  const cals = new Map(calendars.map((c) => [c.unit_id, { ...c.config, version: c.version } as BusinessCalendar]));
  // wantsEmail: the user's own choice (users.notify_email, migration 0024).
  const holdersAt = new Map<string, HolderEntry[]>();
  for (const h of holderRows) {
    const list = holdersAt.get(h.org_node_id) ?? [];
    list.push({
      userId: h.user_id,
      positionId: h.position_id,
      orgNodeId: h.org_node_id,
      name: h.name,
      email: h.email,
      wantsEmail: h.notify_email,
    });
    holdersAt.set(h.org_node_id, list);
  }
  const admins = adminRows.map((a) => ({
    entry: { userId: a.id, name: a.name, email: a.email, wantsEmail: a.notify_email } as AdminEntry,
    nodeId: a.org_node_id,
  }));
  const ancestry = (id: string): string[] => {
    const out: string[] = [];
    for (let n = byId.get(id); n && !out.includes(n.id); n = n.parent_id ? byId.get(n.parent_id) : undefined) out.push(n.id);
    return out;
  };
  const books = new Map<string, AddressBook>();
  return {
    version,
    node: (id) => byId.get(id),
    units: () => nodes.filter((n) => n.kind === 'unit'),
    subtree(rootId) {
      const out: string[] = [];
      const stack = [rootId];
      while (stack.length) {
        const id = stack.pop()!;
        out.push(id);
        stack.push(...(children.get(id) ?? []));
      }
      return out;
    },
    latestCalendar: (unitId) => cals.get(unitId) ?? null,
    companyOf(nodeId) {
      for (let n = byId.get(nodeId), hops = 0; n && hops < 64; n = n.parent_id ? byId.get(n.parent_id) : undefined, hops++) {
        if (n.kind === 'company') return n;
      }
      return undefined;
    },
    channels: (companyId) => channelsByCompany.get(companyId) ?? [],
    ancestry,
    addressBook(unitId) {
      let book = books.get(unitId);
      if (!book) {
        const up = ancestry(unitId);
        const company = up.findIndex((id) => byId.get(id)?.kind === 'company');
        const companyAndAbove = new Set(company >= 0 ? up.slice(company) : up);
        book = {
          ancestry: up,
          holders: up.flatMap((id) => holdersAt.get(id) ?? []),
          admins: admins.filter((a) => a.nodeId === null || companyAndAbove.has(a.nodeId)).map((a) => a.entry),
        };
        books.set(unitId, book);
      }
      return book;
    },
  };
}

export class ConfigCache {
  #snapshot: ConfigSnapshot | null = null;
  #observed = 0;
  #loading: Promise<ConfigSnapshot> | null = null;

  /** A counter value read from the database by some statement of this process. */
  observe(version: number | string | null | undefined): void {
    const v = Number(version);
    if (Number.isFinite(v) && v > this.#observed) this.#observed = v;
  }

  /** The snapshot held now, without a read (null before the first one): for writers inside a transaction that read nothing more. */
  peek(): ConfigSnapshot | null {
    return this.#snapshot;
  }

  async get(db: Db): Promise<ConfigSnapshot> {
    // Inside a transaction the snapshot could include that transaction's own uncommitted changes:
    // read through it, never cache it.
    if (db.isTransaction) return load(db);
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = this.#snapshot;
      if (current && current.version >= this.#observed) return current;
      this.#loading ??= load(db).finally(() => (this.#loading = null));
      const loaded = await this.#loading;
      if (!this.#snapshot || loaded.version >= this.#snapshot.version) this.#snapshot = loaded;
      this.observe(loaded.version);
    }
    // A counter observed mid-load: the next load is certain to be at least that new.
    return load(db);
  }
}

/**
 * One cache per database. Kysely shares one dialect adapter object between an instance and every
 * transaction opened from it (and nothing else), so it identifies the database for both.
 */
const caches = new WeakMap<object, ConfigCache>();

export function configCache(db: Db | Kysely<DB>): ConfigCache {
  const key = db.getExecutor().adapter;
  let cache = caches.get(key);
  if (!cache) {
    cache = new ConfigCache();
    caches.set(key, cache);
  }
  return cache;
}

/** The current snapshot for `db`, reloaded if a newer counter has been seen. */
export function configSnapshot(db: Db): Promise<ConfigSnapshot> {
  return configCache(db).get(db);
}
