/** What /api/org-nodes and /api/setup answer (issue #16 items 1 and 2). */
import { Type } from 'typebox';
import { ErrorResponse, Nullable, StringEnum } from '../schema-helpers.ts';

const Kind = StringEnum(['group', 'company', 'unit', 'department'] as const);

export const OrgNodeAdminSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Kind,
  parentId: Nullable(Type.String()),
  policyId: Nullable(Type.String({ description: "a unit's pack; a company's is the default of its new units" })),
  disabled: Type.Boolean({ description: 'takes no new complaints (nor do the units below it); hidden from the portal and unit pickers' }),
  portal: Type.Boolean({ description: 'a unit open to the public portal' }),
  replyApproval: Nullable(
    Type.Boolean({ description: "a unit's own reply-approval setting; null: its pack's replyApproval.requiredByDefault" }),
  ),
  editable: Type.Boolean({ description: "inside the caller's subtree (the nodes above it are shown for the path, not editable)" }),
  createdAt: Type.String(),
});

const Fields = Type.Record(Type.String(), Type.Unknown());

export const OrgChangeSchema = Type.Object({
  id: Type.String(),
  nodeId: Type.String(),
  action: StringEnum(['create', 'update'] as const),
  at: Type.String(),
  by: Type.Object({ id: Nullable(Type.String()), name: Type.String() }),
  before: Type.Union([Fields, Type.Null()], { description: 'the changed fields as they were (null for a creation)' }),
  after: Fields,
});

export const SetupStatusSchema = Type.Object({
  needed: Type.Boolean({ description: 'no organisation node exists yet: the console shows the setup page' }),
  adminExists: Type.Boolean({ description: 'an installation administrator exists: setup needs their login and asks for no account' }),
  packs: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameZh: Type.String() }), {
    description: 'the packs a company may follow (the same ids as GET /api/policies, which needs a login)',
  }),
});

export const SetupResultSchema = Type.Object({
  user: Type.Object({
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    role: Type.String(),
    orgNodeId: Nullable(Type.String()),
  }),
  csrfToken: Type.Optional(Type.String({ description: 'when setup created the administrator: their new web session (cookies set)' })),
  organisationId: Type.String(),
  companyId: Type.String(),
  unitId: Nullable(Type.String()),
});

export const ImportRowError = Type.Object(
  {
    sheet: Type.String({ description: '组织 or 人员' }),
    row: Type.Integer({ description: 'row number as the spreadsheet shows it (header row = 1)' }),
    field: Type.String({ description: 'the column' }),
    reason: Type.String(),
  },
  { additionalProperties: false },
);

export const OrgImportResultSchema = Type.Object(
  {
    dryRun: Type.Boolean(),
    nodes: Type.Array(Type.Object({ row: Type.Integer(), id: Type.String(), name: Type.String(), kind: Kind, parentId: Type.String() })),
    users: Type.Array(
      Type.Object({
        row: Type.Integer(),
        id: Nullable(Type.String()),
        email: Type.String(),
        role: Type.String(),
        orgNodeId: Type.String(),
      }),
    ),
    needsInvite: Type.Array(Type.String(), {
      description:
        'the e-mails of the users created without a usable password: each needs an invitation (or a password set by an administrator)',
    }),
  },
  { additionalProperties: false },
);

/** A refused import: every wrong row, nothing written. */
export const OrgImportErrorSchema = Type.Object({
  error: ErrorResponse.properties.error,
  rows: Type.Optional(Type.Array(ImportRowError)),
});
