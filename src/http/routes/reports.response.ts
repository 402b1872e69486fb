/**
 * What /api/reports answers as JSON: the periodic report (src/domain/reports/periodic-report.ts; a closed
 * period's first snapshot is served as stored) and the quarterly KPIs (src/use-cases/reports/kpi.ts).
 * Sent as built (SERIALIZE_AS_IS).
 */
import { Type } from 'typebox';
import { Nullable, StringEnum } from '../schema-helpers.ts';
import { REPORT_KINDS } from '../../domain/reports/periods.ts';

const Instant = Type.String({ format: 'date-time' });
const LocalDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const Count = Type.Integer({ minimum: 0 });
const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'null when there is nothing to divide' }));
const Node = Type.Object({ id: Type.String(), name: Type.String() });

const Breakdown = Type.Object({ key: Nullable(Type.String()), labelZh: Type.String(), count: Count, closed: Count, share: Rate });
const ReportItem = Type.Object({
  id: Type.String(),
  code: Type.String(),
  title: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  level: Type.String(),
  levelZh: Type.String(),
  status: Type.String(),
  statusZh: Type.String(),
  receivedAt: Instant,
  categoryZh: Type.String(),
  accountZh: Type.String(),
});

export const PeriodicReportSchema = Type.Object({
  ruleIds: Type.Array(Type.String()),
  node: Node,
  period: Type.Object({
    kind: StringEnum(REPORT_KINDS),
    key: Type.String(),
    startDate: LocalDate,
    endDate: LocalDate,
    start: Instant,
    end: Instant,
    dueDate: Nullable({
      ...LocalDate,
      description:
        'the due date every pack under the node with a schedule for this very period agrees on; null when none has one or they differ',
    }),
    dueDates: Type.Optional(
      Type.Array(Type.Object({ policyId: Type.String(), scheduleId: Type.String(), dueDate: LocalDate }), {
        description: 'each pack’s own due date for this period, from its report schedule (issue #15)',
      }),
    ),
    labelZh: Type.String(),
  }),
  asOf: Instant,
  generatedAt: Instant,
  closedPeriod: Type.Boolean(),
  totals: Type.Object({
    received: Count,
    valid: Count,
    invalid: Count,
    suggestion: Count,
    unqualified: Count,
    open: Count,
    overdue: Count,
    closed: Count,
    repeat: Count,
    closureRate: Rate,
    repeatRate: Rate,
    satisfactionAverage: Nullable(Type.Number()),
    satisfactionCount: Count,
  }),
  byChannel: Type.Array(Breakdown),
  byCategory: Type.Array(Breakdown),
  byLevel: Type.Array(Breakdown),
  byCause: Type.Array(Breakdown, { description: 'complaints by the cause their investigation report named (S0 food §5)' }),
  byUnit: Type.Array(Breakdown),
  timeLimits: Type.Array(
    Type.Object({
      name: Type.String(),
      labelZh: Type.String(),
      total: Count,
      metOnTime: Count,
      breached: Count,
      pending: Count,
      complianceRate: Rate,
    }),
  ),
  important: Type.Array(ReportItem, { description: 'R-NT-1: every complaint above its pack’s default level, with a short account' }),
  hotAndMajor: Type.Array(ReportItem, { description: 'R-NT-1: hot and major complaints (Vanke), or the top level of any other pack' }),
  snapshotAt: Nullable(Instant),
  schedule: Type.Optional(
    Type.Object(
      { policyId: Type.String(), id: Type.String(), nameZh: Type.String() },
      { description: 'the pack report schedule the report was produced for (GET /api/reports/scheduled)' },
    ),
  ),
});

const ScheduledPeriod = Type.Object({
  key: Type.String(),
  startDate: LocalDate,
  endDate: LocalDate,
  start: Instant,
  end: Instant,
  dueDate: LocalDate,
  remindDate: LocalDate,
  labelZh: Type.String(),
});

/** GET /api/reports/schedules: each report schedule of the packs followed under the node (issue #15). */
export const ReportSchedulesSchema = Type.Object({
  date: LocalDate,
  schedules: Type.Array(
    Type.Object({
      policyId: Type.String(),
      scheduleId: Type.String(),
      ruleId: Type.String(),
      name: Type.String(),
      nameZh: Type.String(),
      recipientRole: Nullable(Type.String()),
      recipientZh: Nullable(Type.String()),
      due: Type.Object(
        {
          kind: StringEnum(['daily', 'monthly', 'quarterly', 'at_closure'] as const),
          day: Type.Optional(Type.Integer()),
          period: Type.Optional(StringEnum(['current_month', 'previous_month'] as const)),
          through: Type.Optional(Type.Integer()),
          levels: Type.Optional(Type.Array(Type.String())),
        },
        { description: 'the schedule as the pack states it' },
      ),
      next: Nullable(
        Type.Object({
          ...ScheduledPeriod.properties,
          reminded: Type.Integer({ minimum: 0, description: 'units whose due reminder for this period was sent' }),
        }),
      ),
      previous: Nullable(ScheduledPeriod),
      units: Count,
    }),
  ),
});

const Rank = Nullable(Type.Integer({ minimum: 1, description: 'competition ranking, best first; null when there is nothing to rank by' }));
const MonthScore = Type.Object({
  month: Type.String({ description: 'yyyy-MM' }),
  complaints: Count,
  lateHours: Type.Number(),
  lateCompletions: Count,
  timely: Count,
  score: Type.Number(),
  deductions: Type.Number(),
  bonus: Type.Number(),
  timelyRate: Rate,
});

export const KpiSchema = Type.Object({
  ruleIds: Type.Array(Type.String()),
  node: Node,
  quarter: Type.Object({ key: Type.String(), startDate: LocalDate, endDate: LocalDate, labelZh: Type.String() }),
  asOf: Instant,
  rules: Type.Object({
    timeliness: Type.Object({
      recordWithinMinutes: Type.Number(),
      deductionPerHourLate: Type.Number(),
      lateCompletionDeduction: Type.Number(),
      bonusPerTimely: Type.Number(),
      maxBonus: Type.Number(),
      fullScore: Type.Number(),
      /** True while the packs do not set the full score (the S3 sheet gives none; 10 is assumed). */
      fullScoreAssumed: Type.Boolean(),
      completionClocks: Type.Array(Type.String()),
    }),
  }),
  closureRanking: Type.Array(
    Type.Object({
      userId: Type.String(),
      name: Type.String(),
      orgNodeId: Nullable(Type.String()),
      validReceived: Count,
      validClosed: Count,
      closureRate: Rate,
      rank: Rank,
    }),
  ),
  timelinessRanking: Type.Array(
    Type.Object({ userId: Type.String(), name: Type.String(), score: Type.Number(), months: Type.Array(MonthScore), rank: Rank }),
  ),
  satisfactionRanking: Type.Array(
    Type.Object({ userId: Type.String(), name: Type.String(), average: Nullable(Type.Number()), count: Count, rank: Rank }),
  ),
  fuelStations: Type.Array(
    Type.Object({
      stationId: Type.String(),
      stationName: Type.String(),
      complaints: Count,
      validComplaints: Count,
      byLevel: Type.Record(Type.String(), Count, { description: 'valid complaints per level of the penalty table' }),
      dismissals: Count,
      pointsDeducted: Type.Number(),
      fineYuan: Type.Number(),
      overdueFineYuan: Type.Number(),
      totalYuan: Type.Number(),
      rank: Rank,
    }),
  ),
  hotline: Type.Object(
    {
      ruleIds: Type.Array(Type.String()),
      received: Count,
      answerWithinLimit: Type.Object({ rate: Rate, onTime: Count, decided: Count }),
      averageHandlingHours: Type.Object({ hours: Nullable(Type.Number({ minimum: 0 })), closed: Count }),
      firstContactResolution: Type.Object({ rate: Rate, firstContact: Count, validClosed: Count }),
    },
    {
      description:
        'S3 hotline KPIs from Plaint’s own records (issue #15 item 7): answers within their time limit, average received→closed hours, valid complaints closed without dispatch, reopening or dispute',
    },
  ),
});
