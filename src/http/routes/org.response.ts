/**
 * What /api/units answers: the organisation nodes the user may see, and a unit's business calendar with
 * the days of a year that differ from an ordinary week (R-TL-1).
 */
import { Type } from 'typebox';
import { Nullable, StringEnum } from '../schema-helpers.ts';

export const OrgNodeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: StringEnum(['group', 'company', 'unit', 'department'] as const),
  parentId: Nullable(Type.String()),
  policyId: Nullable(Type.String()),
  settings: Type.Record(Type.String(), Type.Unknown(), {
    description: "the node's settings as stored (e.g. portal: whether the public may complain to it)",
  }),
  disabled: Type.Boolean({
    description: 'out of service: disabled, or below a disabled node (issue #16); takes no new complaints, left out of unit pickers',
  }),
});

const HHMM = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$' });

export const BusinessCalendarSchema = Type.Object({
  timeZone: Type.String({ description: 'IANA zone' }),
  workingPeriods: Type.Array(Type.Object({ start: HHMM, end: HHMM })),
  workWeek: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { description: 'ISO weekdays: 1 = Monday … 7 = Sunday' }),
  useChineseHolidays: Type.Boolean(),
  overrides: Type.Record(
    Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    Type.Object({ kind: StringEnum(['workday', 'holiday'] as const), name: Type.Optional(Type.String()) }),
  ),
  confirmedYears: Type.Optional(
    Type.Array(Type.Integer(), {
      description:
        'years past the holiday data that an administrator confirmed for this calendar (their adjusted working days entered as overrides); deadlines counting an unconfirmed such year are provisional (R-TL-1)',
    }),
  ),
  version: Type.Integer({ description: 'stored in clock traces, so a later edit never rewrites deadlines' }),
});

export const UnitCalendarSchema = Type.Object({
  calendar: BusinessCalendarSchema,
  officialData: Type.Object({ from: Type.Integer(), to: Type.Integer() }, { description: 'the years the official holiday data covers' }),
  year: Type.Integer(),
  yearHasOfficialData: Type.Boolean(),
  days: Type.Array(
    Type.Object({
      date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
      working: Type.Boolean(),
      reason: StringEnum(['workday', 'weekend', 'public_holiday', 'adjusted_workday', 'override_workday', 'override_holiday'] as const),
      name: Type.Optional(Type.String()),
      nameZh: Type.Optional(Type.String()),
      officialData: Type.Boolean({
        description:
          'false: the year has no official arrangement and the calendar has not confirmed it: statutory holidays by the regulation, otherwise by weekday (R-TL-1)',
      }),
    }),
    { description: 'only the days that differ from an ordinary week' },
  ),
});

export const SavedCalendarSchema = Type.Object({ calendar: BusinessCalendarSchema });
