/** /api/units: the organisation tree and each unit's business calendar. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { listVisibleNodes, readUnitCalendar, saveUnitCalendar } from '../../use-cases/org-units.ts';
import { officialHolidayYears, dayInfo } from '../../domain/calendar/index.ts';
import { outOfService } from '../../domain/org/tree-rules.ts';
import { requireUser } from '../auth-hook.ts';
import { SERIALIZE_AS_IS, STANDARD_ERRORS, StringEnum } from '../schema-helpers.ts';
import { OrgNodeSchema, SavedCalendarSchema, UnitCalendarSchema } from './org.response.ts';

const tags = ['organisation'];
const security = [{ bearer: [] }];

export async function orgRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/units',
    {
      schema: {
        tags,
        security,
        summary: "The organisation nodes in the user's scope, with the chain above it",
        response: { ...STANDARD_ERRORS, 200: Type.Array(OrgNodeSchema) },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => {
      const user = requireUser(request);
      const nodes = await listVisibleNodes(deps, user);
      const off = outOfService(nodes);
      return nodes.map((n) => ({
        id: n.id,
        name: n.name,
        kind: n.kind,
        parentId: n.parent_id,
        policyId: n.policy_id,
        settings: n.settings,
        disabled: off.has(n.id),
      }));
    },
  );

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
        Type.Object(
          { kind: StringEnum(['workday', 'holiday'] as const), name: Type.Optional(Type.String({ maxLength: 100 })) },
          { additionalProperties: false },
        ),
      ),
      confirmedYears: Type.Optional(Type.Array(Type.Integer({ minimum: 2000, maximum: 2100 }), { maxItems: 100 })),
    },
    { additionalProperties: false },
  );
  const CalendarQuery = Type.Object(
    { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) },
    { additionalProperties: false },
  );

  app.get(
    '/api/units/:id/calendar',
    {
      schema: {
        tags,
        security,
        summary: "A unit's business calendar, with the year's days and the official-data flag (R-TL-1)",
        params: CalendarParams,
        querystring: CalendarQuery,
        response: { ...STANDARD_ERRORS, 200: UnitCalendarSchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => {
      const user = requireUser(request);
      const calendar = await readUnitCalendar(deps, user, request.params.id);
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
    {
      schema: {
        tags,
        security,
        summary: 'Save a new calendar version (deadlines already computed are not rewritten)',
        params: CalendarParams,
        body: CalendarBody,
        response: { ...STANDARD_ERRORS, 200: SavedCalendarSchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => {
      const saved = await saveUnitCalendar(deps, requireUser(request), request.params.id, request.body as Record<string, unknown>);
      return { calendar: saved };
    },
  );
}
