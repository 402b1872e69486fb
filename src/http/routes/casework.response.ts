/**
 * What the casework routes answer (casework.routes.ts), as response schemas: special reports and progress,
 * the emergency response, corrective action with its returns, and the case library. The routes send these
 * answers as the use cases build them (SERIALIZE_AS_IS); test/http/response-shapes-more.test.ts holds real
 * answers to the schemas with every object closed.
 */
import { Type } from 'typebox';
import { Nullable, StringEnum } from '../schema-helpers.ts';

const Instant = Type.String({ format: 'date-time' });
const LocalDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const Items = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item) });

// ---- special reports and progress (R-NT-1) ----

const Local = Type.String({ description: 'the same instant as wall-clock text in Asia/Shanghai' });

const SpecialReportContentSchema = Type.Object({
  kind: StringEnum(['brief', 'detailed'] as const),
  title: Type.String(),
  header: Type.Object({
    code: Type.String(),
    title: Type.String(),
    unit: Type.String(),
    category: Nullable(Type.String()),
    level: Type.String(),
    levelName: Type.String(),
    receivedAt: Instant,
    receivedLocal: Local,
    closedAt: Nullable(Instant),
    closedLocal: Nullable(Local),
    status: Type.String(),
  }),
  summary: Type.String(),
  course: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      at: Instant,
      local: Local,
      type: Type.String(),
      label: Type.String(),
      actor: Type.String(),
      text: Type.String(),
    }),
  ),
  escalation: Type.Array(
    Type.Object({
      at: Instant,
      local: Local,
      from: Nullable(Type.String()),
      to: Type.String(),
      toName: Type.String(),
      ruleId: Type.String(),
      reason: Type.String(),
    }),
  ),
  causeAnalysis: Type.String(),
  measures: Type.Array(Type.Object({ source: Type.String(), text: Type.String() })),
  progress: Type.Array(Type.Object({ at: Instant, local: Local, author: Type.String(), text: Type.String() })),
});

export const SpecialReportSchema = Type.Object({
  complaintId: Type.String(),
  level: Type.String(),
  status: Type.String({ description: 'draft or approved' }),
  content: SpecialReportContentSchema,
  draftedAt: Nullable(Instant),
  updatedAt: Nullable(Instant),
  approvedAt: Nullable(Instant),
  approvedBy: Nullable(Type.String()),
  version: Type.Integer(),
});

const ProgressFields = { id: Type.String(), text: Type.String(), at: Nullable(Instant), author: Type.String() };
export const ProgressEntrySchema = Type.Object({ ...ProgressFields, complaintId: Type.String() });
export const ProgressListSchema = Items(Type.Object(ProgressFields));

export const ProgressRemindersSchema = Items(
  Type.Object({
    complaintId: Type.String(),
    code: Type.String(),
    title: Type.String(),
    unitId: Type.String(),
    level: Type.String(),
    levelSetAt: Instant,
    lastProgressAt: Nullable(Instant),
    dueAt: Instant,
    missedWeeks: Type.Integer(),
    missedDueAt: Instant,
  }),
);

// ---- emergency plan (R-EM-1) ----

const DeadlineSchema = Type.Object({
  dueAt: Instant,
  doneAt: Nullable(Instant),
  state: StringEnum(['met', 'met_late', 'pending', 'overdue'] as const),
  met: Type.Boolean(),
});

export const EmergencySchema = Type.Object({
  id: Type.String(),
  complaintId: Type.String(),
  status: StringEnum(['open', 'reviewed'] as const),
  ruleId: Type.String(),
  commander: Type.Object({ role: Type.String(), name: Nullable(Type.String()), inWorkingHours: Type.Boolean() }),
  team: Type.Array(Type.String()),
  openedAt: Nullable(Instant),
  majorSince: Nullable(Instant),
  answer: DeadlineSchema,
  conclusion: DeadlineSchema,
  actions: Type.Array(
    Type.Object({
      id: Type.Integer(),
      kind: StringEnum(['action', 'answer', 'conclusion'] as const),
      text: Type.String(),
      at: Nullable(Instant),
      actor: Type.String(),
    }),
  ),
  review: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: 'findings, planChanges and by (who reviewed)' })),
  reviewedAt: Nullable(Instant),
});

// ---- corrective action (R-CA-1) and returns (R-CA-2) ----

const CapaActionSchema = Type.Object({
  id: Type.String(),
  kind: StringEnum(['corrective', 'preventive'] as const),
  description: Type.String(),
  owner: Type.String(),
  dueDate: LocalDate,
  doneAt: Nullable(Instant),
});

export const CapaSchema = Type.Object({
  complaintId: Type.String(),
  id: Type.String(),
  department: Type.Object({ id: Type.String(), name: Nullable(Type.String()) }),
  team: Type.Array(Type.String()),
  problem: Nullable(Type.String()),
  containment: Nullable(Type.String()),
  rootCause: Nullable(Type.String()),
  prevention: Nullable(Type.String()),
  status: StringEnum(['open', 'verified'] as const),
  planDueAt: Instant,
  planSubmittedAt: Nullable(Instant),
  verifications: Type.Array(Type.Object({ at: Instant, by: Type.String(), effective: Type.Boolean(), evidence: Type.String() })),
  verifiedAt: Nullable(Instant),
  actions: Type.Array(CapaActionSchema),
  plan: Type.Object({
    dueAt: Instant,
    submittedAt: Nullable(Instant),
    state: StringEnum(['met', 'met_late', 'pending', 'overdue'] as const),
  }),
  missingForVerification: Type.Array(Type.String(), {
    description: 'what is still missing before effectiveness can be verified (empty: ready)',
  }),
  eightD: Nullable(
    Type.Array(
      Type.Object({
        step: StringEnum(['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8'] as const),
        title: Type.String(),
        titleZh: Type.String(),
        content: Type.Unknown({
          description: "the step's part of the record: text, a list of actions, or an object (src/domain/casework/capa.ts eightD)",
        }),
        done: Type.Boolean(),
      }),
      { description: 'the 8D view, for the manufacturing pack only' },
    ),
  ),
});

export const ReturnSchema = Type.Object({
  id: Type.String(),
  complaintId: Type.String(),
  status: StringEnum(['notified', 'inspected', 'disposed'] as const),
  product: Type.String(),
  batchNo: Nullable(Type.String()),
  quantity: Type.Integer(),
  reason: Type.String(),
  notifiedAt: Nullable(Instant),
  inspection: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: 'result, defectiveQuantity, findings, inspector' })),
  inspectedAt: Nullable(Instant),
  disposition: Nullable(StringEnum(['rework', 'scrap', 'return', 'replacement'] as const)),
  dispositionNote: Nullable(Type.String()),
  replacementOrder: Nullable(Type.String()),
  disposedAt: Nullable(Instant),
});
export const ReturnListSchema = Items(ReturnSchema);

// ---- case library (R-RP-2) ----

export const CaseSchema = Type.Object({
  id: Type.String(),
  complaintId: Type.String(),
  complaintCode: Type.String(),
  unitId: Type.String(),
  policyId: Type.String(),
  categoryId: Nullable(Type.String()),
  level: Nullable(Type.String()),
  classification: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  lessons: Type.String(),
  evidence: Type.Record(Type.String(), Type.Unknown(), {
    description: 'anonymised: report, demands, incidentPlace, reply, satisfaction, timeline, attachments',
  }),
  receivedAt: Nullable(Instant),
  closedAt: Nullable(Instant),
  createdAt: Nullable(Instant),
});
export const CaseListSchema = Items(CaseSchema);

export const CasePatternsSchema = Type.Object({
  months: Type.Array(Type.String({ description: 'yyyy-MM, Asia/Shanghai' })),
  patterns: Type.Array(
    Type.Object({
      unitId: Type.String(),
      categoryId: Type.String(),
      total: Type.Integer(),
      slope: Type.Number({ description: 'least-squares slope in complaints per month' }),
      rising: Type.Boolean(),
      months: Type.Array(Type.Object({ month: Type.String(), count: Type.Integer() })),
      cases: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
    }),
  ),
});
