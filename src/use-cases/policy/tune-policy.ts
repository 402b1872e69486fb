/**
 * Tuned packs (issue #16 item 4): read, save and preview a company's or unit's overrides of its pack.
 * `overrides` is the node's own JSON Merge Patch (RFC 7396) over the pack's JSON; a save stores it as a new
 * row (a new global version), never an update, after checking that the node's effective pack and that of
 * every unit below it which inherits the patch still pass the pack loader (src/policies/load-pack.ts).
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../context.ts';
import type { DB } from '../../data/schema.ts';
import type { ConfigSnapshot } from '../../data/config-cache.ts';
import { configSnapshot } from '../../data/config-cache.ts';
import { insertPolicyOverride, listPolicyOverrides, lockPolicyOverrides } from '../../data/policy-override-store.ts';
import { inTransaction } from '../../data/transaction.ts';
import { DEFAULT_CALENDAR } from '../../domain/calendar/index.ts';
import type { Channel } from '../../domain/contracts.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { applyOverrides, overridesInForce, type OverrideRow } from '../../domain/policy/effective-pack.ts';
import { isJsonObject } from '../../domain/policy/merge-patch.ts';
import { intakeDueInstants, type PreviewClock } from '../../domain/policy/preview-due.ts';
import { findPack, loadPack, PackValidationError, type Pack } from '../../policies/index.ts';
import { authorize } from '../../security/authorize.ts';
import { nodeInScope, scopeOf, type UserRef } from '../../security/scope.ts';
import { parseInstant } from '../../domain/instant.ts';
import { rowsInForce, versionInForce } from './resolve-pack.ts';

type Node = NonNullable<ReturnType<ConfigSnapshot['node']>>;

export interface NodePolicy {
  nodeId: string;
  nodeKind: string;
  policyId: string;
  /** The version in force at the node: the highest override version on its chain (0 = the shipped pack). */
  version: number;
  /** The node's own latest patch ({} when it has none). */
  overrides: Record<string, unknown>;
  /** The version of the node's own latest patch (null when it has none). */
  ownVersion: number | null;
  /** The patches of the nodes above it, top first, that apply before its own. */
  inherited: { nodeId: string; nodeName: string; version: number; overrides: Record<string, unknown> }[];
  effective: Pack;
  standard: Pack;
  history: { version: number; createdAt: string; createdBy: string | null; createdByName: string | null }[];
}

/** A company or unit (or the group above) in the user's scope, for `policy.tune`; anything else answers 404. */
async function tunableNode(deps: Deps, user: UserRef, nodeId: string): Promise<{ config: ConfigSnapshot; node: Node }> {
  authorize(user, 'policy.tune');
  const config = await configSnapshot(deps.db);
  const node = config.node(nodeId);
  if (!node || node.kind === 'department' || !nodeInScope(await scopeOf(deps.db, user), node.id)) throw notFound(`unit '${nodeId}'`);
  return { config, node };
}

/**
 * Which pack a node's overrides patch: a unit's own; for a company (or group), its own when set, else the
 * one named, else the one pack every unit below it follows. A unit cannot patch a pack it does not follow.
 */
function policyIdOf(config: ConfigSnapshot, node: Node, named: string | undefined): string {
  if (node.kind === 'unit') {
    if (!node.policy_id) throw new DomainError('CONFLICT', `unit '${node.id}' follows no policy pack`);
    if (named && named !== node.policy_id) throw invalidField('policyId', `unit '${node.id}' follows '${node.policy_id}', not '${named}'`);
    return node.policy_id;
  }
  const below = new Set(unitsBelow(config, node.id).flatMap((u) => (u.policy_id ? [u.policy_id] : [])));
  const id = named ?? node.policy_id ?? (below.size === 1 ? [...below][0] : undefined);
  if (!id) {
    throw new DomainError(
      'CONFLICT',
      `'${node.id}' names no policy pack and its units follow ${below.size === 0 ? 'none' : [...below].join(', ')}: name one with policyId`,
    );
  }
  if (!findPack(id)) throw invalidField('policyId', `unknown policy pack '${id}'`);
  return id;
}

function unitsBelow(config: ConfigSnapshot, nodeId: string): Node[] {
  return config
    .subtree(nodeId)
    .map((id) => config.node(id))
    .filter((n): n is Node => n?.kind === 'unit');
}

function invalidField(field: string, message: string): DomainError {
  return new DomainError('VALIDATION', `${field}: ${message}`, { field });
}

/** `clocks[1].due.inHours.minutes` → `/clocks/1/due/inHours/minutes` (RFC 6901). */
export function pointerOf(dotted: string): string {
  if (dotted === '') return '';
  return `/${dotted
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '')
    .split('.')
    .map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1'))
    .join('/')}`;
}

/** The pack loader's refusal as a 400 naming the JSON path of each bad value. */
function refused(e: PackValidationError, where: string): DomainError {
  const issues = e.issues.map((i) => ({ path: pointerOf(i.path), message: i.message }));
  const first = issues[0];
  const head = first ? `${first.path || '/'}: ${first.message}` : 'invalid pack';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new DomainError('VALIDATION', `overrides${where}: ${head}${more}`, { field: 'overrides', path: first?.path ?? '', issues });
}

function effectiveOf(standard: Pack, rows: readonly { overrides: Record<string, unknown> }[], where: string): Pack {
  try {
    return loadPack(applyOverrides(standard, rows));
  } catch (e) {
    if (e instanceof PackValidationError) throw refused(e, where);
    throw e;
  }
}

function viewOf(config: ConfigSnapshot, node: Node, policyId: string, history: NodePolicy['history']): NodePolicy {
  const standard = findPack(policyId)!;
  const rows = rowsInForce(config, node.id, policyId);
  const own = rows.find((r) => r.nodeId === node.id);
  return {
    nodeId: node.id,
    nodeKind: node.kind,
    policyId,
    version: versionInForce(config, node.id, policyId),
    overrides: own?.overrides ?? {},
    ownVersion: own?.version ?? null,
    inherited: rows
      .filter((r) => r.nodeId !== node.id)
      .map((r) => ({ nodeId: r.nodeId, nodeName: config.node(r.nodeId)?.name ?? r.nodeId, version: r.version, overrides: r.overrides })),
    effective: effectiveOf(standard, rows, ''),
    standard,
    history,
  };
}

const historyOf = async (db: Deps['db'], nodeId: string, policyId: string): Promise<NodePolicy['history']> =>
  (await listPolicyOverrides(db, nodeId, policyId)).map((h) => ({ ...h, createdAt: h.createdAt.toISOString() }));

export async function readNodePolicy(deps: Deps, user: UserRef, nodeId: string, policyId?: string): Promise<NodePolicy> {
  const { config, node } = await tunableNode(deps, user, nodeId);
  const id = policyIdOf(config, node, policyId);
  return viewOf(config, node, id, await historyOf(deps.db, node.id, id));
}

function checkPatch(overrides: unknown, standard: Pack): Record<string, unknown> {
  if (!isJsonObject(overrides)) throw invalidField('overrides', 'must be a JSON object (an RFC 7396 merge patch)');
  if (Object.hasOwn(overrides, 'id') && overrides.id !== standard.id) {
    throw new DomainError('VALIDATION', `overrides: /id: a tuned pack keeps the id '${standard.id}'`, { field: 'overrides', path: '/id' });
  }
  return overrides as Record<string, unknown>;
}

/** The rows in force at `unitId` if `candidate` were saved: the candidate replaces its node's latest row. */
function rowsWith(config: ConfigSnapshot, atId: string, policyId: string, candidate: OverrideRow): OverrideRow[] {
  const rowsOf = (id: string) => (id === candidate.nodeId ? [...config.policyOverrides(id), candidate] : config.policyOverrides(id));
  return overridesInForce(rowsOf, config.ancestry(atId), policyId, candidate.version);
}

/**
 * Saves the node's patch as a new version. Checked first: the patch is an object that keeps the pack's id,
 * the node's effective pack passes the loader, and so does that of every unit below it on the same pack.
 */
export async function saveNodePolicy(
  deps: Deps,
  user: UserRef,
  nodeId: string,
  body: { overrides: unknown; policyId?: string },
): Promise<NodePolicy> {
  await tunableNode(deps, user, nodeId);
  return inTransaction(deps.db as Kysely<DB>, async (trx) => {
    await lockPolicyOverrides(trx);
    // Read through the transaction, after the lock: every save before this one is seen.
    const config = await configSnapshot(trx);
    const node = config.node(nodeId)!;
    const policyId = policyIdOf(config, node, body.policyId);
    const standard = findPack(policyId)!;
    const overrides = checkPatch(body.overrides, standard);
    const candidate: OverrideRow = { version: Number.MAX_SAFE_INTEGER, nodeId: node.id, policyId, overrides };
    effectiveOf(standard, rowsWith(config, node.id, policyId, candidate), '');
    for (const unit of unitsBelow(config, node.id)) {
      if (unit.id === node.id || unit.policy_id !== policyId) continue;
      effectiveOf(standard, rowsWith(config, unit.id, policyId, candidate), ` (as inherited by unit '${unit.id}')`);
    }
    await insertPolicyOverride(trx, { nodeId: node.id, policyId, overrides, createdBy: user.id });
    const after = await configSnapshot(trx);
    return viewOf(after, after.node(node.id)!, policyId, await historyOf(trx, node.id, policyId));
  });
}

export interface PolicyPreview {
  policyId: string;
  calendarUnitId: string | null;
  sample: { channel: Channel; receivedAt: string; level: string | null; categoryId: string | null };
  clocks: { name: string; ruleId: string; label: string; labelZh: string; current: PreviewClock | null; proposed: PreviewClock | null }[];
}

/**
 * The due instants a sample complaint would get at intake under the pack in force now and under the node's
 * proposed patch, on the unit's calendar (a company's: its first unit on the pack, else the default). No write.
 */
export async function previewNodePolicy(
  deps: Deps,
  user: UserRef,
  nodeId: string,
  body: {
    overrides: unknown;
    policyId?: string;
    sample: { channel: Channel; receivedAt: string; level?: string; categoryId?: string };
  },
): Promise<PolicyPreview> {
  const { config, node } = await tunableNode(deps, user, nodeId);
  const policyId = policyIdOf(config, node, body.policyId);
  const standard = findPack(policyId)!;
  const overrides = checkPatch(body.overrides, standard);
  const receivedAt = parseInstant(body.sample.receivedAt, 'sample.receivedAt');
  const current = effectiveOf(standard, rowsInForce(config, node.id, policyId), '');
  const candidate: OverrideRow = { version: Number.MAX_SAFE_INTEGER, nodeId: node.id, policyId, overrides };
  const proposed = effectiveOf(standard, rowsWith(config, node.id, policyId, candidate), '');
  const level = body.sample.level ?? null;
  if (level !== null && !proposed.severity.levels.some((l) => l.id === level)) {
    throw invalidField('sample.level', `unknown level '${level}' in policy '${policyId}'`);
  }
  const calendarUnit = node.kind === 'unit' ? node : unitsBelow(config, node.id).find((u) => u.policy_id === policyId);
  const calendar = (calendarUnit && config.latestCalendar(calendarUnit.id)) ?? DEFAULT_CALENDAR;
  const sample = { channel: body.sample.channel, receivedAt, level, categoryId: body.sample.categoryId ?? null };
  const before = intakeDueInstants(current, calendar, sample);
  const after = intakeDueInstants(proposed, calendar, sample);
  const names = [...new Set([...before.map((c) => c.name), ...after.map((c) => c.name)])];
  return {
    policyId,
    calendarUnitId: calendarUnit?.id ?? null,
    sample: { channel: sample.channel, receivedAt: receivedAt.toISOString(), level, categoryId: sample.categoryId },
    clocks: names.map((name) => {
      const c = before.find((x) => x.name === name) ?? null;
      const p = after.find((x) => x.name === name) ?? null;
      const any = (p ?? c)!;
      return { name, ruleId: any.ruleId, label: any.label, labelZh: any.labelZh, current: c, proposed: p };
    }),
  };
}
