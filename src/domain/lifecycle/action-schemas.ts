/**
 * The one definition of the lifecycle actions: the request schema of POST /api/complaints/:id/actions is
 * built from these variants, and `Action` (actions.ts) is their static type, so the two cannot drift apart.
 */
import { Type, type TProperties } from 'typebox';
import { StringEnum } from '../string-enum.ts';
import { QUALIFICATIONS } from '../contracts.ts';
import type { RecordableFact } from './facts.ts';

const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const reason = Text(2000);
const note = Type.Optional(Type.String({ maxLength: 2000 }));

/** `const T` keeps each `type` a literal, which makes the union discriminated. */
function variant<const T extends string, P extends TProperties = Record<never, never>>(type: T, props?: P) {
  return Type.Object({ type: Type.Literal(type), ...(props ?? ({} as P)) }, { additionalProperties: false });
}

/**
 * One schema per action, chosen by `type` (OpenAPI discriminator), so a bad field is reported for the
 * action that was asked for rather than as "must match one of 21 schemas".
 */
export const ACTION_VARIANTS = [
  variant('qualify', {
    result: StringEnum(QUALIFICATIONS),
    categoryId: Type.Optional(Text(64)),
    level: Type.Optional(Text(32)),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    // R-Q-2: an invalid qualification names one of the pack's invalid reasons (validity.invalidReasons).
    invalidReasonId: Type.Optional(Text(64)),
    // The pack's validity criteria (validity.criteria) the handler found met, for a valid qualification.
    criteria: Type.Optional(Type.Array(Text(64), { maxItems: 20, uniqueItems: true })),
    // The delivery the complaint names (油品批次 / 配送单号), when it is learnt at qualification (S0 fuel §5).
    deliveryRef: Type.Optional(Text(64)),
  }),
  variant('dispatch', { leadDepartmentId: Text(64), coDepartmentIds: Type.Optional(Type.Array(Text(64), { maxItems: 20 })), note }),
  variant('return', { reason }),
  variant('urge', { note }),
  variant('acknowledge', { note }),
  variant('report', {
    cause: Text(5000),
    sequence: Text(5000),
    responsible: Text(1000),
    conclusion: Text(5000),
    countermeasures: Text(5000),
    prevention: Text(5000),
    // The directly responsible person the investigation names (S0 fuel §14.5: their responsibility
    // complaints of the year are counted for the sanctions), e.g. an employee number.
    directPerson: Type.Optional(Text(100)),
    /** One of the pack's root causes (S0 food §5), when the pack lists them; counted in the periodic report. */
    causeId: Type.Optional(Text(64)),
  }),
  variant('interim_reply', { message: Text(10000) }),
  variant('submit_improvement', { plan: Text(10000) }),
  variant('reply', { message: Text(10000) }),
  variant('approve_reply'),
  variant('reject_reply', { reason }),
  variant('confirm', { note }),
  variant('dispute', { reason }),
  variant('visit', { score: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 2000 })) }),
  variant('close', { note }),
  variant('reopen', { reason }),
  variant('contest', { reason }),
  variant('set_level', { level: Text(32), reason }),
  // Facts that arise after intake (issue #15 item 2): each given fact is set, with the reason on record.
  variant('record_facts', {
    flags: Type.Optional(
      Type.Object(
        {
          lawsuit: Type.Optional(Type.Boolean()),
          media: Type.Optional(Type.Boolean()),
          lawsuitThreat: Type.Optional(Type.Boolean()),
          mediaThreat: Type.Optional(Type.Boolean()),
          supportNeeded: Type.Optional(Type.Boolean()),
          safety: Type.Optional(Type.Boolean()),
          insistent: Type.Optional(Type.Boolean()),
          special: Type.Optional(Type.Boolean()),
        } satisfies Record<RecordableFact, unknown>,
        { additionalProperties: false },
      ),
    ),
    complainantCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    reason,
  }),
  variant('pause_clock', { clock: Text(32), reason }),
  variant('resume_clock', { clock: Text(32) }),
  variant('request_extension', { clock: Text(32), minutes: Type.Integer({ minimum: 1, maximum: 60 * 24 * 90 }), reason }),
  variant('approve_extension', { requestId: Type.String({ format: 'uuid' }) }),
  variant('recompute_clocks', { reason }),
  variant('note', { text: Text(10000), internal: Type.Optional(Type.Boolean()) }),
  // S0 第五篇 §12.4: the service centre sends its own people to investigate again.
  variant('reinvestigate', { reason }),
] as const;
