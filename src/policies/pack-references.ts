/**
 * Checks a structurally valid pack for references that point nowhere and for data the engines
 * would read ambiguously: duplicate ids, rules naming unknown levels, categories or reports,
 * overlapping clock versions (R-TL-7), penalty shares that do not add up to 100 %.
 */
import { FUEL_PENALTY_ROLES } from '../domain/assessment/fuel-penalty.ts';
import type { ClockDefinition } from '../domain/contracts.ts';
import type { PackIssue } from './pack-errors.ts';
import type { Category, Pack } from './pack-schema.ts';

function duplicates(ids: { id: string; path: string }[], what: string): PackIssue[] {
  const first = new Map<string, string>();
  const issues: PackIssue[] = [];
  for (const { id, path } of ids) {
    const seen = first.get(id);
    if (seen !== undefined) issues.push({ path, message: `duplicate ${what} id '${id}' (first at ${seen})` });
    else first.set(id, path);
  }
  return issues;
}

function flattenCategories(categories: Category[], path: string): { category: Category; path: string }[] {
  return categories.flatMap((category, i) => {
    const here = `${path}[${i}]`;
    return [{ category, path: here }, ...flattenCategories(category.children ?? [], `${here}.children`)];
  });
}

/** Half-open local-date ranges [from, to); a missing bound is open. ISO dates compare as strings. */
function rangesOverlap(a: ClockDefinition['effective'], b: ClockDefinition['effective']): boolean {
  const aFrom = a?.from ?? '0000-00-00';
  const aTo = a?.to ?? '9999-99-99';
  const bFrom = b?.from ?? '0000-00-00';
  const bTo = b?.to ?? '9999-99-99';
  return aFrom < bTo && bFrom < aTo;
}

function setsIntersect<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  if (!a || !b) return true;
  return a.some((x) => b.includes(x));
}

export function checkReferences(pack: Pack): PackIssue[] {
  const issues: PackIssue[] = [];
  const levelIds = new Set(pack.severity.levels.map((l) => l.id));
  const guideIds = new Set(pack.guides.map((g) => g.id));
  const reportIds = new Set(pack.reports.map((r) => r.id));
  const categories = flattenCategories(pack.taxonomy, 'taxonomy');
  const categoryIds = new Set(categories.map((c) => c.category.id));

  const needLevel = (level: string, path: string) => {
    if (!levelIds.has(level)) issues.push({ path, message: `unknown severity level '${level}'` });
  };
  const needGuide = (guideId: string | undefined, path: string) => {
    if (guideId !== undefined && !guideIds.has(guideId)) issues.push({ path, message: `unknown handling guide '${guideId}'` });
  };

  issues.push(
    ...duplicates(
      categories.map((c) => ({ id: c.category.id, path: `${c.path}.id` })),
      'category',
    ),
  );
  for (const { category, path } of categories) needGuide(category.guideId, `${path}.guideId`);
  issues.push(
    ...duplicates(
      (pack.causes ?? []).map((c, i) => ({ id: c.id, path: `causes[${i}].id` })),
      'cause',
    ),
  );
  issues.push(
    ...duplicates(
      pack.validity.criteria.map((c, i) => ({ id: c.id, path: `validity.criteria[${i}].id` })),
      'criterion',
    ),
  );
  issues.push(
    ...duplicates(
      pack.validity.invalidReasons.map((c, i) => ({ id: c.id, path: `validity.invalidReasons[${i}].id` })),
      'invalid reason',
    ),
  );

  const levels = pack.severity.levels;
  issues.push(
    ...duplicates(
      levels.map((l, i) => ({ id: l.id, path: `severity.levels[${i}].id` })),
      'level',
    ),
  );
  levels.forEach((level, i) => {
    const clash = levels.findIndex((other) => other.rank === level.rank);
    if (clash !== i)
      issues.push({ path: `severity.levels[${i}].rank`, message: `rank ${level.rank} already used by severity.levels[${clash}]` });
  });
  needLevel(pack.severity.defaultLevel, 'severity.defaultLevel');
  const lowest = Math.min(...levels.map((l) => l.rank));
  const defaultLevel = levels.find((l) => l.id === pack.severity.defaultLevel);
  if (defaultLevel && defaultLevel.rank !== lowest) {
    issues.push({
      path: 'severity.defaultLevel',
      message: 'the default level must have the lowest rank (levels are only raised automatically, R-SV-4)',
    });
  }
  issues.push(
    ...duplicates(
      pack.severity.rules.map((r, i) => ({ id: r.ruleId, path: `severity.rules[${i}].ruleId` })),
      'severity rule',
    ),
  );
  pack.severity.rules.forEach((rule, i) => {
    needLevel(rule.level, `severity.rules[${i}].level`);
    if (rule.when.kind === 'category_in' || rule.when.kind === 'similar_count_at_least') {
      (rule.when.categoryIds ?? []).forEach((id, j) => {
        if (!categoryIds.has(id)) issues.push({ path: `severity.rules[${i}].when.categoryIds[${j}]`, message: `unknown category '${id}'` });
      });
    }
  });

  pack.clocks.forEach((clock, i) => {
    (clock.levels ?? []).forEach((level, j) => {
      needLevel(level, `clocks[${i}].levels[${j}]`);
    });
    const { from, to } = clock.effective ?? {};
    if (from !== undefined && to !== undefined && from >= to)
      issues.push({ path: `clocks[${i}].effective`, message: `'from' ${from} must be before 'to' ${to}` });
    for (let j = 0; j < i; j++) {
      const other = pack.clocks[j];
      if (
        other.name === clock.name &&
        setsIntersect(other.channels, clock.channels) &&
        setsIntersect(other.levels, clock.levels) &&
        rangesOverlap(other.effective, clock.effective)
      ) {
        issues.push({
          path: `clocks[${i}]`,
          message: `clock '${clock.name}' overlaps clocks[${j}] (same channels, levels and effective dates)`,
        });
      }
    }
  });

  issues.push(
    ...duplicates(
      pack.positions.map((p, i) => ({ id: p.id, path: `positions[${i}].id` })),
      'position',
    ),
  );
  const positionIds = new Set(pack.positions.map((p) => p.id));
  // Every recipient a rule names is a declared position (issue #14): users hold positions, so a name
  // that is none would reach nobody.
  const needPosition = (id: string | undefined, path: string) => {
    if (id !== undefined && !positionIds.has(id)) issues.push({ path, message: `unknown position '${id}' (declare it in positions)` });
  };
  pack.notifications.forEach((rule, i) => {
    rule.levels.forEach((level, j) => {
      needLevel(level, `notifications[${i}].levels[${j}]`);
    });
    rule.recipientRoles.forEach((id, j) => {
      needPosition(id, `notifications[${i}].recipientRoles[${j}]`);
    });
    if (rule.when.kind === 'in_report') {
      rule.when.reports.forEach((id, j) => {
        if (!reportIds.has(id)) issues.push({ path: `notifications[${i}].when.reports[${j}]`, message: `unknown report '${id}'` });
      });
    }
  });

  issues.push(
    ...duplicates(
      pack.reports.map((r, i) => ({ id: r.id, path: `reports[${i}].id` })),
      'report',
    ),
  );
  pack.reports.forEach((report, i) => {
    const due = report.due;
    if (due.kind === 'monthly' && due.through !== undefined && (due.period !== 'current_month' || due.through >= due.day))
      issues.push({ path: `reports[${i}].due.through`, message: 'only a current_month report has one, and it ends before the due day' });
    if (report.due.kind === 'at_closure')
      report.due.levels.forEach((level, j) => {
        needLevel(level, `reports[${i}].due.levels[${j}]`);
      });
  });
  issues.push(
    ...duplicates(
      pack.guides.map((g, i) => ({ id: g.id, path: `guides[${i}].id` })),
      'guide',
    ),
  );

  pack.reports.forEach((report, i) => {
    needPosition(report.recipientRole, `reports[${i}].recipientRole`);
  });
  if (pack.crisis)
    pack.crisis.notifyRoles.forEach((id, j) => {
      needPosition(id, `crisis.notifyRoles[${j}]`);
    });
  if (pack.crisis) needGuide(pack.crisis.guideId, 'crisis.guideId');
  if (pack.crisis) needPosition(pack.crisis.ownerRole, 'crisis.ownerRole');
  if (pack.responsibility) issues.push(...responsibilityIssues(pack, categoryIds));
  (pack.compensation?.authority ?? []).forEach((tier, i) => {
    needPosition(tier.positionId, `compensation.authority[${i}].positionId`);
  });
  if (pack.compensation) {
    issues.push(
      ...duplicates(
        pack.compensation.entries.map((e, i) => ({ id: e.id, path: `compensation.entries[${i}].id` })),
        'compensation entry',
      ),
    );
    pack.compensation.entries.forEach((entry, i) => {
      needLevel(entry.level, `compensation.entries[${i}].level`);
    });
  }
  if (pack.penalties) {
    pack.penalties.byLevel.forEach((row, i) => {
      needLevel(row.level, `penalties.byLevel[${i}].level`);
    });
    const total = pack.penalties.split.reduce((sum, share) => sum + share.percent, 0);
    if (Math.abs(total - 100) > 1e-9) issues.push({ path: 'penalties.split', message: `shares add up to ${total} %, expected 100 %` });
    const roles = new Set(pack.penalties.split.map((s) => s.role));
    const repeat = pack.penalties.repeatAtStation;
    if (repeat && !roles.has(repeat.role))
      issues.push({ path: 'penalties.repeatAtStation.role', message: `role '${repeat.role}' has no share in penalties.split` });
    // The calculator names one person per role (src/domain/assessment/fuel-penalty.ts): a role it cannot
    // name would compute a share nobody pays.
    const known = (role: string, path: string) => {
      if (!(role in FUEL_PENALTY_ROLES))
        issues.push({ path, message: `role '${role}' is not one the assessment names (${Object.keys(FUEL_PENALTY_ROLES).join(', ')})` });
    };
    pack.penalties.split.forEach((s, i) => {
      known(s.role, `penalties.split[${i}].role`);
    });
    const clockNames = new Set<string>(pack.clocks.map((c) => c.name));
    (pack.penalties.stationClocks ?? []).forEach((name, i) => {
      if (!clockNames.has(name)) issues.push({ path: `penalties.stationClocks[${i}]`, message: `unknown clock '${name}'` });
    });
    pack.penalties.overdue.forEach((o, i) => {
      o.fines.forEach((f, j) => {
        known(f.role, `penalties.overdue[${i}].fines[${j}].role`);
      });
    });
    (pack.penalties.sanctions ?? []).forEach((s, i) => {
      if (s.role !== undefined) known(s.role, `penalties.sanctions[${i}].role`);
    });
    issues.push(
      ...duplicates(
        pack.penalties.overdue.map((o, i) => ({ id: o.id, path: `penalties.overdue[${i}].id` })),
        'overdue tier',
      ),
    );
  }
  if (pack.emergency) {
    pack.emergency.levels.forEach((level, j) => {
      needLevel(level, `emergency.levels[${j}]`);
    });
    // #15 item 6: the plan's roles are the pack's positions, held by people at the unit.
    needPosition(pack.emergency.commanderRole, 'emergency.commanderRole');
    needPosition(pack.emergency.offHoursCommanderRole, 'emergency.offHoursCommanderRole');
    pack.emergency.teamRoles.forEach((id, j) => {
      needPosition(id, `emergency.teamRoles[${j}]`);
    });
  }
  return issues;
}

/** The responsibility matrix (#15 item 5) names the pack's categories, causes and its own departments. */
function responsibilityIssues(pack: Pack, categoryIds: Set<string>): PackIssue[] {
  const table = pack.responsibility!;
  const issues: PackIssue[] = [];
  const causeIds = new Set((pack.causes ?? []).map((c) => c.id));
  const departmentIds = new Set(table.departments.map((d) => d.id));
  issues.push(
    ...duplicates(
      table.departments.map((d, i) => ({ id: d.id, path: `responsibility.departments[${i}].id` })),
      'department',
    ),
    ...duplicates(
      table.rows.map((r, i) => ({ id: r.id, path: `responsibility.rows[${i}].id` })),
      'responsibility row',
    ),
  );
  table.rows.forEach((row, i) => {
    row.categoryIds.forEach((id, j) => {
      if (!categoryIds.has(id)) issues.push({ path: `responsibility.rows[${i}].categoryIds[${j}]`, message: `unknown category '${id}'` });
    });
    (row.causeIds ?? []).forEach((id, j) => {
      if (!causeIds.has(id)) issues.push({ path: `responsibility.rows[${i}].causeIds[${j}]`, message: `unknown cause '${id}'` });
    });
    row.departmentIds.forEach((id, j) => {
      if (!departmentIds.has(id))
        issues.push({ path: `responsibility.rows[${i}].departmentIds[${j}]`, message: `unknown department '${id}'` });
    });
  });
  return issues;
}
