/** What /api/units/:id/policy answers (issue #16 item 4): a node's tuned pack, and a preview of its due instants. */
import { Type } from 'typebox';
import { CHANNELS } from '../../domain/contracts.ts';
const Instant = Type.String({ format: 'date-time' });
import { Nullable, StringEnum } from '../schema-helpers.ts';
import { PackResponseSchema } from './policies.response.ts';

const Patch = Type.Record(Type.String(), Type.Unknown(), { description: 'a JSON Merge Patch (RFC 7396) over the pack JSON' });

export const NodePolicySchema = Type.Object({
  nodeId: Type.String(),
  nodeKind: Type.String(),
  policyId: Type.String(),
  version: Type.Integer({ minimum: 0, description: 'the version in force: the highest override version on the chain (0 = shipped)' }),
  overrides: Patch,
  ownVersion: Nullable(Type.Integer()),
  inherited: Type.Array(Type.Object({ nodeId: Type.String(), nodeName: Type.String(), version: Type.Integer(), overrides: Patch })),
  effective: PackResponseSchema,
  standard: PackResponseSchema,
  history: Type.Array(
    Type.Object({
      version: Type.Integer(),
      createdAt: Instant,
      createdBy: Nullable(Type.String()),
      createdByName: Nullable(Type.String()),
    }),
  ),
});

const PreviewClock = Type.Object({
  name: Type.String(),
  ruleId: Type.String(),
  label: Type.String(),
  labelZh: Type.String(),
  dueAt: Instant,
  trace: Type.Array(Type.Object({ detail: Type.String(), detailZh: Type.Optional(Type.String()) })),
});

export const PolicyPreviewSchema = Type.Object({
  policyId: Type.String(),
  calendarUnitId: Nullable(Type.String()),
  sample: Type.Object({
    channel: StringEnum(CHANNELS),
    receivedAt: Instant,
    level: Nullable(Type.String()),
    categoryId: Nullable(Type.String()),
  }),
  clocks: Type.Array(
    Type.Object({
      name: Type.String(),
      ruleId: Type.String(),
      label: Type.String(),
      labelZh: Type.String(),
      current: Nullable(PreviewClock),
      proposed: Nullable(PreviewClock),
    }),
  ),
});
