/** The scope rules that need no database: who has no organisation node, and unknown roles (fail closed). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complaintInScope, nodeInScope, scopeOf } from '../../src/security/scope.ts';

const row = { unit_id: 'u-fuel-s1', lead_department_id: 'u-fuel-s1-ops', co_department_ids: [] as string[] };
const noDb = null as never; // these cases must decide without reading the organisation tree

test('scope: the administrator created from the environment (no organisation node) sees the whole installation', async () => {
  const s = await scopeOf(noDb, { id: 'a', role: 'admin', orgNodeId: null });
  assert.equal(complaintInScope(s, row), true);
  assert.equal(nodeInScope(s, 'u-fuel-s1'), true);
});

test('scope: any other role without an organisation node, and any unknown role, sees nothing', async () => {
  for (const user of [
    { id: 'b', role: 'agent', orgNodeId: null },
    { id: 'c', role: 'auditor', orgNodeId: null },
    { id: 'd', role: 'superuser', orgNodeId: 'grp' },
  ]) {
    const s = await scopeOf(noDb, user);
    assert.equal(complaintInScope(s, row), false, user.role);
    assert.equal(nodeInScope(s, 'u-fuel-s1'), false, user.role);
  }
});
