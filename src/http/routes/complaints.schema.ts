/** Request and response schemas of the complaint routes (docs/API.md). */
import { Type, type Static } from 'typebox';
import { CHANNELS } from '../../domain/contracts.ts';
import { SEARCH_TOTAL_CAP } from '../../domain/search/index.ts';
import { QUEUE_TOTAL_CAP } from '../../use-cases/list-complaints.ts';
import { StringEnum, PHONE_PATTERN, IsoDateTime, VisibleText } from '../schema-helpers.ts';

const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });

export const CreateComplaintBody = Type.Object(
  {
    unitId: Text(64),
    channel: StringEnum(CHANNELS),
    receivedAt: Type.Optional(IsoDateTime),
    customer: Type.Object(
      {
        name: VisibleText(100),
        phone: Type.Optional(Type.String({ pattern: PHONE_PATTERN, maxLength: 32 })),
        email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
        type: Type.Optional(StringEnum(['owner', 'prospective_owner', 'prospective_buyer', 'consumer', 'business', 'other'] as const)),
      },
      { additionalProperties: false },
    ),
    title: VisibleText(200),
    content: VisibleText(20000),
    demands: Type.Optional(Type.String({ maxLength: 5000 })),
    categoryId: Type.Optional(Text(64)),
    complainantCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    incident: Type.Optional(
      Type.Object({ occurredAt: Type.Optional(IsoDateTime), place: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
    ),
    flags: Type.Optional(
      Type.Object(
        {
          media: Type.Optional(Type.Boolean()),
          lawsuit: Type.Optional(Type.Boolean()),
          safety: Type.Optional(Type.Boolean()),
          mediaThreat: Type.Optional(Type.Boolean()),
          lawsuitThreat: Type.Optional(Type.Boolean()),
          insistent: Type.Optional(Type.Boolean()),
          special: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
    batchNo: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type CreateComplaintBody = Static<typeof CreateComplaintBody>;

const reason = Text(2000);
const variant = (type: string, props: Record<string, ReturnType<typeof Type.String> | any> = {}) =>
  Type.Object({ type: Type.Literal(type), ...props }, { additionalProperties: false });

/**
 * One schema per action, chosen by `type` (OpenAPI discriminator), so a bad field is reported for the
 * action that was asked for rather than as "must match one of 21 schemas".
 */
export const ACTION_VARIANTS = [
  variant('qualify', {
    result: StringEnum(['valid', 'invalid', 'suggestion'] as const),
    categoryId: Type.Optional(Text(64)),
    level: Type.Optional(Text(32)),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  }),
  variant('dispatch', { leadDepartmentId: Text(64), coDepartmentIds: Type.Optional(Type.Array(Text(64), { maxItems: 20 })), note: Type.Optional(Type.String({ maxLength: 2000 })) }),
  variant('return', { reason }),
  variant('urge', { note: Type.Optional(Type.String({ maxLength: 2000 })) }),
  variant('acknowledge', { note: Type.Optional(Type.String({ maxLength: 2000 })) }),
  variant('report', {
    cause: Text(5000),
    sequence: Text(5000),
    responsible: Text(1000),
    conclusion: Text(5000),
    countermeasures: Text(5000),
    prevention: Text(5000),
  }),
  variant('interim_reply', { message: Text(10000) }),
  variant('submit_improvement', { plan: Text(10000) }),
  variant('reply', { message: Text(10000) }),
  variant('approve_reply'),
  variant('reject_reply', { reason }),
  variant('confirm', { note: Type.Optional(Type.String({ maxLength: 2000 })) }),
  variant('dispute', { reason }),
  variant('visit', { score: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 2000 })) }),
  variant('close', { note: Type.Optional(Type.String({ maxLength: 2000 })) }),
  variant('reopen', { reason }),
  variant('contest', { reason }),
  variant('set_level', { level: Text(32), reason }),
  variant('pause_clock', { clock: Text(32), reason }),
  variant('resume_clock', { clock: Text(32) }),
  variant('request_extension', { clock: Text(32), minutes: Type.Integer({ minimum: 1, maximum: 60 * 24 * 90 }), reason }),
  variant('approve_extension', { requestId: Type.String({ format: 'uuid' }) }),
  variant('recompute_clocks', { reason }),
  variant('note', { text: Text(10000), internal: Type.Optional(Type.Boolean()) }),
];

export const ActionBody = Type.Unsafe<Static<(typeof ACTION_VARIANTS)[number]>>({
  type: 'object',
  required: ['type'],
  discriminator: { propertyName: 'type' },
  oneOf: ACTION_VARIANTS,
});

/** The queue's filters, search and order: a page of the list takes them, and so does its export. */
const QUEUE_VIEW = {
  status: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 20 })),
  unitId: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 })),
  level: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 20 })),
  channel: Type.Optional(Type.Array(StringEnum(CHANNELS), { maxItems: 20 })),
  categoryId: Type.Optional(Type.String({ maxLength: 64 })),
  receivedFrom: Type.Optional(IsoDateTime),
  receivedTo: Type.Optional(IsoDateTime),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  overdue: Type.Optional(Type.Boolean()),
  clockState: Type.Optional(StringEnum(['running', 'paused', 'breached', 'met'] as const)),
  mine: Type.Optional(Type.Boolean()),
  departmentId: Type.Optional(Type.String({ maxLength: 64 })),
  sort: Type.Optional(StringEnum(['due', 'received'] as const)),
};

export const ListQuery = Type.Object(
  {
    ...QUEUE_VIEW,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type ListQuery = Static<typeof ListQuery>;

/** GET /api/complaints/export.{csv,xlsx}: the whole view, so no page size and no cursor. */
export const ExportQuery = Type.Object(QUEUE_VIEW, { additionalProperties: false });
export type ExportQuery = Static<typeof ExportQuery>;

/** One page of the queue (GET /api/complaints). */
export const ComplaintListResponse = Type.Object({
  items: Type.Array(Type.Unknown({ description: 'ComplaintSummary (docs/API.md)' })),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'pass as `cursor` for the next page; null on the last page' }),
  total: Type.Integer({
    minimum: 0,
    description: 'how many complaints match the filters; when `totalCapped` is true, a lower bound: counting stopped there',
  }),
  totalCapped: Type.Boolean({
    description: `true when more complaints matched than are counted: ${SEARCH_TOTAL_CAP} for a text search (\`q\`), ${QUEUE_TOTAL_CAP} for any other list. \`total\` is then the cap, shown as "${SEARCH_TOTAL_CAP}+" or "${QUEUE_TOTAL_CAP}+". The pages still list every match, in order`,
  }),
});

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const AssessmentQuery = Type.Object(
  {
    harm: Type.Optional(StringEnum(['serious', 'minor', 'none'] as const)),
    productValueYuan: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000_000 })),
    billYuan: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000_000 })),
    raisedAtCheckout: Type.Optional(Type.Boolean()),
    qualityConfirmed: Type.Optional(Type.Boolean()),
    regularCustomer: Type.Optional(Type.Boolean()),
    directPersonId: Type.Optional(Type.String({ maxLength: 100 })),
    stationManagerId: Type.Optional(Type.String({ maxLength: 100 })),
    areaManagerId: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
