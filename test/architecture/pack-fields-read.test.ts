/**
 * Issue #15 item 1: every pack field has behaviour, or is removed. "A pack field that nothing reads is worse than
 * no field: an organisation that edits it believes it changed something."
 *
 * The test walks every shipped pack (src/policies/packs, through PACKS) and collects each field's path
 * (`compensation.entries[].giftRatio`; a category's `children` are one path, a clock's `byChannel.<channel>` is read
 * as its `due`). Every path must be named below, in exactly one of:
 * - READERS: server code that gives it behaviour (not the schema, the packs, the cross-reference check, the
 *   demo seed or the generated web types) — the file must access the field's key, and, for a generic key
 *   (`id`, `kind`, `days` …), the key of the object that holds it (`criteria`, `due` …);
 * - SHOWN: descriptive text that no rule depends on, with the file that shows it to people (same check).
 * A field added to a pack without a reader fails here, and so does an entry whose file no longer reads its key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKS } from '../../src/policies/index.ts';
import { allowedActions } from '../../src/domain/lifecycle/index.ts';
import { packLifecycle, replyApprovalRequired, replyApproverRoles } from '../../src/domain/lifecycle/pack-lifecycle.ts';
import { timelinessFullScore } from '../../src/domain/kpi/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Files that define or validate packs: a mention there is no behaviour. */
const NOT_READERS = [
  /^src\/policies\/packs\//,
  /^src\/policies\/pack-schema\.ts$/,
  /^src\/policies\/pack-references\.ts$/,
  /^src\/seed\//,
  /openapi\.d\.ts$/,
];

/** Field paths of a pack value, normalised so one field of a recursive or keyed shape is one path. */
export function fieldPaths(pack: unknown): Set<string> {
  const out = new Set<string>();
  const norm = (p: string) =>
    p
      .replace(/(\.children\[\])+/g, '.children[]')
      .replace(/^taxonomy\[\]\.children\[\]\./, 'taxonomy[].')
      // A channel's due rule and the nested rules of `by_receipt_class` are due rules like the clock's own.
      .replace(/^clocks\[\]\.byChannel\.\*\./, 'clocks[].due.')
      .replace(/\.(inHours|outsideHoursWorkday|restDay)\./g, '.');
  const walk = (v: unknown, p: string, key: string) => {
    if (Array.isArray(v)) {
      // An empty list says nothing about its items' fields (other packs fill them).
      if (v.length === 0) return;
      if (v.every((x) => x === null || typeof x !== 'object')) out.add(norm(p));
      else for (const x of v) walk(x, `${p}[]`, key);
      return;
    }
    if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const q = p ? `${p}.${key === 'byChannel' ? '*' : k}` : k;
        // The recursion itself is a field: a category's sub-categories, a channel's own due rule.
        if (k === 'children' || key === 'byChannel') out.add(norm(q));
        walk(x, q, k);
      }
      return;
    }
    out.add(norm(p));
  };
  walk(pack, '', '');
  return out;
}

const BEHAVIOUR = {
  clocksSelect: 'src/domain/clocks/select-definitions.ts',
  clocksApply: 'src/domain/clocks/apply-event.ts',
  clocksDue: 'src/domain/clocks/compute-due.ts',
  severityEval: 'src/domain/severity/evaluate-severity.ts',
  severityConditions: 'src/domain/severity/conditions.ts',
  severityLevels: 'src/domain/severity/levels.ts',
  notifications: 'src/domain/notifications/notifications-for.ts',
  packLookup: 'src/use-cases/pack-lookup.ts',
  food: 'src/domain/assessment/food-compensation.ts',
  discount: 'src/domain/assessment/restaurant-discount.ts',
  fuel: 'src/domain/assessment/fuel-penalty.ts',
  emergency: 'src/domain/casework/emergency.ts',
  specialReport: 'src/domain/casework/special-report.ts',
  lifecycle: 'src/domain/lifecycle/pack-lifecycle.ts',
  users: 'src/use-cases/users/manage-users.ts',
  inbox: 'src/use-cases/read-inbox.ts',
  packs: 'src/policies/index.ts',
  resolvePack: 'src/use-cases/policy/resolve-pack.ts',
  reportNames: 'src/use-cases/reports/report-context.ts',
  kpi: 'src/use-cases/reports/kpi.ts',
} as const;
const B = BEHAVIOUR;

/** Field → the server files that give it behaviour. */
const READERS: Record<string, string[]> = {
  // Food (S0 第四篇 §9.2, §10, §11) and property (S2) procedures (issue #15 items 5, 6).
  'compensation.authority[].id': ['src/domain/assessment/compensation-authority.ts'],
  'compensation.authority[].positionId': ['src/domain/assessment/compensation-authority.ts'],
  'compensation.authority[].beyondGiftRatio': ['src/domain/assessment/compensation-authority.ts'],
  'compensation.authority[].approvalRequiredEntries': ['src/domain/assessment/compensation-authority.ts'],
  'compensation.authority[].clause': ['src/domain/assessment/compensation-authority.ts'],
  'compensation.authority[].name': ['src/domain/assessment/compensation-authority.ts'],
  'compensation.authority[].nameZh': ['src/domain/assessment/compensation-authority.ts'],
  'crisis.ownerRole': ['src/domain/rules/crisis-start.ts'],
  'emergency.label': ['src/domain/casework/emergency-opening.ts'],
  'emergency.labelZh': [B.packLookup],
  'emergency.teamRoles': ['src/domain/casework/emergency-opening.ts'],
  'emergency.answerWithinHours': [B.emergency],
  'emergency.concludeWithinDays': [B.emergency],
  'emergency.countFrom': [B.emergency],
  'responsibility.ruleId': ['src/domain/responsibility/responsible-departments.ts'],
  'responsibility.departments[].id': ['src/domain/responsibility/responsible-departments.ts'],
  'responsibility.departments[].name': ['src/domain/responsibility/responsible-departments.ts'],
  'responsibility.departments[].nameZh': ['src/domain/responsibility/responsible-departments.ts'],
  'responsibility.rows[].id': ['src/domain/responsibility/responsible-departments.ts'],
  'responsibility.rows[].clause': ['src/domain/responsibility/responsible-departments.ts'],
  'responsibility.rows[].categoryIds': ['src/domain/responsibility/responsible-departments.ts'],
  'responsibility.rows[].causeIds': ['src/domain/responsibility/responsible-departments.ts'],
  'responsibility.rows[].casesAtLeast': ['src/domain/responsibility/responsible-departments.ts'],
  'responsibility.rows[].departmentIds': ['src/domain/responsibility/responsible-departments.ts'],
  // Report schedules produce their reports and reminders; food causes in the report (issue #15 item 1).
  'reports[].id': ['src/use-cases/reports/report-schedules.ts'],
  'reports[].ruleId': ['src/use-cases/reports/report-schedules.ts'],
  'reports[].name': ['src/use-cases/reports/report-schedules.ts'],
  'reports[].nameZh': ['src/use-cases/reports/report-schedules.ts'],
  'reports[].recipientRole': ['src/use-cases/reports/report-schedules.ts'],
  'reports[].due.day': ['src/domain/reports/schedules.ts'],
  'reports[].due.period': ['src/domain/reports/schedules.ts'],
  'reports[].due.through': ['src/domain/reports/schedules.ts'],
  'causes[].id': ['src/use-cases/perform-action.ts'],
  'causes[].nameZh': ['src/use-cases/reports/report-context.ts'],
  // S0 第五篇 §5, §15 (issue #15 item 4).
  'severity.similarWindowDays': ['src/domain/severity/category-count.ts'],
  'severity.rules[].when.sameDelivery': ['src/domain/severity/category-count.ts'],
  'penalties.stationClocks': ['src/use-cases/assess-complaint.ts'],
  'validity.criteria[].id': ['src/use-cases/perform-action.ts'],
  'validity.invalidReasons[].id': ['src/use-cases/perform-action.ts'],
  'validity.ruleId': ['src/use-cases/perform-action.ts'],
  'taxonomy[].kind': [B.packLookup],
  id: [B.packs],
  version: [B.resolvePack],
  'taxonomy[].id': [B.packLookup],
  'taxonomy[].children': [B.packLookup],
  'severity.ruleId': [B.severityEval],
  'severity.defaultLevel': [B.severityEval, B.severityLevels],
  'severity.levels[].id': [B.severityLevels],
  'severity.levels[].rank': [B.severityLevels],
  'severity.rules[].ruleId': [B.severityEval],
  'severity.rules[].level': [B.severityEval],
  'severity.rules[].label': [B.severityEval],
  'severity.rules[].labelZh': [B.severityEval],
  'severity.rules[].when.kind': [B.severityConditions],
  'severity.rules[].when.n': [B.severityConditions],
  'severity.rules[].when.flag': [B.severityConditions],
  'severity.rules[].when.amount': [B.severityConditions],
  'severity.rules[].when.unit': [B.severityConditions],
  'severity.rules[].when.categoryIds': [B.severityConditions],
  'crisis.ruleId': ['src/domain/rules/crisis-start.ts'],
  'crisis.flags': [B.severityEval],
  'crisis.channels': [B.severityEval],
  'crisis.notifyRoles': ['src/domain/rules/crisis-start.ts'],
  'crisis.label': ['src/domain/rules/crisis-start.ts'],
  'crisis.labelZh': [B.packLookup],
  'clocks[].name': [B.clocksApply],
  'clocks[].ruleId': [B.clocksApply],
  'clocks[].label': [B.clocksApply],
  'clocks[].labelZh': [B.clocksApply],
  'clocks[].startOn': [B.clocksApply],
  'clocks[].stopOn': [B.clocksApply],
  'clocks[].countFrom': [B.clocksApply],
  'clocks[].levels': [B.clocksSelect],
  'clocks[].channels': [B.clocksSelect],
  'clocks[].effective.from': [B.clocksSelect],
  'clocks[].effective.to': [B.clocksSelect],
  'clocks[].byChannel.*': [B.clocksSelect],
  'clocks[].due.kind': [B.clocksDue],
  'clocks[].due.days': [B.clocksDue],
  'clocks[].due.hours': [B.clocksDue],
  'clocks[].due.minutes': [B.clocksDue],
  'positions[].id': [B.users, B.inbox],
  'notifications[].ruleId': [B.notifications],
  'notifications[].levels': [B.notifications],
  'notifications[].recipientRoles': [B.notifications],
  'notifications[].kind': [B.notifications],
  'notifications[].subject': [B.notifications],
  'notifications[].subjectZh': [B.packLookup],
  'notifications[].when.kind': [B.notifications],
  'notifications[].when.days': [B.notifications],
  'notifications[].when.reports': [B.notifications],
  'notifications[].when.events': [B.notifications],
  'compensation.ruleId': [B.food],
  'compensation.entries[].id': [B.food],
  'compensation.entries[].level': [B.food],
  'compensation.entries[].harm': [B.food],
  'compensation.entries[].remedy': [B.food],
  'compensation.entries[].remedyZh': [B.food],
  'compensation.entries[].giftRatio': [B.food],
  'compensation.entries[].visit': [B.food],
  'compensation.entries[].coversMedicalCosts': [B.food],
  'compensation.entries[].consolationGift': [B.food],
  'compensation.entries[].approvalRequired': [B.food],
  'compensation.entries[].clause': [B.food],
  'compensation.discounts[].percentOff': [B.discount],
  'compensation.discounts[].labelZh': [B.discount],
  'penalties.ruleId': [B.fuel],
  'penalties.byLevel[].level': [B.fuel],
  'penalties.byLevel[].dismissal': [B.fuel],
  'penalties.byLevel[].fineYuan': [B.fuel],
  'penalties.byLevel[].areaPointsDeducted': [B.fuel],
  'penalties.split[].role': [B.fuel],
  'penalties.split[].percent': [B.fuel],
  'penalties.repeatAtStation.nthValidComplaintInYear': [B.fuel, B.kpi],
  'penalties.repeatAtStation.role': [B.fuel],
  'penalties.repeatAtStation.multiplier': [B.fuel],
  'penalties.overdue[].id': [B.fuel],
  'penalties.overdue[].ruleId': [B.fuel],
  'penalties.overdue[].clause': [B.fuel],
  'penalties.overdue[].overdueHoursAtLeast': [B.fuel],
  'penalties.overdue[].fines[].role': [B.fuel],
  'penalties.overdue[].fines[].yuan': [B.fuel],
  'penalties.sanctions[].kind': [B.fuel],
  'penalties.sanctions[].role': [B.fuel],
  'penalties.sanctions[].ruleId': [B.fuel],
  'penalties.sanctions[].clause': [B.fuel],
  'penalties.sanctions[].atStation.atLeast': [B.fuel],
  'penalties.sanctions[].byPerson.atLeast': [B.fuel],
  'penalties.sanctions[].byPerson.atMost': [B.fuel],
  'penalties.sanctions[].detail': [B.fuel],
  'penalties.sanctions[].detailZh': [B.fuel],
  'reports[].due.kind': [B.specialReport],
  'reports[].due.levels': [B.specialReport],
  'replyApproval.requiredByDefault': [B.lifecycle],
  'replyApproval.approverRoles': [B.lifecycle],
  'returnVisit.required': [B.lifecycle],
  'emergency.ruleId': ['src/use-cases/casework/emergency.ts'],
  'emergency.levels': [B.emergency],
  'emergency.commanderRole': [B.emergency],
  'emergency.offHoursCommanderRole': [B.emergency],
  'kpi.timelinessFullScore': [B.kpi],
};

/** Descriptive fields: no rule depends on them; each names the file that shows it (console, answer or report). */
const SHOWN: Record<string, string[]> = {
  'causes[].name': ['web/src/features/complaint/components/action-fields.tsx'],
  // The qualify form's pick-lists (R-Q-2).
  'validity.criteria[].name': ['web/src/features/complaint/components/action-fields.tsx'],
  'validity.criteria[].nameZh': ['web/src/features/complaint/components/action-fields.tsx'],
  'validity.invalidReasons[].name': ['web/src/features/complaint/components/action-fields.tsx'],
  'validity.invalidReasons[].nameZh': ['web/src/features/complaint/components/action-fields.tsx'],
  // The policy list (GET /api/policies) and the policy page's title.
  name: ['src/http/routes/policies.routes.ts'],
  nameZh: ['src/http/routes/policies.routes.ts'],
  'sources[].seed': ['web/src/features/policy/policy-form.tsx'],
  'sources[].section': ['web/src/features/policy/policy-form.tsx'],
  // Category and level names in reports (report-context's naming) and the console's pickers.
  'taxonomy[].name': ['web/src/features/queue/components/queue-filters.tsx'],
  'taxonomy[].nameZh': [B.reportNames],
  'taxonomy[].guideId': ['web/src/features/complaint/components/guide-card.tsx'],
  'severity.levels[].name': ['web/src/features/queue/components/queue-filters.tsx'],
  'severity.levels[].nameZh': [B.reportNames],
  'severity.levels[].descriptionZh': ['web/src/features/policy/policy-form.tsx'],
  'crisis.guideId': ['web/src/features/complaint/components/guide-card.tsx'],
  // Positions as the inbox and the users page name them.
  'positions[].name': [B.inbox],
  'positions[].nameZh': [B.inbox],
  // The restaurant discounts' conditions (S0 第三篇 14c) and row keys in the policy page's discount table.
  'compensation.discounts[].id': ['web/src/features/policy/policy-form.tsx'],
  'compensation.discounts[].condition': ['web/src/features/policy/policy-form.tsx'],
  'compensation.discounts[].conditionZh': ['web/src/features/policy/policy-form.tsx'],
  // The handling guides shown beside the complaint (guide-card).
  'guides[].id': ['web/src/features/complaint/components/guide-card.tsx'],
  'guides[].title': ['web/src/features/complaint/components/guide-card.tsx'],
  'guides[].titleZh': ['web/src/features/complaint/components/guide-card.tsx'],
  'guides[].source': ['web/src/features/complaint/components/guide-card.tsx'],
  'guides[].stepsZh': ['web/src/features/complaint/components/guide-card.tsx'],
  'guides[].scriptZh': ['web/src/features/complaint/components/guide-card.tsx'],
  // The seed's wording and rule behind the approval and return-visit settings, beside their switches.
  'replyApproval.ruleId': ['web/src/features/policy/policy-form.tsx'],
  'replyApproval.note': ['web/src/features/policy/policy-form.tsx'],
  'replyApproval.noteZh': ['web/src/features/policy/policy-form.tsx'],
  'returnVisit.ruleId': ['web/src/features/policy/policy-form.tsx'],
};

/** Keys too common to prove a read on their own: the file must also name the object holding them. */
const GENERIC = new Set([
  'id',
  'name',
  'nameZh',
  'kind',
  'level',
  'levels',
  'label',
  'labelZh',
  'ruleId',
  'role',
  'days',
  'hours',
  'minutes',
  'n',
  'unit',
  'amount',
  'flag',
  'flags',
  'channels',
  'title',
  'titleZh',
  'source',
  'detail',
  'detailZh',
  'subject',
  'note',
  'noteZh',
  'from',
  'to',
  'day',
  'period',
  'clause',
  'version',
  'seed',
  'section',
  'condition',
  'visit',
  'remedy',
  'required',
  'yuan',
  'percent',
  'atLeast',
  'atMost',
  '*',
]);

const keyOf = (segment: string) => segment.replace(/\[\]$/, '');

/**
 * A file that works on the holding object under its type (a clock definition passed in, a condition) names the
 * type rather than the key: these names stand for the key.
 */
const HOLDER_ALIASES: Record<string, string[]> = {
  clocks: ['ClockDefinition'],
  due: ['DueRule'],
  when: ['SeverityCondition'],
  emergency: ['EmergencyPlan', 'emergencyPlanFor'],
};

/** The field's own key and, for a generic one, the nearest enclosing key that is not generic. */
function keysToFind(field: string): string[] {
  const segments = field.split('.').map(keyOf);
  const leaf = segments[segments.length - 1];
  if (leaf === '*') return [segments[segments.length - 2]];
  if (!GENERIC.has(leaf)) return [leaf];
  const holder = [...segments.slice(0, -1)].reverse().find((s) => !GENERIC.has(s));
  return holder ? [leaf, holder] : [leaf];
}

/** An access of `key` as a property: `.key`, `?.key`, `['key']`, a destructured `{ key }`, or a table column's key. */
function reads(text: string, key: string): boolean {
  const k = key.replace(/[$]/g, '\\$&');
  return new RegExp(
    `(\\?\\.|\\.)${k}\\b|\\[\\s*['"]${k}['"]\\s*\\]|\\{[^}]*\\b${k}\\b[^}]*\\}\\s*=|\\(\\s*\\{[^}]*\\b${k}\\b|(rowKey|dataIndex)\\s*[=:]\\s*['"]${k}['"]`,
  ).test(text);
}

const cache = new Map<string, string>();
function source(file: string): string {
  let t = cache.get(file);
  if (t === undefined) {
    t = fs.readFileSync(path.join(ROOT, file), 'utf8');
    cache.set(file, t);
  }
  return t;
}

const WALKED = new Set(PACKS.flatMap((p) => [...fieldPaths(p)]));
/** Optional schema fields no shipped pack sets yet; an administrator's tuning does. */
const UNSHIPPED = new Set(['kpi.timelinessFullScore']);

test('#15 item 1: every field of every shipped pack has a reader or is shown (and nothing else)', () => {
  const unread = [...WALKED].filter((f) => !(f in READERS) && !(f in SHOWN)).sort();
  assert.deepEqual(unread, [], `pack fields that no code reads:\n  ${unread.join('\n  ')}`);
  const twice = Object.keys(SHOWN).filter((f) => f in READERS);
  assert.deepEqual(twice, [], 'a field listed twice');
  const stale = [...Object.keys(READERS), ...Object.keys(SHOWN)].filter((f) => !WALKED.has(f) && !UNSHIPPED.has(f));
  assert.deepEqual(stale, [], 'entries for fields no pack has');
});

test('#15 item 1: each listed reader really reads its field (the key, and for a generic key the object holding it)', () => {
  const missing: string[] = [];
  for (const [field, files] of [...Object.entries(READERS), ...Object.entries(SHOWN)]) {
    for (const file of files) {
      if (field in READERS && NOT_READERS.some((re) => re.test(file)))
        missing.push(`${field}: ${file} defines packs, it gives no behaviour`);
      if (field in READERS && file.startsWith('web/')) missing.push(`${field}: ${file} is the console; behaviour is the server's`);
      if (!fs.existsSync(path.join(ROOT, file))) {
        missing.push(`${field}: ${file} does not exist`);
        continue;
      }
      const text = source(file);
      for (const key of keysToFind(field)) {
        const named = reads(text, key) || (HOLDER_ALIASES[key] ?? []).some((alias) => new RegExp(`\\b${alias}\\b`).test(text));
        if (!named) missing.push(`${field}: ${file} does not read '${key}'`);
      }
    }
  }
  assert.deepEqual(missing, []);
});

test('#15 item 1: the walk sees a field added to a pack, so an unread one cannot slip in', () => {
  const [first] = PACKS;
  const added = fieldPaths({ ...first, replyApproval: { ...first.replyApproval, escalateAfterDays: 3 } });
  assert.ok(added.has('replyApproval.escalateAfterDays'));
  assert.ok(!(('replyApproval.escalateAfterDays' as string) in READERS));
  // A channel's own due rule is read as the clock's due rule; nested rules of by_receipt_class likewise.
  assert.ok(WALKED.has('clocks[].due.kind') && !WALKED.has('clocks[].byChannel.*.kind'));
});

test('#15 items 1 and 9: the lifecycle and KPI fields change behaviour when changed (R-LC-2, R-LC-5, R-RS-4)', () => {
  for (const pack of PACKS) {
    const flipped = { ...pack, replyApproval: { ...pack.replyApproval, requiredByDefault: !pack.replyApproval.requiredByDefault } };
    assert.notEqual(replyApprovalRequired({}, pack), replyApprovalRequired({}, flipped), `${pack.id}: replyApproval.requiredByDefault`);

    const confirmed = (p: typeof pack) =>
      allowedActions({ status: 'confirmed', qualification: 'valid', returnVisitRequired: packLifecycle(p).returnVisitRequired });
    const noVisit = { ...pack, returnVisit: { ...pack.returnVisit, required: !pack.returnVisit.required } };
    assert.notEqual(confirmed(pack).includes('close'), confirmed(noVisit).includes('close'), `${pack.id}: returnVisit.required`);
    assert.equal(confirmed(pack).includes('close'), !pack.returnVisit.required, `${pack.id}: close from confirmed`);

    const agentsOnly = { ...pack, replyApproval: { ...pack.replyApproval, approverRoles: ['agent' as const] } };
    assert.deepEqual(replyApproverRoles(agentsOnly), ['agent'], `${pack.id}: replyApproval.approverRoles`);
    assert.notDeepEqual(replyApproverRoles(pack), ['agent']);

    assert.deepEqual(timelinessFullScore([pack.kpi?.timelinessFullScore]).fullScoreAssumed, pack.kpi?.timelinessFullScore === undefined);
    assert.deepEqual(timelinessFullScore([12]), { fullScore: 12, fullScoreAssumed: false });
  }
});
