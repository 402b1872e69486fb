/**
 * The organisation tree as a user may see it, and a unit's business calendar (read and saved) under
 * the scope rules of src/security/scope.ts: a unit the user may not read answers 404 like an unknown one.
 */
import type { Deps } from './context.ts';
import { findOrgNode, listOrgNodes, saveCalendarVersion, type OrgNode } from '../data/org-store.ts';
import { calendarForUnit } from './calendar-for-unit.ts';
import type { BusinessCalendar } from '../domain/contracts.ts';
import { validateCalendar } from '../domain/calendar/index.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import { authorize } from '../security/authorize.ts';
import { nodeInScope, nodeReadable, scopeOf, visibleNodes, type UserRef } from '../security/scope.ts';

/** The user's subtree plus the chain of nodes above it. */
export async function listVisibleNodes(deps: Deps, user: UserRef): Promise<OrgNode[]> {
  return visibleNodes(await listOrgNodes(deps.db), await scopeOf(deps.db, user), user);
}

/** A unit's calendar, for a user who may read it (inside the subtree, or a department below it). */
export async function readUnitCalendar(deps: Deps, user: UserRef, unitId: string): Promise<BusinessCalendar> {
  const unit = await findOrgNode(deps.db, unitId);
  const readable = unit && nodeReadable(await listOrgNodes(deps.db), await scopeOf(deps.db, user), user, unit.id);
  if (unit?.kind !== 'unit' || !readable) throw notFound(`unit '${unitId}'`);
  return calendarForUnit(deps.db, unit.id);
}

/** Saves a new version of a unit's calendar in scope (`calendar.edit`); deadlines already computed are not rewritten. */
export async function saveUnitCalendar(
  deps: Deps,
  user: UserRef,
  unitId: string,
  body: Record<string, unknown>,
): Promise<BusinessCalendar> {
  authorize(user, 'calendar.edit');
  const unit = await findOrgNode(deps.db, unitId);
  if (unit?.kind !== 'unit' || !nodeInScope(await scopeOf(deps.db, user), unit.id)) throw notFound(`unit '${unitId}'`);
  const checked = validateCalendar({ ...body, version: 1 });
  if (!checked.ok) {
    const first = checked.errors[0];
    throw new DomainError('VALIDATION', `${first.path}: ${first.message}`, { field: first.path });
  }
  const { version: _ignored, ...config } = checked.value;
  return saveCalendarVersion(deps.db, unit.id, config, user.id);
}
