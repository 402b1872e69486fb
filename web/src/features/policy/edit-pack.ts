/** Immutable edits of a pack's JSON by path, for the policy form (issue #16 item 4). */
export type Path = readonly (string | number)[];

/** A copy of `doc` with the value at `path` set (parents copied, never shared with the original). */
export function setIn<T>(doc: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const node = (Array.isArray(doc) ? [...doc] : { ...(doc as object) }) as Record<string | number, unknown>;
  node[head] = setIn(node[head], rest, value);
  return node as T;
}

export function getIn(doc: unknown, path: Path): unknown {
  let at = doc;
  for (const key of path) at = at === null || at === undefined ? undefined : (at as Record<string | number, unknown>)[key];
  return at;
}
