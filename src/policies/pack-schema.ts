/**
 * The policy-pack format: one organisation's complaint procedure as data (REQUIREMENTS §3–§7, §9).
 * The TypeBox schemas give both the runtime check (`loadPack`) and the static types, so a pack
 * file written in TypeScript and a pack uploaded as JSON are held to the same shape.
 * Cross-references (a rule naming a level that does not exist, …) are checked in pack-references.ts.
 */
import { Type, type Static } from 'typebox';
import type { ClockDefinition, DueRule } from '../domain/contracts.ts';

const Id = Type.String({ pattern: '^[A-Za-z0-9]+([_-][A-Za-z0-9]+)*$' });
const Text = Type.String({ minLength: 1 });
const RuleId = Type.String({ pattern: '^R-[A-Z]+-[0-9]+(/[a-z0-9_-]+)*$' });
const LocalDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const PositiveInt = Type.Integer({ minimum: 1 });
const NonNegative = Type.Number({ minimum: 0 });

const Closed = { additionalProperties: false } as const;

export const ChannelSchema = Type.Enum(['phone', 'email', 'web', 'forum', 'letter', 'walk_in', 'regulator', 'api']);
export const QualificationSchema = Type.Union([Type.Literal('valid'), Type.Literal('invalid'), Type.Literal('suggestion')]);

/**
 * The roles a pack may name as reply approvers: the service centre (R-LC-5), never a unit's specialist or a
 * department handler. src/security/permissions.ts grants `approve_reply` to exactly these.
 */
export const REPLY_APPROVER_ROLES = ['agent', 'qa', 'manager', 'admin'] as const;

/** Keys of ComplaintFacts.flags a severity or crisis rule may test. */
export const FLAGS = [
  'media',
  'lawsuit',
  'safety',
  'mediaThreat',
  'lawsuitThreat',
  'insistent',
  'supportNeeded',
  'regulator',
  'special',
] as const;
export type FlagName = (typeof FLAGS)[number];
const FlagSchema = Type.Enum(FLAGS);

/**
 * Lifecycle event types the packs' clocks start and stop on. The contract's list plus the two a
 * procedure needs that the generic lifecycle does not name: a written improvement plan (fuel §12.5)
 * and an interim containment answer to the customer (S3 5.1.2).
 */
export const PACK_EVENT_TYPES = [
  'received',
  'qualified',
  'dispatched',
  'acknowledged',
  'reported',
  'replied',
  'confirmed',
  'disputed',
  'visited',
  'closed',
  'reopened',
  'level_changed',
  'interim_replied',
  'improvement_submitted',
  'reinvestigated',
] as const;
const EventType = Type.Enum(PACK_EVENT_TYPES);

export const SourceSchema = Type.Object(
  { seed: Type.Union([Type.Literal('S0'), Type.Literal('S1'), Type.Literal('S2'), Type.Literal('S3'), Type.Literal('S4')]), section: Text },
  Closed,
);

export const TermSchema = Type.Object({ id: Id, name: Text, nameZh: Text }, Closed);

export const CategorySchema = Type.Cyclic(
  {
    Category: Type.Object(
      {
        id: Id,
        name: Text,
        nameZh: Text,
        /** Only where the seed sorts categories into valid / invalid / suggestion (fuel §3–4). */
        kind: Type.Optional(QualificationSchema),
        guideId: Type.Optional(Id),
        children: Type.Optional(Type.Array(Type.Ref('Category'))),
      },
      Closed,
    ),
  },
  'Category',
);

export const LevelSchema = Type.Object(
  {
    id: Id,
    name: Text,
    nameZh: Text,
    rank: Type.Integer({ minimum: 0 }),
    description: Type.Optional(Text),
    descriptionZh: Type.Optional(Text),
  },
  Closed,
);

export const ConditionSchema = Type.Union([
  Type.Object({ kind: Type.Literal('complainant_count_at_least'), n: PositiveInt }, Closed),
  Type.Object({ kind: Type.Literal('flag'), flag: FlagSchema }, Closed),
  Type.Object({ kind: Type.Literal('repeat_count_at_least'), n: PositiveInt }, Closed),
  /**
   * Without `categoryIds`: facts.similarCount, complaints about the same matter by text similarity (R-SV-1).
   * With `categoryIds`: facts.categoryCount, the complaints of those categories at the complaint's unit within
   * `severity.similarWindowDays`, whatever their wording (fuel §5: quantity complaints at one station); with
   * `sameDelivery` also those at the company's other units naming the same delivery (fuel §5: quality
   * complaints at one or several stations). src/domain/severity/category-count.ts counts them.
   */
  Type.Object(
    {
      kind: Type.Literal('similar_count_at_least'),
      n: PositiveInt,
      categoryIds: Type.Optional(Type.Array(Id, { minItems: 1 })),
      sameDelivery: Type.Optional(Type.Boolean()),
    },
    Closed,
  ),
  /** Unresolved this long after receipt, clock pauses (delay not on our side) excluded. */
  Type.Object(
    {
      kind: Type.Literal('unresolved_for'),
      amount: PositiveInt,
      unit: Type.Union([Type.Literal('hours'), Type.Literal('days'), Type.Literal('months')]),
    },
    Closed,
  ),
  Type.Object({ kind: Type.Literal('category_in'), categoryIds: Type.Array(Id, { minItems: 1 }) }, Closed),
]);

export const SeverityRuleSchema = Type.Object({ ruleId: RuleId, level: Id, label: Text, labelZh: Text, when: ConditionSchema }, Closed);

export const SeveritySchema = Type.Object(
  {
    ruleId: RuleId,
    /** Level given when no rule applies; must be the lowest rank. */
    defaultLevel: Id,
    levels: Type.Array(LevelSchema, { minItems: 1 }),
    /** Ordered; the highest level reached wins and, among equals, the first rule listed names the reason. */
    rules: Type.Array(SeverityRuleSchema),
    /**
     * Days within which complaints about the same matter count together (R-SV-1 「一个月内」, fuel §5). At most
     * 30: the intake reads the same matter's candidates over 30 days either side in its one read.
     */
    similarWindowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
  },
  Closed,
);

export const DueRuleSchema = Type.Cyclic(
  {
    DueRule: Type.Union([
      Type.Object({ kind: Type.Literal('business_minutes'), minutes: PositiveInt }, Closed),
      Type.Object({ kind: Type.Literal('business_hours'), hours: Type.Number({ exclusiveMinimum: 0 }) }, Closed),
      Type.Object({ kind: Type.Literal('business_days'), days: PositiveInt }, Closed),
      Type.Object({ kind: Type.Literal('calendar_hours'), hours: Type.Number({ exclusiveMinimum: 0 }) }, Closed),
      Type.Object({ kind: Type.Literal('calendar_minutes'), minutes: PositiveInt }, Closed),
      Type.Object({ kind: Type.Literal('calendar_days'), days: PositiveInt }, Closed),
      Type.Object({ kind: Type.Literal('end_of_day') }, Closed),
      Type.Object(
        {
          kind: Type.Literal('by_receipt_class'),
          inHours: Type.Ref('DueRule'),
          outsideHoursWorkday: Type.Ref('DueRule'),
          restDay: Type.Ref('DueRule'),
        },
        Closed,
      ),
    ]),
  },
  'DueRule',
);

const ChannelDue = Type.Object(
  {
    phone: Type.Optional(DueRuleSchema),
    email: Type.Optional(DueRuleSchema),
    web: Type.Optional(DueRuleSchema),
    forum: Type.Optional(DueRuleSchema),
    letter: Type.Optional(DueRuleSchema),
    walk_in: Type.Optional(DueRuleSchema),
    regulator: Type.Optional(DueRuleSchema),
    api: Type.Optional(DueRuleSchema),
  },
  Closed,
);

export const ClockSchema = Type.Object(
  {
    name: Type.Enum([
      'dispatch',
      'acknowledge',
      'reply',
      'resolve',
      'verify',
      'improvement',
      'accept',
      'mediate',
      'courtesy',
      'first_answer',
    ]),
    ruleId: RuleId,
    label: Text,
    labelZh: Text,
    startOn: Type.Array(EventType, { minItems: 1 }),
    stopOn: Type.Array(EventType, { minItems: 1 }),
    due: DueRuleSchema,
    byChannel: Type.Optional(ChannelDue),
    levels: Type.Optional(Type.Array(Id, { minItems: 1 })),
    channels: Type.Optional(Type.Array(ChannelSchema, { minItems: 1 })),
    effective: Type.Optional(Type.Object({ from: Type.Optional(LocalDate), to: Type.Optional(LocalDate) }, Closed)),
    countFrom: Type.Optional(Type.Union([Type.Literal('event'), Type.Literal('receipt')])),
  },
  Closed,
);

export const NotificationWhenSchema = Type.Union([
  Type.Object({ kind: Type.Literal('immediately') }, Closed),
  Type.Object({ kind: Type.Literal('within_working_days'), days: PositiveInt }, Closed),
  /** First due a week after the level is set, then a week after each progress report sent. */
  Type.Object({ kind: Type.Literal('weekly') }, Closed),
  Type.Object({ kind: Type.Literal('at_closure') }, Closed),
  /** When a step of the complaint logs one of these events (fuel §12.4: a re-investigation is reported to the leader). */
  Type.Object({ kind: Type.Literal('on_event'), events: Type.Array(EventType, { minItems: 1 }) }, Closed),
  /** No message of its own: the complaint is itemised in these periodic reports. */
  Type.Object({ kind: Type.Literal('in_report'), reports: Type.Array(Id, { minItems: 1 }) }, Closed),
]);

/** A position a pack's rules address: 集团客户协调中心, 加油站经理, … (issue #14). */
export const PositionSchema = Type.Object({ id: Id, name: Text, nameZh: Text }, Closed);

export const NotificationRuleSchema = Type.Object(
  {
    ruleId: RuleId,
    levels: Type.Array(Id, { minItems: 1 }),
    recipientRoles: Type.Array(Id, { minItems: 1 }),
    kind: Type.Enum(['bulletin', 'progress', 'special_report', 'leader_alert', 'report_item', 'escalation']),
    when: NotificationWhenSchema,
    subject: Text,
    subjectZh: Text,
  },
  Closed,
);

export const CrisisSchema = Type.Object(
  {
    ruleId: RuleId,
    label: Text,
    labelZh: Text,
    /** Any of these flags, or receipt through one of `channels`, marks the complaint a crisis. */
    flags: Type.Array(FlagSchema, { minItems: 1 }),
    channels: Type.Optional(Type.Array(ChannelSchema)),
    notifyRoles: Type.Array(Id, { minItems: 1 }),
    /** The position that owns the crisis once it starts (#15 item 5). */
    ownerRole: Id,
    guideId: Type.Optional(Id),
  },
  Closed,
);

/** Who answers for a complaint (S0 food 10): the first row whose conditions hold names the departments. */
export const ResponsibilitySchema = Type.Object(
  {
    ruleId: RuleId,
    departments: Type.Array(TermSchema, { minItems: 1 }),
    rows: Type.Array(
      Type.Object(
        {
          id: Id,
          /** The seed's clause the row quotes (food 10.1.1.1g …). */
          clause: Type.String({ pattern: '^[0-9a-z.]+$' }),
          categoryIds: Type.Array(Id, { minItems: 1 }),
          /** Only when the recorded cause (pack `causes`) is one of these. */
          causeIds: Type.Optional(Type.Array(Id, { minItems: 1 })),
          /** Only when at least this many cases are affected (">20箱为批量" → 21). */
          casesAtLeast: Type.Optional(PositiveInt),
          departmentIds: Type.Array(Id, { minItems: 1 }),
        },
        Closed,
      ),
      { minItems: 1 },
    ),
  },
  Closed,
);

export const CompensationSchema = Type.Object(
  {
    ruleId: RuleId,
    entries: Type.Array(
      Type.Object(
        {
          id: Id,
          level: Id,
          harm: Type.Optional(Type.Union([Type.Literal('serious'), Type.Literal('not_serious'), Type.Literal('none')])),
          remedy: Text,
          remedyZh: Text,
          /** Gift of product worth `giftRatio` times the affected product (1:10 → 10). */
          giftRatio: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
          visit: Type.Optional(Type.Boolean()),
          coversMedicalCosts: Type.Optional(Type.Boolean()),
          /** A consolation gift (慰问品) rather than a ratio of the company's own products. */
          consolationGift: Type.Optional(Type.Boolean()),
          approvalRequired: Type.Boolean(),
          /** The seed's clause the entry quotes (food §9.2.1a …), cited in the assessment's rule id. */
          clause: Type.Optional(Type.String({ pattern: '^[0-9a-z.]+$' })),
        },
        Closed,
      ),
    ),
    /**
     * Who may approve compensation given (#15 item 5, S0 food 9.2), lowest first. A compensation needs the
     * first tier that covers it; its approver must hold that tier's position or a higher tier's at the
     * complaint's unit or above. A tier without a position is whoever records it.
     */
    authority: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Id,
            positionId: Type.Optional(Id),
            name: Text,
            nameZh: Text,
            /** May give more than the entry's gift ratio (9.2: 以上特例可机动考虑). */
            beyondGiftRatio: Type.Boolean(),
            /** May approve the entries that need approval (9.2.1a/b: 需由公司同意后方可执行). */
            approvalRequiredEntries: Type.Boolean(),
            clause: Type.String({ pattern: '^[0-9a-z.]+$' }),
          },
          Closed,
        ),
        { minItems: 1 },
      ),
    ),
    discounts: Type.Optional(
      Type.Array(
        Type.Object(
          { id: Id, percentOff: Type.Number({ exclusiveMinimum: 0, maximum: 100 }), labelZh: Text, condition: Text, conditionZh: Text },
          Closed,
        ),
      ),
    ),
  },
  Closed,
);

const Fine = Type.Object({ role: Id, yuan: NonNegative }, Closed);

const CountRange = Type.Object({ atLeast: PositiveInt, atMost: Type.Optional(PositiveInt) }, Closed);

export const SanctionSchema = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('station_awards_revoked'),
      Type.Literal('awards_revoked'),
      Type.Literal('demotion_to_trainee_manager'),
      Type.Literal('warning_and_transfer'),
      Type.Literal('contract_termination'),
    ]),
    /** The role sanctioned; absent: the station itself. */
    role: Type.Optional(Id),
    ruleId: RuleId,
    clause: Type.Optional(Type.String({ pattern: '^[0-9a-z.]+$' })),
    atStation: Type.Optional(CountRange),
    byPerson: Type.Optional(CountRange),
    detail: Text,
    detailZh: Text,
  },
  Closed,
);

export const PenaltySchema = Type.Object(
  {
    ruleId: RuleId,
    byLevel: Type.Array(
      Type.Object({ level: Id, dismissal: Type.Boolean(), fineYuan: NonNegative, areaPointsDeducted: NonNegative }, Closed),
    ),
    /** Shares of a fine in percent; one person holding several roles pays the sum of their shares. */
    split: Type.Array(Type.Object({ role: Id, percent: Type.Number({ minimum: 0, maximum: 100 }) }, Closed), { minItems: 1 }),
    repeatAtStation: Type.Optional(
      Type.Object({ nthValidComplaintInYear: PositiveInt, role: Id, multiplier: Type.Number({ minimum: 1 }) }, Closed),
    ),
    /**
     * The clocks the penalised party itself runs (fuel §13.2, §15): only their lateness counts, and only
     * from when the complaint reached it (its dispatch). Absent: every clock counts, from its due instant.
     */
    stationClocks: Type.Optional(Type.Array(Id, { minItems: 1 })),
    overdue: Type.Array(
      Type.Object(
        {
          id: Id,
          ruleId: RuleId,
          /** The seed's clause (fuel §15.1 …), cited in the assessment's rule ids. */
          clause: Type.Optional(Type.String({ pattern: '^[0-9a-z.]+$' })),
          overdueHoursAtLeast: NonNegative,
          fines: Type.Array(Fine, { minItems: 1 }),
        },
        Closed,
      ),
    ),
    /**
     * Sanctions beyond fines (fuel §14.3–14.5), each from the nth valid complaint at the station in the
     * year and / or the nth responsibility complaint of the directly responsible person (this one counted).
     */
    sanctions: Type.Optional(Type.Array(SanctionSchema)),
  },
  Closed,
);

export const ReportDueSchema = Type.Union([
  Type.Object({ kind: Type.Literal('daily') }, Closed),
  /** By day `day` of each month, covering the current or the previous month. */
  Type.Object(
    {
      kind: Type.Literal('monthly'),
      day: Type.Integer({ minimum: 1, maximum: 28 }),
      period: Type.Union([Type.Literal('current_month'), Type.Literal('previous_month')]),
      /**
       * current_month only: the period covers the 1st to this day of the month (Vanke's half-monthly report,
       * 1st–15th, due the 18th). Without it a current_month report covers the month up to the eve of its
       * due day (from the due day of the month before), so every day is in exactly one period.
       */
      through: Type.Optional(Type.Integer({ minimum: 1, maximum: 27 })),
    },
    Closed,
  ),
  /** The calendar quarter, due by its last day (Vanke 5.6.1.3: 对本季度投诉处理的整体情况进行总结). */
  Type.Object({ kind: Type.Literal('quarterly') }, Closed),
  Type.Object({ kind: Type.Literal('at_closure'), levels: Type.Array(Id, { minItems: 1 }) }, Closed),
]);

export const ReportSchema = Type.Object(
  { id: Id, ruleId: RuleId, name: Text, nameZh: Text, due: ReportDueSchema, recipientRole: Type.Optional(Id) },
  Closed,
);

export const GuideSchema = Type.Object(
  {
    id: Id,
    title: Text,
    titleZh: Text,
    /** Seed and section the steps are quoted from. */
    source: Text,
    stepsZh: Type.Array(Text, { minItems: 1 }),
    /** Words to say, quoted from the seed where it gives them. */
    scriptZh: Type.Optional(Type.Array(Text)),
  },
  Closed,
);

export const EmergencySchema = Type.Object(
  {
    ruleId: RuleId,
    /** The alert its commander and team receive when it opens (#15 item 6). */
    label: Text,
    labelZh: Text,
    levels: Type.Array(Id, { minItems: 1 }),
    commanderRole: Id,
    offHoursCommanderRole: Id,
    teamRoles: Type.Array(Id),
    /** S2 5.2.3: the answer is due this many hours, the conclusion this many days, after `countFrom`. */
    answerWithinHours: PositiveInt,
    concludeWithinDays: PositiveInt,
    /** 'receipt': the resident's report time (#15 item 6); 'level_set': when the complaint became major. */
    countFrom: Type.Union([Type.Literal('receipt'), Type.Literal('level_set')]),
  },
  Closed,
);

/**
 * KPI settings the seeds leave open (issue #15 item 9). The S3 sheet scores 客户投诉处理及时率 without a full
 * score: the report assumes 10 and says so until a pack (or an administrator's tuning) sets one.
 */
export const KpiSchema = Type.Object({ timelinessFullScore: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })) }, Closed);

export const PackSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }),
    version: PositiveInt,
    name: Text,
    nameZh: Text,
    sources: Type.Array(SourceSchema, { minItems: 1 }),
    taxonomy: Type.Array(CategorySchema, { minItems: 1 }),
    /** Root causes an investigation may name (food §5). */
    causes: Type.Optional(Type.Array(TermSchema)),
    responsibility: Type.Optional(ResponsibilitySchema),
    validity: Type.Object(
      { ruleId: RuleId, criteria: Type.Array(TermSchema, { minItems: 1 }), invalidReasons: Type.Array(TermSchema) },
      Closed,
    ),
    severity: SeveritySchema,
    crisis: Type.Optional(CrisisSchema),
    clocks: Type.Array(ClockSchema),
    /**
     * The positions (岗位) the pack's rules address, named from its source procedure (issue #14). Users
     * hold them at organisation nodes; every recipient a rule names must be one of them.
     */
    positions: Type.Array(PositionSchema),
    notifications: Type.Array(NotificationRuleSchema),
    compensation: Type.Optional(CompensationSchema),
    penalties: Type.Optional(PenaltySchema),
    reports: Type.Array(ReportSchema),
    guides: Type.Array(GuideSchema),
    replyApproval: Type.Object(
      {
        ruleId: RuleId,
        requiredByDefault: Type.Boolean(),
        /**
         * The roles that approve or send back a reply (R-LC-5, issue #15 item 9); absent: the managers
         * (domain/lifecycle/pack-lifecycle.ts). Only roles the permission table lets approve at all.
         */
        approverRoles: Type.Optional(Type.Array(Type.Enum(REPLY_APPROVER_ROLES), { minItems: 1, uniqueItems: true })),
        note: Text,
        noteZh: Text,
      },
      Closed,
    ),
    returnVisit: Type.Object({ ruleId: RuleId, required: Type.Boolean() }, Closed),
    emergency: Type.Optional(EmergencySchema),
    kpi: Type.Optional(KpiSchema),
  },
  Closed,
);

type PackStatic = Static<typeof PackSchema>;
/** A validated pack. Clocks are typed by the shared contract the clock engine interprets. */
export type Pack = Omit<PackStatic, 'clocks'> & { clocks: ClockDefinition[] };
export type Category = Static<typeof CategorySchema>;
export type Term = Static<typeof TermSchema>;
export type Position = Static<typeof PositionSchema>;
export type SeverityLevel = Static<typeof LevelSchema>;
export type SeverityCondition = Static<typeof ConditionSchema>;
export type SeverityRule = Static<typeof SeverityRuleSchema>;
export type NotificationRule = Static<typeof NotificationRuleSchema>;
export type NotificationWhen = Static<typeof NotificationWhenSchema>;
export type CompensationTable = Static<typeof CompensationSchema>;
export type PenaltyTable = Static<typeof PenaltySchema>;
export type SanctionRule = Static<typeof SanctionSchema>;
export type ReportSchedule = Static<typeof ReportSchema>;
export type HandlingGuide = Static<typeof GuideSchema>;
export type CrisisRule = Static<typeof CrisisSchema>;
export type ResponsibilityTable = Static<typeof ResponsibilitySchema>;

// Compile-time guards: a clock that passes the schema is a contract ClockDefinition (the schema is
// stricter only in naming known event types), and the due-rule shapes are the same both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Fits<A, B> = [A] extends [B] ? true : false;
const clockShapeMatches: Fits<Static<typeof ClockSchema>, ClockDefinition> = true;
const dueShapeMatches: Same<Static<typeof DueRuleSchema>, DueRule> = true;
void clockShapeMatches;
void dueShapeMatches;
