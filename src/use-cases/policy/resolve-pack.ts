/**
 * The one way to a complaint's or a unit's pack once packs can be tuned (issue #16 item 4): the shipped
 * pack with the override rows in force on the unit's chain at a version applied, validated by the pack
 * loader, and its clock definitions stamped with the pack id and version so each clock's trace names them.
 *
 * The override rows come from the per-process configuration copy (src/data/config-cache.ts), never from a
 * query per complaint, so intake stays one read and one write. Rows are never updated, so an effective
 * pack is fixed by the rows it is made of: results are cached in process by the pack id and the patches
 * applied (their content, so two databases in one process cannot share a wrong entry).
 */
import type { ConfigSnapshot } from '../../data/config-cache.ts';
import { configCache, configSnapshot } from '../../data/config-cache.ts';
import type { Db } from '../../data/complaint-store.ts';
import { DomainError } from '../../domain/errors.ts';
import { applyOverrides, currentVersion, overridesInForce, type OverrideRow } from '../../domain/policy/effective-pack.ts';
import { findPack, loadPack, type Pack } from '../../policies/index.ts';

const CACHE_LIMIT = 256;
const cache = new Map<string, Pack>();

function remember(key: string, pack: Pack): Pack {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, pack);
  return pack;
}

function stamped(pack: Pack, version: number): Pack {
  return { ...pack, clocks: pack.clocks.map((c) => ({ ...c, policy: { id: pack.id, version } })) };
}

/** The shipped pack with `rows` applied and validated (throws PackValidationError), not stamped. */
export function buildEffectivePack(standard: Pack, rows: readonly { overrides: Record<string, unknown> }[]): Pack {
  return rows.length === 0 ? standard : loadPack(applyOverrides(standard, rows));
}

/**
 * The effective pack of `policyId` at the node `nodeId` at override version `version` (0 = shipped), or
 * undefined when the pack is not installed. Throws CONFLICT when this copy of the configuration is older
 * than `version` (a complaint received under an override another process saved a moment ago).
 */
export function packAt(config: ConfigSnapshot, nodeId: string, policyId: string, version: number): Pack | undefined {
  const standard = findPack(policyId);
  if (!standard) return undefined;
  if (version > config.policyOverridesVersion) {
    throw new DomainError('CONFLICT', `policy version ${version} is newer than this server's configuration copy; try again`);
  }
  const rows = overridesInForce((id) => config.policyOverrides(id), config.ancestry(nodeId), policyId, version);
  // The version stamped is the one asked for: a unit's version is the highest on its chain, so rows of other
  // nodes saved later do not change which pack a complaint had.
  const key = `${policyId}|${version}|${JSON.stringify(rows.map((r) => r.overrides))}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let pack: Pack;
  try {
    pack = buildEffectivePack(standard, rows);
  } catch (e) {
    // Every saved override was validated against its subtree; a move in the tree can still break one.
    throw new DomainError(
      'CONFLICT',
      `the tuned policy '${policyId}' v${version} at '${nodeId}' is no longer valid: ${(e as Error).message}`,
    );
  }
  return remember(key, stamped(pack, version));
}

/** A complaint's pack: its unit's effective pack at the version in force when it was received. */
export function complaintPack(
  config: ConfigSnapshot,
  row: { unit_id: string; policy_id: string; policy_version: number },
): Pack | undefined {
  return packAt(config, row.unit_id, row.policy_id, row.policy_version ?? 0);
}

/** The version in force now at a node for a pack: the highest override version on its chain (0 = shipped). */
export function versionInForce(config: ConfigSnapshot, nodeId: string, policyId: string): number {
  return currentVersion((id) => config.policyOverrides(id), config.ancestry(nodeId), policyId);
}

/** The rows of the chain in force now, top first (for the policy page's "inherited" list). */
export function rowsInForce(config: ConfigSnapshot, nodeId: string, policyId: string): OverrideRow[] {
  return overridesInForce((id) => config.policyOverrides(id), config.ancestry(nodeId), policyId, Number.MAX_SAFE_INTEGER);
}

/**
 * A complaint's pack where no configuration copy is at hand (casework): the copy held now, or a fresh one
 * read through `db` when none is held or it is older than the complaint's version.
 */
export async function complaintPackVia(
  db: Db,
  row: { unit_id: string; policy_id: string; policy_version: number },
): Promise<Pack | undefined> {
  const held = configCache(db).peek();
  const config = held && held.policyOverridesVersion >= (row.policy_version ?? 0) ? held : await configSnapshot(db);
  return complaintPack(config, row);
}

/**
 * complaintPack with `config`, or, when the complaint was received under a version newer than that copy (saved
 * by another process after this request's session lookup), with a copy read through `trx` (a transaction
 * reads it afresh, src/data/config-cache.ts). Costs a statement only in that case.
 */
export async function complaintPackIn(
  trx: Db,
  config: ConfigSnapshot,
  row: { unit_id: string; policy_id: string; policy_version: number },
): Promise<Pack | undefined> {
  const fresh = (row.policy_version ?? 0) <= config.policyOverridesVersion ? config : await configSnapshot(trx);
  return complaintPack(fresh, row);
}
