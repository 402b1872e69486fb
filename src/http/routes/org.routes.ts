/** /api/units: the organisation tree and each unit's business calendar. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { listOrgNodes, findOrgNode, saveCalendarVersion } from '../../data/org-store.ts';
import { calendarForUnit } from '../../use-cases/calendar-for-unit.ts';
import { validateCalendar, officialHolidayYears, dayInfo } from '../../domain/calendar/index.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { authorize } from '../../security/authorize.ts';
import { nodeInScope, nodeReadable, scopeOf, visibleNodes } from '../../security/scope.ts';
import { requireUser } from '../auth-hook.ts';
import { STANDARD_ERRORS, StringEnum } from '../schema-helpers.ts';

const tags = ['organisation'];
const security = [{ bearer: [] }];

export async function orgRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/units', { schema: { tags, security, summary: "The organisation nodes in the user's scope, with the chain above it", response: { ...STANDARD_ERRORS } } }, async (request) => {
    const user = requireUser(request);
    const nodes = visibleNodes(await listOrgNodes(deps.db), await scopeOf(deps.db, user), user);
    return nodes.map((n) => ({ id: n.id, name: n.name, kind: n.kind, parentId: n.parent_id, policyId: n.policy_id, settings: n.settings }));
  });

  const CalendarParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
  const HHMM = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$' });
  const CalendarBody = Type.Object(
    {
      timeZone: Type.String({ minLength: 1, maxLength: 64 }),
      workingPeriods: Type.Array(Type.Object({ start: HHMM, end: HHMM }, { additionalProperties: false }), { minItems: 1, maxItems: 6 }),
      workWeek: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { maxItems: 7 }),
      useChineseHolidays: Type.Boolean(),
      overrides: Type.Record(
        Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
        Type.Object({ kind: StringEnum(['workday', 'holiday'] as const), name: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
      ),
    },
    { additionalProperties: false },
  );
  const CalendarQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false });

  app.get(
    '/api/units/:id/calendar',
    { schema: { tags, security, summary: "A unit's business calendar, with the year's days and the official-data flag (R-TL-1)", params: CalendarParams, querystring: CalendarQuery, response: { ...STANDARD_ERRORS } } },
    async (request) => {
      const user = requireUser(request);
      const unit = await findOrgNode(deps.db, request.params.id);
      const readable = unit && nodeReadable(await listOrgNodes(deps.db), await scopeOf(deps.db, user), user, unit.id);
      if (!unit || unit.kind !== 'unit' || !readable) throw notFound(`unit '${request.params.id}'`);
      const calendar = await calendarForUnit(deps.db, unit.id);
      const year = request.query.year ?? new Date(deps.now()).getUTCFullYear();
      const official = officialHolidayYears();
      const days = [];
      for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d = new Date(d.getTime() + 86400000)) {
        const info = dayInfo(calendar, d.toISOString().slice(0, 10));
        // Only the days that differ from an ordinary week are listed; the client fills in the rest.
        if (info.reason !== 'workday' && info.reason !== 'weekend') days.push(info);
      }
      return {
        calendar,
        officialData: official,
        year,
        yearHasOfficialData: year >= official.from && year <= official.to,
        days,
      };
    },
  );

  app.put(
    '/api/units/:id/calendar',
    { schema: { tags, security, summary: 'Save a new calendar version (deadlines already computed are not rewritten)', params: CalendarParams, body: CalendarBody, response: { ...STANDARD_ERRORS } } },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'calendar.edit');
      const unit = await findOrgNode(deps.db, request.params.id);
      if (!unit || unit.kind !== 'unit' || !nodeInScope(await scopeOf(deps.db, user), unit.id)) throw notFound(`unit '${request.params.id}'`);
      const body = { ...(request.body as Record<string, unknown>), version: 1 };
      const checked = validateCalendar(body);
      if (!checked.ok) {
        const first = checked.errors[0];
        throw new DomainError('VALIDATION', `${first.path}: ${first.message}`, { field: first.path });
      }
      const { version: _ignored, ...config } = checked.value;
      const saved = await saveCalendarVersion(deps.db, unit.id, config, user.id);
      return { calendar: saved };
    },
  );
}
