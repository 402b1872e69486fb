/**
 * Text input (issue #19): a required title or name must show something — not only spaces, control or
 * zero-width characters — and JSON bodies are taken as sent, never coerced (a number is not a title).
 * Query strings, which are text, are still read as numbers and booleans where the schema says so.
 * The test owns its organisation and users (test/helpers/factories.ts): a real-estate unit, and an
 * administrator and a manager at its group.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createSecApp, type SecApp } from './helpers.ts';
import { buildCompany, buildGroup, buildUnit, buildUser, type Unit, type User } from '../helpers/factories.ts';

let t: SecApp;
let unit: Unit;
let users: Record<'admin' | 'manager', User>;
before(async () => {
  t = await createSecApp();
  const group = await buildGroup(t);
  unit = await buildUnit(t, {
    pack: 'real-estate',
    companyId: (await buildCompany(t, { groupId: group.id })).id,
    settings: { portal: true },
  });
  users = {
    admin: await buildUser(t, { role: 'admin', orgNodeId: group.id }),
    manager: await buildUser(t, { role: 'manager', orgNodeId: group.id }),
  };
});
after(async () => t?.close());

const intake = (extra: Record<string, unknown> = {}, customer: Record<string, unknown> = {}) => ({
  unitId: unit.id,
  channel: 'phone',
  customer: { name: '张三', phone: '13800138000', ...customer },
  title: '标题',
  content: '内容',
  ...extra,
});

/** Only spaces (ASCII, no-break, ideographic), tabs and newlines, zero-width and format characters. */
const BLANKS = [
  '   ',
  '\t\n',
  '\u3000\u3000',
  '\u00a0',
  '\u200b\u200b',
  '\u200c\u200d',
  '\ufeff',
  '\u2060',
  ' \u200b \u3000 ',
  '\u00ad',
  '\u202e',
];

async function refused(method: 'POST' | 'PUT', url: string, body: unknown, field: string, role: keyof typeof users = 'admin') {
  await t.tokenFor(users[role]); // logged in before counting: a login writes a session
  const before = await t.tableCounts();
  const res = await t.api(method, url, body, { as: users[role] });
  assert.equal(res.statusCode, 400, `${url} ${JSON.stringify(body)}: ${res.body}`);
  assert.equal(res.json().error.field, field);
  const { login_failures: _a, ...a } = await t.tableCounts();
  const { login_failures: _b, ...b } = before;
  assert.deepEqual(a, b, 'nothing is written');
  return res.json().error.message as string;
}

test('R-IN-1: a complaint title, content or customer name of only blank or zero-width characters is a 400 naming the field', async () => {
  for (const blank of BLANKS) {
    const msg = await refused('POST', '/api/complaints', intake({ title: blank }), 'title');
    assert.match(msg, /visible character/);
    await refused('POST', '/api/complaints', intake({ content: blank }), 'content');
    await refused('POST', '/api/complaints', intake({}, { name: blank }), 'customer.name');
  }
  // Text with something visible in it, blanks around it included, is taken.
  for (const title of ['  退款 ', '\u200b退款', 'A', '😀']) {
    const res = await t.api('POST', '/api/complaints', intake({ title }), { as: users.admin });
    assert.equal(res.statusCode, 201, `${JSON.stringify(title)}: ${res.body}`);
  }
});

const portalDefaults = (): Record<string, unknown> => ({
  unitId: unit.id,
  customer: { name: '张三', phone: '13800138000' },
  title: 't',
  content: 'c',
});

test('R-IN-5: the portal refuses blank or zero-width titles, contents and names the same way', async () => {
  for (const blank of ['  ', '\u200b', '\u3000']) {
    for (const [body, field] of [
      [{ title: blank }, 'title'],
      [{ content: blank }, 'content'],
      [{ customer: { name: blank, phone: '13800138000' } }, 'customer.name'],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/portal/complaints', payload: { ...portalDefaults(), ...body } });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.field, field);
    }
  }
});

test('other required names: a user name, an API token name, a special-report title, emergency team and commander, an action owner', async () => {
  await refused(
    'POST',
    '/api/users',
    { email: 'blank.name@example.com', name: '\u200b ', role: 'agent', orgNodeId: unit.id, password: 'a-long-enough-password-1' },
    'name',
  );
  await refused('POST', '/api/auth/tokens', { name: '\u3000' }, 'name', 'manager');
  const id = (await t.api('POST', '/api/complaints', intake({ title: '重大投诉' }), { as: users.admin })).json().id as string;
  // Schema validation comes before the complaint is looked at, so any complaint will do.
  await refused('PUT', `/api/complaints/${id}/special-report`, { title: '  ' }, 'title');
  await refused('POST', `/api/complaints/${id}/emergency`, { team: ['张三', '\u200b'] }, 'team[1]');
  await refused('POST', `/api/complaints/${id}/emergency`, { commanderName: ' ', team: ['张三'] }, 'commanderName');
  await refused('POST', `/api/complaints/${id}/capa/actions`, { description: '整改', owner: '\ufeff', dueDate: '2026-12-31' }, 'owner');
});

test('JSON bodies are not coerced: a number, a boolean or an array where text is expected is a 400 naming the field', async () => {
  for (const [body, field] of [
    [intake({ title: 123 }), 'title'],
    [intake({ content: true }), 'content'],
    [intake({ title: ['标题'] }), 'title'],
    [intake({}, { name: 42 }), 'customer.name'],
    [intake({ complainantCount: '3' }), 'complainantCount'],
    [intake({ flags: { media: 'true' } }), 'flags.media'],
  ] as const) {
    const msg = await refused('POST', '/api/complaints', body, field);
    assert.match(msg, /must be (string|integer|boolean)/);
  }
});

test('query strings are still read as numbers and booleans where the schema says so', async () => {
  const res = await t.api('GET', '/api/complaints?limit=1&overdue=false&status=received', undefined, { as: users.admin });
  assert.equal(res.statusCode, 200, res.body);
  assert.ok(res.json().items.length <= 1);
  const bad = await t.api('GET', '/api/complaints?limit=abc', undefined, { as: users.admin });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.field, 'limit');
});
