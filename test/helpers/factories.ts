/**
 * Test data a test file owns (docs/TESTING.md): each builder makes what it is asked for and any parent
 * it is not given (a unit without a company gets a new company under a new group), with ids of its
 * own, so a test does not lean on the demo organisation's ids, names or users. Organisation nodes and
 * users are written as an administrator's edit would leave them (the config counter's trigger tells
 * the per-process cache); complaints go through the intake use case.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/data/schema.ts';
import type { Deps } from '../../src/use-cases/context.ts';
import type { NewComplaintInput } from '../../src/use-cases/intake-input.ts';
import { createComplaint, type CreateResult } from '../../src/use-cases/create-complaint.ts';
import { testPasswordHash } from './template-db.ts';

export interface Node {
  id: string;
  name: string;
}
export interface Unit extends Node {
  policyId: string;
  companyId: string;
}
export interface User {
  id: string;
  email: string;
  name: string;
  role: string;
  orgNodeId: string | null;
}

/** Anything that holds the database: a TestApp, a TestDatabase or Deps. */
type HasDb = { db: Kysely<DB> } | { deps: Deps };
const dbOf = (h: HasDb): Kysely<DB> => ('deps' in h ? h.deps.db : h.db);

// Unique within the database a test file owns (one per file); the prefix keeps them apart from demo ids.
let serial = 0;
const nextId = (kind: string) => `f-${kind}-${++serial}`;

async function insertNode(
  h: HasDb,
  n: {
    id: string;
    parentId: string | null;
    kind: 'group' | 'company' | 'unit' | 'department';
    name: string;
    policyId?: string;
    settings?: Record<string, unknown>;
  },
): Promise<void> {
  await dbOf(h)
    .insertInto('org_nodes')
    .values({
      id: n.id,
      parent_id: n.parentId,
      kind: n.kind,
      name: n.name,
      policy_id: n.policyId ?? null,
      settings: JSON.stringify(n.settings ?? {}),
    })
    .execute();
}

export async function buildGroup(h: HasDb, o: { id?: string; name?: string } = {}): Promise<Node> {
  const id = o.id ?? nextId('grp');
  const name = o.name ?? `集团 ${id}`;
  await insertNode(h, { id, parentId: null, kind: 'group', name });
  return { id, name };
}

export async function buildCompany(
  h: HasDb,
  o: { id?: string; name?: string; groupId?: string } = {},
): Promise<Node & { groupId: string }> {
  const groupId = o.groupId ?? (await buildGroup(h)).id;
  const id = o.id ?? nextId('co');
  const name = o.name ?? `公司 ${id}`;
  await insertNode(h, { id, parentId: groupId, kind: 'company', name });
  return { id, name, groupId };
}

/** A unit working under `pack` (a policy pack id: 'real-estate', 'fuel-retail', 'food', …). */
export async function buildUnit(
  h: HasDb,
  o: { pack: string; id?: string; name?: string; companyId?: string; settings?: Record<string, unknown> },
): Promise<Unit> {
  const companyId = o.companyId ?? (await buildCompany(h)).id;
  const id = o.id ?? nextId('unit');
  const name = o.name ?? `单位 ${id}`;
  await insertNode(h, { id, parentId: companyId, kind: 'unit', name, policyId: o.pack, settings: o.settings });
  return { id, name, policyId: o.pack, companyId };
}

/** Departments of a unit, one per name given. */
export async function buildDepartments(h: HasDb, unit: { id: string }, names: string[]): Promise<Node[]> {
  const made: Node[] = [];
  for (const name of names) {
    const id = nextId('dept');
    await insertNode(h, { id, parentId: unit.id, kind: 'department', name });
    made.push({ id, name });
  }
  return made;
}

/**
 * A user with `role` at `orgNodeId` (null for a role without a node); without one, at a new unit
 * (pack `pack`, default 'real-estate') with its company and group. Logs in with TEST_PASSWORD.
 */
export async function buildUser(
  h: HasDb,
  o: { role: string; orgNodeId?: string | null; pack?: string; email?: string; name?: string },
): Promise<User> {
  const orgNodeId = o.orgNodeId !== undefined ? o.orgNodeId : (await buildUnit(h, { pack: o.pack ?? 'real-estate' })).id;
  const key = nextId('user');
  const email = o.email ?? `${key}@factory.test`;
  const name = o.name ?? `${o.role} ${key}`;
  const row = await dbOf(h)
    .insertInto('users')
    .values({ email, name, password_hash: await testPasswordHash(), role: o.role, org_node_id: orgNodeId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email, name, role: o.role, orgNodeId };
}

/** Users by role, each at the node given (`{ agent: group.id, handler: eng.id }`): a test's staff in one call. */
export async function buildUsers<R extends string>(h: HasDb, placements: Record<R, string | null>): Promise<Record<R, User>> {
  const users = {} as Record<R, User>;
  for (const role of Object.keys(placements) as R[]) users[role] = await buildUser(h, { role, orgNodeId: placements[role] });
  return users;
}

let phone = 0;

/**
 * A complaint taken in through the intake use case at `unitId` (or at a new real-estate unit), with a
 * customer and text of its own unless given; `actor` defaults to a service-centre agent.
 */
export async function buildComplaint(
  t: { deps: Deps },
  o: Partial<NewComplaintInput> & { actor?: User } = {},
): Promise<CreateResult & { unitId: string }> {
  const { actor, ...given } = o;
  const unitId = given.unitId ?? (await buildUnit(t, { pack: 'real-estate' })).id;
  const n = ++phone;
  const input: NewComplaintInput = {
    channel: 'phone',
    customer: { name: `客户${n}`, phone: `1370000${String(n).padStart(4, '0')}` },
    title: `测试投诉 ${n}`,
    content: `测试投诉内容 ${n}。`,
    ...given,
    unitId,
  };
  const by = actor
    ? { id: actor.id, label: actor.name, role: actor.role, orgNodeId: actor.orgNodeId }
    : { id: null, label: 'factory', role: 'agent' };
  return { ...(await createComplaint(t.deps, by, input)), unitId };
}

/** Text no other complaint shares (seeded), so similar-complaint rules stay out of tests about other rules. */
export function uniqueText(seed: number, length: number): string {
  let x = seed * 2654435761 + 12345;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += String.fromCharCode(0x4e00 + (x % 20000));
  }
  return out;
}

/**
 * A real-estate investigation report (R-LC-6: all six parts), for a leak from the flat above: the body of a
 * `report` action once a water-leak complaint has been acknowledged.
 */
export const LEAK_REPORT = {
  cause: '楼上住户装修破坏防水层',
  sequence: '11月24日来电，当日工程部上门核查',
  responsible: '工程管理部 赵磊',
  conclusion: '投诉有效',
  countermeasures: '重做防水并修复天花板',
  prevention: '装修巡查增加防水检查项',
} as const;
