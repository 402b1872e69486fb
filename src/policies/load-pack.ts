/**
 * The one way into the system for a policy pack, whether shipped in code or uploaded as JSON:
 * structure first (every bad field reported by path), then cross-references.
 */
import { Settings } from 'typebox/system';
import { Value } from 'typebox/value';
import { checkReferences } from './pack-references.ts';
import { PackValidationError, formatSchemaErrors, type SchemaError } from './pack-errors.ts';
import { PackSchema, type Pack } from './pack-schema.ts';

/**
 * TypeBox buffers 8 errors by default, and one union branch can use them all before the branch the
 * `kind` selects is reached. A rejected pack is rare and small, so collect them all for this call
 * only; the setting is global and synchronous, so it is restored before anything else runs.
 */
function allErrors(input: unknown): SchemaError[] {
  const previous = Settings.Get().maxErrors;
  Settings.Set({ maxErrors: 10_000 });
  try {
    return Value.Errors(PackSchema, input) as unknown as SchemaError[];
  } finally {
    Settings.Set({ maxErrors: previous });
  }
}

function packIdOf(input: unknown): string | undefined {
  if (typeof input === 'object' && input !== null && typeof (input as { id?: unknown }).id === 'string')
    return (input as { id: string }).id;
  return undefined;
}

/** Validates `input` and returns a private copy typed as a Pack; throws PackValidationError. */
export function loadPack(input: unknown): Pack {
  if (!Value.Check(PackSchema, input)) {
    const issues = formatSchemaErrors(allErrors(input));
    throw new PackValidationError(issues, packIdOf(input));
  }
  // The schema is stricter than the contract only in naming known event types, so the cast holds.
  const pack = structuredClone(input) as unknown as Pack;
  const issues = checkReferences(pack);
  if (issues.length > 0) throw new PackValidationError(issues, pack.id);
  return pack;
}
