/**
 * Turns TypeBox validation errors into one readable issue per bad field, named by its path
 * (`severity.levels[2].rank: expected number`). TypeBox reports every branch of a union; an
 * administrator editing a pack wants only the branch the `kind` field selected.
 */

export interface PackIssue {
  /** Dotted path with array indexes, e.g. `clocks[0].due.minutes`; '' is the pack itself. */
  path: string;
  message: string;
}

export class PackValidationError extends Error {
  readonly code = 'pack_invalid';
  readonly issues: PackIssue[];

  constructor(issues: PackIssue[], packId?: string) {
    const first = issues[0];
    const head = first ? `${first.path || '(pack)'}: ${first.message}` : 'invalid pack';
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`${packId ? `pack ${packId}: ` : ''}${head}${more}`);
    this.name = 'PackValidationError';
    this.issues = issues;
  }
}

/** The fields of a TypeBox error that the formatter reads. */
export interface SchemaError {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

export function pointerToPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^[0-9]+$/.test(segment) ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  }
  return out;
}

function join(path: string, field: string): string {
  return path === '' ? field : `${path}.${field}`;
}

function describe(error: SchemaError): PackIssue {
  const path = pointerToPath(error.instancePath);
  const p = error.params;
  switch (error.keyword) {
    case 'type':
      return { path, message: `expected ${String(p.type)}` };
    case 'required':
      return { path: join(path, String((p.requiredProperties as string[] | undefined)?.[0] ?? '?')), message: 'required field missing' };
    case 'additionalProperties':
      return { path: join(path, String((p.additionalProperties as string[] | undefined)?.[0] ?? '?')), message: 'unknown field' };
    case 'const':
      return { path, message: `expected ${JSON.stringify(p.allowedValue)}` };
    case 'enum':
      return {
        path,
        message: `expected one of ${((p.allowedValues as unknown[] | undefined) ?? []).map((v) => JSON.stringify(v)).join(' | ')}`,
      };
    case 'minLength':
      return { path, message: p.limit === 1 ? 'expected a non-empty string' : `expected at least ${String(p.limit)} characters` };
    case 'minItems':
      return { path, message: `expected at least ${String(p.limit)} item(s)` };
    case 'minimum':
      return { path, message: `expected a number >= ${String(p.limit)}` };
    case 'exclusiveMinimum':
      return { path, message: `expected a number > ${String(p.limit)}` };
    case 'maximum':
      return { path, message: `expected a number <= ${String(p.limit)}` };
    case 'pattern':
      return { path, message: `expected to match ${String(p.pattern)}` };
    default:
      return { path, message: error.message };
  }
}

const ANY_OF = /\/anyOf\/([0-9]+)/;

/**
 * Resolves union errors. Within the first union on each error's schema path, a branch whose `kind`
 * literal did not match is discarded; if exactly one branch is left, its errors are reported (and
 * resolved again for nested unions). A union of plain literals becomes "expected one of …".
 */
function resolve(errors: SchemaError[]): PackIssue[] {
  const issues: PackIssue[] = [];
  const unions = new Map<string, SchemaError[]>();
  for (const error of errors) {
    if (error.keyword === 'boolean' || error.keyword === 'anyOf') continue;
    const match = ANY_OF.exec(error.schemaPath);
    if (!match) {
      issues.push(describe(error));
      continue;
    }
    const prefix = error.schemaPath.slice(0, match.index);
    const group = unions.get(prefix) ?? [];
    group.push(error);
    unions.set(prefix, group);
  }
  for (const [prefix, group] of unions) issues.push(...resolveUnion(prefix, group));
  return issues;
}

function resolveUnion(prefix: string, group: SchemaError[]): PackIssue[] {
  const branches = new Map<number, SchemaError[]>();
  for (const error of group) {
    const rest = error.schemaPath.slice(prefix.length);
    const branch = Number(ANY_OF.exec(rest)![1]);
    const stripped = { ...error, schemaPath: rest.replace(ANY_OF, '') };
    branches.set(branch, [...(branches.get(branch) ?? []), stripped]);
  }
  const unionPointer = group.reduce((s, e) => (e.instancePath.length < s.length ? e.instancePath : s), group[0].instancePath);
  const all = [...branches.values()].flat();

  if (all.every((e) => e.keyword === 'const' && e.instancePath === unionPointer)) {
    const allowed = all.map((e) => JSON.stringify(e.params.allowedValue)).join(' | ');
    return [{ path: pointerToPath(unionPointer), message: `expected one of ${allowed}` }];
  }

  const kindPointer = `${unionPointer}/kind`;
  const rejectedByKind = (errs: SchemaError[]) => errs.some((e) => e.keyword === 'const' && e.instancePath === kindPointer);
  const candidates = [...branches.entries()].filter(([, errs]) => !rejectedByKind(errs));
  if (candidates.length === 1) return resolve(candidates[0][1]);
  if (candidates.length === 0) {
    const kinds = all
      .filter((e) => e.keyword === 'const' && e.instancePath === kindPointer)
      .map((e) => JSON.stringify(e.params.allowedValue));
    return [{ path: pointerToPath(kindPointer), message: `expected one of ${kinds.join(' | ')}` }];
  }
  return [{ path: pointerToPath(unionPointer), message: 'does not match any allowed shape' }];
}

export function formatSchemaErrors(errors: Iterable<SchemaError>): PackIssue[] {
  const seen = new Set<string>();
  return resolve([...errors]).filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
