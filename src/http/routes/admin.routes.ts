/** /api/admin: installation checks for administrators. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { authorize } from '../../security/authorize.ts';
import { scopeOf } from '../../security/scope.ts';
import { verifyEventLog } from '../../use-cases/verify-event-log.ts';
import { backupOverview, type NightlySettings } from '../../use-cases/backup/backup-overview.ts';
import { requireUser } from '../auth-hook.ts';
import { STANDARD_ERRORS } from '../schema-helpers.ts';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

const VerifyReport = Type.Object({
  complaints: Type.Integer({ description: "Complaints checked: those in the caller's scope" }),
  events: Type.Integer(),
  intact: Type.Boolean(),
  checkpoint: Type.Union(
    [
      Type.Object({
        status: Type.Union([Type.Literal('valid'), Type.Literal('invalid'), Type.Literal('none')]),
        id: NullableInt,
        at: NullableString,
        complaints: NullableInt,
        events: NullableInt,
        problem: NullableString,
      }),
      Type.Null(),
    ],
    { description: 'The newest checkpoint; null for an administrator who does not see the whole installation' },
  ),
  broken: Type.Array(Type.Object({ complaintId: Type.String(), code: NullableString, seq: Type.Integer(), reason: Type.String() })),
});

const BackupOverviewSchema = Type.Object({
  database: Type.Union([Type.Literal('embedded'), Type.Literal('server')], {
    description: "server: the PostgreSQL server's own backups apply (npm run backup, pg_dump)",
  }),
  nightly: Type.Union(
    [
      Type.Object({ at: Type.String(), timeZone: Type.String(), keep: Type.Integer(), nextAt: Type.String({ format: 'date-time' }) }),
      Type.Null(),
    ],
    {
      description: 'null: this server takes no nightly backup (PostgreSQL, or PLAINT_BACKUP_AT=off)',
    },
  ),
  last: Type.Union(
    [
      Type.Object({
        lastAttemptAt: Type.String({ format: 'date-time' }),
        ok: Type.Boolean(),
        file: Type.Optional(Type.String()),
        bytes: Type.Optional(Type.Integer()),
        error: Type.Optional(Type.String({ description: 'why the last attempt failed' })),
        lastSuccessAt: NullableString,
        lastSuccessFile: NullableString,
      }),
      Type.Null(),
    ],
    { description: 'The last nightly attempt; null before the first' },
  ),
  files: Type.Array(Type.Object({ name: Type.String(), bytes: Type.Integer(), modifiedAt: Type.String({ format: 'date-time' }) }), {
    description: 'Backups kept in DATA_DIR/backups, newest first',
  }),
});

export async function adminRoutes(root: FastifyInstance, deps: Deps, backups: NightlySettings | null = null): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/admin/event-log/verify',
    {
      schema: {
        tags: ['admin'],
        security: [{ bearer: [] }],
        summary:
          "Walks every complaint's event hash chain, compares it with the newest signed checkpoint and reports what is broken, cut off or deleted (R-LC-1)",
        querystring: Type.Object(
          { complaintId: Type.Optional(Type.String({ format: 'uuid', maxLength: 36 })) },
          { additionalProperties: false },
        ),
        response: { ...STANDARD_ERRORS, 200: VerifyReport },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'eventlog.verify');
      // An administrator at an organisation node is told about the complaints in their scope only.
      return verifyEventLog(deps, { complaintId: request.query.complaintId, scope: await scopeOf(deps.db, user) });
    },
  );

  app.get(
    '/api/admin/backups',
    {
      schema: {
        tags: ['admin'],
        security: [{ bearer: [] }],
        summary: 'The nightly backups: the schedule, the last attempt (a failure with its reason) and the files kept in DATA_DIR/backups',
        response: { ...STANDARD_ERRORS, 200: BackupOverviewSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'backup.read');
      return backupOverview(backups, deps.now());
    },
  );
}
