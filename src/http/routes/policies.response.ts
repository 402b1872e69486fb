/**
 * What /api/policies answers: the installed packs in brief, and one pack in full. A pack's full shape is
 * the pack format's own schema (src/policies/pack-schema.ts), the one every pack is loaded and checked by.
 */
import { Type } from 'typebox';
import { LevelSchema, PackSchema, SourceSchema, type Pack } from '../../policies/pack-schema.ts';

export const PolicySummarySchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  nameZh: Type.String(),
  sources: Type.Array(SourceSchema),
  levels: Type.Array(LevelSchema),
});

/** The pack schema; its static type is the validated Pack, whose clocks the clock engine's contract types. */
export const PackResponseSchema = Type.Unsafe<Pack>(PackSchema);
