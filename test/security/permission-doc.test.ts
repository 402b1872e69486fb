/** The permission table is data; the document is generated from it and every action has an owner. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ACTION_TYPES } from '../../src/domain/lifecycle/index.ts';
import { ACTION_ROLES, ROLES, ROLE_CAPABILITIES, roleMayTake } from '../../src/security/permissions.ts';
import { SECURITY_DOC, withGeneratedTable } from '../../src/security/permission-doc.ts';

test('docs/SECURITY.md carries the permission table generated from src/security/permissions.ts (regenerate: node --import tsx src/security/permission-doc.ts --write)', () => {
  const doc = readFileSync(SECURITY_DOC, 'utf8');
  assert.equal(doc, withGeneratedTable(doc), 'docs/SECURITY.md is stale');
});

test('every lifecycle action is decided in the permission table (an unlisted action would be denied to everyone)', () => {
  const missing = ACTION_TYPES.filter((a) => !ACTION_ROLES[a]);
  assert.deepEqual(missing, [], `add these actions to ACTION_ROLES: ${missing.join(', ')}`);
});

test('R-LC-5: the auditor acts on nothing, a department handler never answers the customer, approvals are not the specialist’s', () => {
  assert.deepEqual(
    ACTION_TYPES.filter((a) => roleMayTake('auditor', a)),
    [],
  );
  for (const a of ['qualify', 'dispatch', 'reply', 'interim_reply', 'close', 'approve_reply'] as const)
    assert.equal(roleMayTake('handler', a), false, a);
  for (const a of ['acknowledge', 'return', 'report', 'note'] as const) assert.equal(roleMayTake('handler', a), true, a);
  for (const a of ['approve_reply', 'approve_extension', 'set_level'] as const) {
    assert.equal(roleMayTake('specialist', a), false, a);
    for (const r of ['qa', 'manager', 'admin']) assert.equal(roleMayTake(r, a), true, `${r} ${a}`);
  }
  assert.equal(roleMayTake('no-such-role', 'note'), false, 'an unknown role may do nothing');
  for (const r of ROLES) assert.ok(ROLE_CAPABILITIES[r].includes('complaint.read'), `${r} reads complaints in scope`);
});
