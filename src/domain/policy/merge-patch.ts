/**
 * JSON Merge Patch (RFC 7396), the format of a tuned pack's overrides (issue #16 item 4), and its inverse:
 * the patch that turns one document into another (the console's form and the "difference from the standard
 * pack" view). Pure; no input is modified.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * RFC 7396 §2 MergePatch(Target, Patch): a non-object patch replaces the target whole (arrays too); an
 * object patch is merged member by member, where null removes the member.
 */
export function applyMergePatch(target: unknown, patch: unknown): Json {
  if (!isJsonObject(patch)) return structuredClone(patch) as Json;
  const out: JsonObject = isJsonObject(target) ? { ...(target as JsonObject) } : {};
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete out[name];
    else out[name] = applyMergePatch(out[name], value);
  }
  return out;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * The smallest merge patch P with applyMergePatch(base, P) deep-equal to `target`, for a target whose
 * members are never null (a null member cannot be expressed: RFC 7396 §5). Objects are compared member by
 * member; anything else that differs (arrays included) is carried whole. Undefined members count as absent.
 */
export function createMergePatch(base: unknown, target: unknown): Json {
  if (!isJsonObject(base) || !isJsonObject(target)) return structuredClone(target) as Json;
  const patch: JsonObject = {};
  for (const name of Object.keys(base)) {
    if (base[name] !== undefined && (!Object.hasOwn(target, name) || target[name] === undefined)) patch[name] = null;
  }
  for (const [name, value] of Object.entries(target)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(base, name) || base[name] === undefined) patch[name] = structuredClone(value);
    else if (!deepEqual(base[name], value)) patch[name] = createMergePatch(base[name], value);
  }
  return patch;
}

/** One changed leaf between two documents, for the "difference from the standard pack" list. */
export interface PatchChange {
  /** JSON Pointer (RFC 6901) of the changed value, e.g. `/clocks/0/due/inHours/minutes`. */
  path: string;
  before?: Json;
  after?: Json;
}

const escapeToken = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every leaf that differs between `before` and `after`, by JSON Pointer: objects and arrays are walked
 * (arrays by index, so a patch that carries a whole array still lists only the values that changed); a
 * value present on one side only is an addition or a removal.
 */
export function changedPaths(before: unknown, after: unknown, at = ''): PatchChange[] {
  if (deepEqual(before, after)) return [];
  const bothObjects = isJsonObject(before) && isJsonObject(after);
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  if (!bothObjects && !bothArrays) {
    const change: PatchChange = { path: at || '/' };
    if (before !== undefined) change.before = before as Json;
    if (after !== undefined) change.after = after as Json;
    return [change];
  }
  const keys = bothArrays
    ? Array.from({ length: Math.max((before as Json[]).length, (after as Json[]).length) }, (_, i) => String(i))
    : [...new Set([...Object.keys(before as JsonObject), ...Object.keys(after as JsonObject)])];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return keys.flatMap((k) => changedPaths(b[k], a[k], `${at}/${escapeToken(k)}`));
}
