/**
 * Shared by the security tests: complaints placed at known points of the demo organisation, and an
 * independent statement of who should see them (from the demo tree, not from src/security), so the
 * tests check the server's scope rather than repeat it.
 */
import assert from 'node:assert/strict';
import { DEMO_NODES, DEMO_USERS } from '../../src/seed/demo-org.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { ROLE_SCOPE, type Role } from '../../src/security/permissions.ts';

export interface Placed {
  id: string;
  unitId: string;
  leadDepartmentId: string | null;
}

let serial = 0;

export interface PlaceOptions {
  phone?: string;
  /** Who registers and dispatches it (a user the test built, with the unit in scope); the demo admin if not given. */
  as?: { email: string };
}

/**
 * Registers a complaint as the admin (whole tree in scope), or as `as`, and, if given, dispatches it to a
 * department. The fourth argument is the customer's phone, or options (phone, user to act as).
 */
export async function placeComplaint(
  t: TestApp,
  unitId: string,
  leadDepartmentId: string | null,
  phoneOrOptions: string | PlaceOptions = {},
): Promise<Placed> {
  const o: PlaceOptions = typeof phoneOrOptions === 'string' ? { phone: phoneOrOptions } : phoneOrOptions;
  const phone = o.phone ?? '13800138001';
  const actor = o.as ? { as: o.as } : { role: 'admin' };
  serial++;
  const res = await t.api(
    'POST',
    '/api/complaints',
    {
      unitId,
      channel: 'phone',
      customer: { name: '张伟', phone, email: 'zhang.wei@example.com' },
      title: `安全测试投诉 ${serial}`,
      content: '用于权限测试的投诉内容',
    },
    actor,
  );
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json().id as string;
  if (leadDepartmentId) {
    for (const body of [
      { type: 'qualify', result: 'valid' },
      { type: 'dispatch', leadDepartmentId },
    ]) {
      const r = await t.api('POST', `/api/complaints/${id}/actions`, body, actor);
      assert.equal(r.statusCode, 200, r.body);
    }
  }
  return { id, unitId, leadDepartmentId };
}

export function demoUser(role: string) {
  const u = DEMO_USERS.find((x) => x.role === role);
  if (!u) throw new Error(`no demo user with role ${role}`);
  return u;
}

function ancestorsAndSelf(nodeId: string): string[] {
  const out: string[] = [];
  for (let n = DEMO_NODES.find((x) => x.id === nodeId); n; n = n.parentId ? DEMO_NODES.find((x) => x.id === n!.parentId) : undefined)
    out.push(n.id);
  return out;
}

/** A node lies in a user's organisation subtree when the user's node is the node or above it. */
export function underUser(role: string, nodeId: string): boolean {
  return ancestorsAndSelf(nodeId).includes(demoUser(role).orgNodeId);
}

/** Expected visibility: department-scoped roles see what is dispatched to their department, the others their subtree. */
export function expectInScope(role: string, c: Placed): boolean {
  if (ROLE_SCOPE[role as Role] === 'department') return c.leadDepartmentId !== null && underUser(role, c.leadDepartmentId);
  return underUser(role, c.unitId);
}
