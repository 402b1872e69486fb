/**
 * Tuned packs (issue #16 item 4): which override rows make a unit's pack at a version, and the pack's JSON
 * with them applied. Pure; validating the result is the pack loader's job (src/policies/load-pack.ts).
 */
import { applyMergePatch, type Json } from './merge-patch.ts';

/** One saved override: a node's merge patch over a pack, with its global version (migration 0028). */
export interface OverrideRow {
  version: number;
  nodeId: string;
  policyId: string;
  overrides: Record<string, unknown>;
}

/**
 * The rows that make the effective pack of the node whose chain is `chain` (the node first, then its
 * ancestors: ConfigSnapshot.ancestry) at `version`: for each node of the chain, its latest row for `policyId`
 * with a version <= `version`, ordered from the top of the chain down, so a unit's own patch applies last.
 */
export function overridesInForce(
  rowsOf: (nodeId: string) => readonly OverrideRow[],
  chain: readonly string[],
  policyId: string,
  version: number,
): OverrideRow[] {
  const out: OverrideRow[] = [];
  for (const nodeId of [...chain].reverse()) {
    let latest: OverrideRow | undefined;
    for (const r of rowsOf(nodeId))
      if (r.policyId === policyId && r.version <= version && (!latest || r.version > latest.version)) latest = r;
    if (latest) out.push(latest);
  }
  return out;
}

/** The highest override version on the chain for `policyId` (0 = the shipped pack): a unit's current version. */
export function currentVersion(rowsOf: (nodeId: string) => readonly OverrideRow[], chain: readonly string[], policyId: string): number {
  let v = 0;
  for (const nodeId of chain) for (const r of rowsOf(nodeId)) if (r.policyId === policyId && r.version > v) v = r.version;
  return v;
}

/** The shipped pack's JSON with `rows` applied in order. */
export function applyOverrides(standard: unknown, rows: readonly { overrides: Record<string, unknown> }[]): Json {
  let doc = structuredClone(standard) as Json;
  for (const r of rows) doc = applyMergePatch(doc, r.overrides);
  return doc;
}

/** How a clock's trace names the pack it used: `policy real-estate v3` / `政策包 real-estate 第3版`, or "standard". */
export function policyLabel(policyId: string, version: number): { en: string; zh: string } {
  return version === 0
    ? { en: `policy ${policyId} standard`, zh: `政策包 ${policyId} 标准版` }
    : { en: `policy ${policyId} v${version}`, zh: `政策包 ${policyId} 第${version}版` };
}
