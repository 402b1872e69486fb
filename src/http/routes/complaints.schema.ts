/** Request and response schemas of the complaint routes (docs/API.md). */
import { Type, type Static } from 'typebox';
import type { Action } from '../../domain/lifecycle/actions.ts';
import { CHANNELS } from '../../domain/contracts.ts';
import { SEARCH_TOTAL_CAP } from '../../domain/search/index.ts';
import { QUEUE_TOTAL_CAP } from '../../use-cases/list-complaints.ts';
import { ComplaintSummarySchema } from './complaint.response.ts';
import { ACTION_VARIANTS } from '../../domain/lifecycle/action-schemas.ts';
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
      Type.Object(
        { occurredAt: Type.Optional(IsoDateTime), place: Type.Optional(Type.String({ maxLength: 500 })) },
        { additionalProperties: false },
      ),
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
    deliveryRef: Type.Optional(Type.String({ maxLength: 64, description: 'the delivery it names (油品批次 / 配送单号), S0 fuel §5' })),
    /** Cases (箱) affected (S0 food 10.1.1.1g: more than 20 is a batch). */
    casesAffected: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);
export type CreateComplaintBody = Static<typeof CreateComplaintBody>;

/** One schema per action (src/domain/lifecycle/action-schemas.ts), chosen by `type`. */
export const ActionBody = Type.Unsafe<Action>({
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
  items: Type.Array(ComplaintSummarySchema),
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
